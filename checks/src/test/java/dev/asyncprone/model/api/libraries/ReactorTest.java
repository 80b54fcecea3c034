package dev.asyncprone.model.api.libraries;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** What Reactor's table says about Mono and Flux. */
@RunWith(JUnit4.class)
public class ReactorTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TableProbe.class, getClass());

  @Test
  public void monoAndFlux() {
    helper
        .addSourceLines(
            "Pipes.java",
            "import java.time.Duration;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Pipes {",
            "  Mono<String> save(String s) { return Mono.empty(); }",
            "  void calls(Mono<String> m, Flux<String> f) {",
            "    // BUG: Diagnostic contains: await block twin=DURATION composable",
            "    m.block();",
            "    // BUG: Diagnostic contains: await block bounded",
            "    m.block(Duration.ofSeconds(1));",
            "    // BUG: Diagnostic contains: await toIterable twin=null later",
            "    f.toIterable();",
            "    // BUG: Diagnostic contains: map twin=flatMap",
            "    m.map(s -> save(s));",
            "    // BUG: Diagnostic contains: map twin=concatMap",
            "    f.map(s -> save(s));",
            "    // BUG: Diagnostic contains: callback twin=concatMap",
            "    f.doOnNext(s -> save(s));",
            "    // BUG: Diagnostic contains: value-wrap",
            "    Mono.just(\"\");",
            "    // BUG: Diagnostic contains: sees-failure",
            "    m.onErrorResume(e -> Mono.empty());",
            "    // BUG: Diagnostic contains: cancellable",
            "    m.toFuture();",
            "    // Flux has no block(): its operators are not Mono's.",
            "    f.take(1);",
            "  }",
            "}")
        .doTest();
  }
}
