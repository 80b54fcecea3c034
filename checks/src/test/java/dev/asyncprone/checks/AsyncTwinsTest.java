package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * A method whose class also has its async twin ({@code get} and {@code getAsync}, {@code send} and
 * {@code sendAsync}) blocks where the twin would not: a finding in a callback, with a fix that
 * composes the twin where the types line up.
 */
@RunWith(JUnit4.class)
public class AsyncTwinsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  /** A client library as they are written: plain methods with async twins, on an interface. */
  private static final String[] CLIENT = {
    "package kv;",
    "import java.util.concurrent.CompletableFuture;",
    "import reactor.core.publisher.Mono;",
    "public interface Client<K, V> {",
    "  V get(K key);",
    "  CompletableFuture<V> getAsync(K key);",
    "  void send(String message);",
    "  CompletableFuture<Void> sendAsync(String message);",
    "  long count(String prefix);",
    "  Mono<Long> countAsync(String prefix);",
    "  String describe(int depth);",
    "  CompletableFuture<String> describeAsync(long depth);",
    "  CompletableFuture<String> refresh();",
    "  CompletableFuture<String> refreshAsync();",
    "  String ping();",
    "}"
  };

  @Test
  public void thePlainTwinBlocksInACallback() {
    helper
        .addSourceLines("Client.java", CLIENT)
        .addSourceLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import kv.Client;",
            "class Orders {",
            "  Client<String, Integer> kv;",
            "  CompletableFuture<Void> f(CompletableFuture<String> id) {",
            "    // BUG: Diagnostic contains: Client.get() is the blocking twin of getAsync() and"
                + " blocks the thread that completes 'id' (this lambda is a thenApply callback and"
                + " runs there); call its async twin getAsync() and compose it: thenCompose(...)",
            "    return id.thenApply(i -> kv.get(i))",
            "        // BUG: Diagnostic contains: Client.send() is the blocking twin of"
                + " sendAsync()",
            "        .thenAccept(n -> kv.send(\"got \" + n));",
            "  }",
            "  CompletableFuture<String> g(CompletableFuture<String> id) {",
            "    return id.thenApply(i -> kv.describe(1))",
            "        .thenCompose(d -> kv.refresh())",
            "        .thenApply(d -> kv.ping());",
            "  }",
            "}")
        .doTest();
  }

  /** CompletableFuture's own thenApply and thenApplyAsync are not a blocking pair. */
  @Test
  public void methodsThatReturnFuturesAreNotBlockingTwins() {
    helper
        .addSourceLines(
            "Stages.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Stages {",
            "  CompletableFuture<Integer> f(CompletableFuture<CompletableFuture<Integer>> s) {",
            "    return s.thenApply(x -> x.thenApply(y -> y + 1))",
            "        .thenCompose(x -> x.whenComplete((r, e) -> {}));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void composesTheTwinOfAFutureInThenApply() {
    refactoring
        .addInputLines("Client.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import kv.Client;",
            "class Orders {",
            "  Client<String, Integer> kv;",
            "  CompletableFuture<Integer> f(CompletableFuture<String> id) {",
            "    return id.thenApply(i -> kv.get(i));",
            "  }",
            "}")
        .addOutputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import kv.Client;",
            "class Orders {",
            "  Client<String, Integer> kv;",
            "  CompletableFuture<Integer> f(CompletableFuture<String> id) {",
            "    return id.thenCompose(i -> kv.getAsync(i));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void composesTheTwinOfAMonoInMap() {
    refactoring
        .addInputLines("Client.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "Counts.java",
            "import kv.Client;",
            "import reactor.core.publisher.Mono;",
            "class Counts {",
            "  Client<String, Integer> kv;",
            "  Mono<Long> f(Mono<String> prefix) {",
            "    return prefix.map(p -> kv.count(p));",
            "  }",
            "}")
        .addOutputLines(
            "Counts.java",
            "import kv.Client;",
            "import reactor.core.publisher.Mono;",
            "class Counts {",
            "  Client<String, Integer> kv;",
            "  Mono<Long> f(Mono<String> prefix) {",
            "    return prefix.flatMap(p -> kv.countAsync(p));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * No fix where it would change what the chain is: a void twin in thenAccept (thenCompose would
   * make a CompletableFuture of the twin's Void, the same, but thenAccept is no map), a twin that
   * carries another type, a lambda that does more than call it.
   */
  @Test
  public void noFixWhereTheTypesDoNotLineUp() {
    refactoring
        .addInputLines("Client.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "Orders.java",
            "import java.util.concurrent.CompletableFuture;",
            "import kv.Client;",
            "class Orders {",
            "  Client<String, Integer> kv;",
            "  CompletableFuture<Void> f(CompletableFuture<String> id) {",
            "    return id.thenAccept(i -> kv.send(i));",
            "  }",
            "  CompletableFuture<Number> g(CompletableFuture<String> id) {",
            "    return id.<Number>thenApply(i -> kv.get(i) + 1);",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }
}
