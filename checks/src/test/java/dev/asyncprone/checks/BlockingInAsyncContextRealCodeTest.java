package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Shapes found by bench/real-world in real libraries (bench/REAL-WORLD.md): the false positives
 * that must stay quiet, next to the real mistakes that must still be found.
 */
@RunWith(JUnit4.class)
public class BlockingInAsyncContextRealCodeTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  /**
   * Reactor's Mono.defaultIfEmpty, publishOn, subscribeOn: block() on a source that is a
   * Fuseable.ScalarCallable returns its value at once, without waiting.
   */
  @Test
  public void blockOnScalarCallableThisIsKnownDone() {
    helper
        .addSourceLines(
            "MyMono.java",
            "import reactor.core.Fuseable;",
            "import reactor.core.publisher.Mono;",
            "import reactor.core.scheduler.Scheduler;",
            "import java.util.concurrent.Callable;",
            "abstract class MyMono<T> extends Mono<T> {",
            "  public final Mono<T> orDefault(T defaultV) {",
            "    if (this instanceof Fuseable.ScalarCallable) {",
            "      try {",
            "        T v = block();",
            "        return v == null ? Mono.just(defaultV) : this;",
            "      } catch (Throwable e) {",
            "        return this;",
            "      }",
            "    }",
            "    return this;",
            "  }",
            "  public final Mono<T> on(Scheduler scheduler) {",
            "    if (this instanceof Callable) {",
            "      if (this instanceof Fuseable.ScalarCallable) {",
            "        T value = this.block();",
            "        return Mono.justOrEmpty(value).subscribeOn(scheduler);",
            "      }",
            "    }",
            "    return subscribeOn(scheduler);",
            "  }",
            "  static <T> Mono<T> first(Mono<T> source) {",
            "    if (source instanceof Fuseable.ScalarCallable && source != null) {",
            "      return Mono.justOrEmpty(source.block());",
            "    }",
            "    return source;",
            "  }",
            "  static <T> Mono<T> pattern(Mono<T> source) {",
            "    return source instanceof Fuseable.ScalarCallable<?> scalar",
            "        ? Mono.justOrEmpty(source.block())",
            "        : source;",
            "  }",
            "}")
        .doTest();
  }

  /** Still found: no scalar test, a test that does not hold, or a test of another source. */
  @Test
  public void blockWithoutScalarGuardIsStillFound() {
    helper
        .addSourceLines(
            "MyMono.java",
            "import reactor.core.Fuseable;",
            "import reactor.core.publisher.Mono;",
            "abstract class MyMono<T> extends Mono<T> {",
            "  public final Mono<T> orDefault(T defaultV) {",
            "    // BUG: Diagnostic contains: BlockingInAsyncContext",
            "    T v = block();",
            "    return v == null ? Mono.just(defaultV) : this;",
            "  }",
            "  public final Mono<T> negated(T defaultV) {",
            "    if (!(this instanceof Fuseable.ScalarCallable)) {",
            "      // BUG: Diagnostic contains: BlockingInAsyncContext",
            "      return Mono.justOrEmpty(block());",
            "    }",
            "    return this;",
            "  }",
            "  static <T> Mono<T> other(Mono<T> a, Mono<T> b) {",
            "    if (a instanceof Fuseable.ScalarCallable) {",
            "      // BUG: Diagnostic contains: BlockingInAsyncContext",
            "      return Mono.justOrEmpty(b.block());",
            "    }",
            "    return a;",
            "  }",
            "}")
        .doTest();
  }
}
