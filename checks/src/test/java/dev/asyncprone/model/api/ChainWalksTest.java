package dev.asyncprone.model.api;

import com.google.errorprone.CompilationTestHelper;
import dev.asyncprone.checks.BlockingInAsyncContext;
import dev.asyncprone.model.javac.Trees;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ChainWalksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  /**
   * An operator called on a plain name ({@code orders.map(...)}): walking the chain back to its
   * source reaches {@code orders}, where {@link Trees#receiver} ends the walk (ASTHelpers'
   * getReceiver throws there); likewise the walk from an allOf continuation to its sources.
   */
  @Test
  public void operatorOnANameIsStillAnOperator() {
    helper
        .addSourceLines(
            "Prices.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Prices {",
            "  Mono<Integer> price(String sku) { return Mono.just(1); }",
            "  Flux<Integer> all(Flux<String> skus) {",
            "    // BUG: Diagnostic contains: Reactor map operator",
            "    return skus.map(s -> price(s).block());",
            "  }",
            "  CompletableFuture<Integer> total(CompletableFuture<String> sku,"
                + " CompletableFuture<Integer> tax) {",
            "    return CompletableFuture.allOf(sku, tax).thenApply(v -> tax.join());",
            "  }",
            "}")
        .doTest();
  }
}
