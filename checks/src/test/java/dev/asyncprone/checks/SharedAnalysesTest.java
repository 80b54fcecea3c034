package dev.asyncprone.checks;

import static com.google.common.truth.Truth.assertThat;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.ErrorProneInjector;
import com.google.errorprone.scanner.ScannerSupplier;
import dev.asyncprone.model.context.BlockingCalls;
import dev.asyncprone.model.context.Contexts;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The analyses every check shares ({@link Contexts}, {@link BlockingCalls}) are made once per
 * compilation by Error Prone's injector, which makes the checks too: every check of a compilation
 * gets the same instance, and the next compilation, with an injector of its own, another.
 */
@RunWith(JUnit4.class)
public class SharedAnalysesTest {
  @Test
  public void theChecksOfOneCompilationShareOneInstance() throws Exception {
    ErrorProneInjector compilation = injector();
    Contexts contexts = compilation.getInstance(Contexts.class);
    BlockingCalls blockingCalls = compilation.getInstance(BlockingCalls.class);
    for (Class<? extends BugChecker> check :
        List.of(
            BlockingInAsyncContext.class,
            BlockingOnCommonPool.class,
            LockHeldAcrossAwait.class,
            NestedSubscribe.class,
            RedundantAsyncWrap.class,
            UnobservedFuture.class)) {
      BugChecker checker = compilation.getInstance(check);
      assertThat(fieldOf(checker, Contexts.class)).isSameInstanceAs(contexts);
      Object calls = fieldOf(checker, BlockingCalls.class);
      if (calls != null) {
        assertThat(calls).isSameInstanceAs(blockingCalls);
      }
    }
  }

  @Test
  public void theNextCompilationGetsItsOwn() throws Exception {
    Contexts first = injector().getInstance(Contexts.class);
    Contexts next = injector().getInstance(Contexts.class);
    assertThat(next).isNotSameInstanceAs(first);
  }

  @Test
  public void serviceLoaderStillFindsThem() throws Exception {
    for (Class<?> check :
        List.of(BlockingInAsyncContext.class, UnboundedWait.class, AwaitOnceViolation.class)) {
      assertThat(check.getConstructor().newInstance()).isNotNull();
    }
  }

  /** Checks that share the analyses, run together on one compilation, each find their own. */
  @Test
  public void checksThatShareTheAnalysesRunTogether() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                BlockingInAsyncContext.class, BlockingOnCommonPool.class, UnobservedFuture.class),
            getClass())
        .setArgs(TwinsOff.ERROR_PRONE)
        .addSourceLines(
            "Service.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Service {",
            "  CompletableFuture<String> fetch() { return CompletableFuture.completedFuture(\"\");"
                + " }",
            "  CompletableFuture<String> both(CompletableFuture<String> a) {",
            "    // BUG: Diagnostic contains: BlockingInAsyncContext",
            "    return a.thenApply(x -> fetch().join());",
            "  }",
            "  void pool() {",
            "    // BUG: Diagnostic contains: UnobservedFuture",
            "    CompletableFuture.runAsync(() -> {",
            "      try {",
            "        // BUG: Diagnostic contains: BlockingOnCommonPool",
            "        Thread.sleep(1);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  private static ErrorProneInjector injector() {
    return ErrorProneInjector.create().addBinding(ErrorProneFlags.class, ErrorProneFlags.empty());
  }

  private static Object fieldOf(Object checker, Class<?> type) throws IllegalAccessException {
    for (Class<?> c = checker.getClass(); c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getType() == type) {
          field.setAccessible(true);
          return field.get(checker);
        }
      }
    }
    return null;
  }
}
