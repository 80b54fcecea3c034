package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * A {@code join()} in part of a {@code thenApply} callback's result, on a future that does not
 * depend on the callback's value: the rewrite is {@code thenCombine}, never {@code thenCompose}; a
 * fix only where {@code thenCombine} keeps behaviour.
 */
@RunWith(JUnit4.class)
public class BlockingInAsyncContextCombineTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  private static final String[] PRICING = {
    "import java.util.concurrent.CompletableFuture;",
    "class Pricing {",
    "  record Price(int cents, String sku) {}",
    "  CompletableFuture<Integer> stock(String sku) {"
        + " return CompletableFuture.completedFuture(1); }",
  };

  private static String[] pricing(String... lines) {
    String[] all = new String[PRICING.length + lines.length + 1];
    System.arraycopy(PRICING, 0, all, 0, PRICING.length);
    System.arraycopy(lines, 0, all, PRICING.length, lines.length);
    all[all.length - 1] = "}";
    return all;
  }

  @Test
  public void anIndependentJoinInAnExpressionSaysThenCombine() {
    helper
        .addSourceLines(
            "Pricing.java",
            pricing(
                "  CompletableFuture<Integer> total(CompletableFuture<Price> price, String sku) {",
                "    // BUG: Diagnostic contains: join() blocks the thread that completes 'price'"
                    + " (this lambda is a thenApply callback and runs there); combine instead:"
                    + " thenCombine(stock(sku), (value, other) -> ...), since that future does not"
                    + " depend on this callback's value",
                "    return price.thenApply(p -> p.cents() * stock(sku).join());",
                "  }"))
        .doTest();
  }

  @Test
  public void aJoinThatDependsOnTheValueSaysThenCompose() {
    helper
        .addSourceLines(
            "Pricing.java",
            pricing(
                "  CompletableFuture<Integer> total(CompletableFuture<Price> price) {",
                "    // BUG: Diagnostic contains: compose instead: thenCompose(...)",
                "    return price.thenApply(p -> p.cents() * stock(p.sku()).join());",
                "  }",
                "  CompletableFuture<Integer> local(CompletableFuture<Price> price) {",
                "    return price.thenApply(p -> {",
                "      String sku = p.sku();",
                "      // BUG: Diagnostic contains: compose instead: thenCompose(...)",
                "      return p.cents() * stock(sku).join();",
                "    });",
                "  }",
                "  CompletableFuture<Integer> whole(CompletableFuture<Price> price, String sku) {",
                "    // BUG: Diagnostic contains: compose instead: thenCompose(...)",
                "    return price.thenApply(p -> stock(sku).join());",
                "  }",
                "  CompletableFuture<Integer> sometimes(CompletableFuture<Price> price, String sku)"
                    + " {",
                "    // BUG: Diagnostic contains: compose instead: thenCompose(...)",
                "    return price.thenApply(p -> p.cents() == 0 ? 0 : stock(sku).join());",
                "  }"))
        .doTest();
  }

  @Test
  public void noFixWhereTheFutureIsACall() {
    // thenCombine(stock(sku), ...) would call stock(sku) before 'price' completes, even if it
    // fails: not the same program. No fix, only the advice.
    refactoring
        .addInputLines(
            "Pricing.java",
            pricing(
                "  CompletableFuture<Integer> total(CompletableFuture<Price> price, String sku) {",
                "    return price.thenApply(p -> p.cents() * stock(sku).join());",
                "  }"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void noFixWhereTheJoinRunsOnlySometimesOrTheVariableChanges() {
    refactoring
        .addInputLines(
            "Pricing.java",
            pricing(
                "  CompletableFuture<Integer> cond(CompletableFuture<Price> price, String sku) {",
                "    CompletableFuture<Integer> stock = stock(sku);",
                "    return price.thenApply(p -> p.cents() == 0 ? 0 : p.cents() * stock.join());",
                "  }",
                "  CompletableFuture<Integer> typed(CompletableFuture<Price> price, String sku) {",
                "    CompletableFuture<Integer> stock = stock(sku);",
                "    return price.thenApply((Price p) -> p.cents() * stock.join());",
                "  }",
                "  CompletableFuture<Integer> async(CompletableFuture<Price> price, String sku) {",
                "    CompletableFuture<Integer> stock = stock(sku);",
                "    return price.thenApplyAsync(p -> p.cents() * stock.join());",
                "  }"))
        .expectUnchanged()
        .doTest();
  }

  private static final String[] COMBINED =
      pricing(
          "  CompletableFuture<Integer> total(CompletableFuture<Price> price, String sku) {",
          "    CompletableFuture<Integer> stock = stock(sku);",
          "    return price.thenCombine(stock, (p, stockValue) -> p.cents() * stockValue);",
          "  }",
          "  CompletableFuture<Integer> param(",
          "      CompletableFuture<Price> price, CompletableFuture<Integer> tax) {",
          "    return price.thenCombine(tax, (p, taxValue) -> p.cents() + taxValue);",
          "  }");

  @Test
  public void fixWhereTheFutureIsALocalNeverReassigned() {
    refactoring
        .addInputLines(
            "Pricing.java",
            pricing(
                "  CompletableFuture<Integer> total(CompletableFuture<Price> price, String sku) {",
                "    CompletableFuture<Integer> stock = stock(sku);",
                "    return price.thenApply(p -> p.cents() * stock.join());",
                "  }",
                "  CompletableFuture<Integer> param(",
                "      CompletableFuture<Price> price, CompletableFuture<Integer> tax) {",
                "    return price.thenApply((p) -> p.cents() + tax.join());",
                "  }"))
        .addOutputLines("Pricing.java", COMBINED)
        .doTest();
  }

  @Test
  public void theFixedCodeCompilesAndIsClean() {
    helper.addSourceLines("Pricing.java", COMBINED).expectNoDiagnostics().doTest();
  }
}
