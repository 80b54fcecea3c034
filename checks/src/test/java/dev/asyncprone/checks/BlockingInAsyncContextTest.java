package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class BlockingInAsyncContextTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  @Test
  public void joinInThenApplyCallback() {
    helper
        .addSourceLines(
            "OrderService.java",
            "import java.util.concurrent.CompletableFuture;",
            "class OrderService {",
            "  CompletableFuture<String> order = new CompletableFuture<>();",
            "  CompletableFuture<Integer> price(String o) { return CompletableFuture.completedFuture(1); }",
            "  CompletableFuture<Integer> total() {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return order.thenApply(o -> price(o).join());",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "join() blocks the thread that completes 'order' (this lambda is a thenApply"
                        + " callback and runs there); compose instead: thenCompose(...)"))
        .doTest();
  }

  @Test
  public void thenApplyJoinBecomesThenCompose() {
    refactoring
        .addInputLines(
            "OrderService.java",
            "import java.util.concurrent.CompletableFuture;",
            "class OrderService {",
            "  CompletableFuture<Integer> price(String o) { return CompletableFuture.completedFuture(1); }",
            "  CompletableFuture<Integer> total(CompletableFuture<String> order) {",
            "    return order.thenApply(o -> price(o).join());",
            "  }",
            "}")
        .addOutputLines(
            "OrderService.java",
            "import java.util.concurrent.CompletableFuture;",
            "class OrderService {",
            "  CompletableFuture<Integer> price(String o) { return CompletableFuture.completedFuture(1); }",
            "  CompletableFuture<Integer> total(CompletableFuture<String> order) {",
            "    return order.thenCompose(o -> price(o));",
            "  }",
            "}")
        .doTest();
  }
}
