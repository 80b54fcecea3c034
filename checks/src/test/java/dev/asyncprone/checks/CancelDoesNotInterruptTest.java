package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class CancelDoesNotInterruptTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelDoesNotInterrupt.class, getClass());

  @Test
  public void cancelTrueOnSupplyAsync() {
    helper
        .addSourceLines(
            "Search.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "class Search {",
            "  CompletableFuture<String> running;",
            "  void start(ExecutorService pool) {",
            "    running = CompletableFuture.supplyAsync(this::crawl, pool);",
            "  }",
            "  void stop() {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    running.cancel(true);",
            "  }",
            "  String crawl() { return \"\"; }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                        "cancel(true) on 'running', a CompletableFuture, interrupts nothing:"
                            + " CompletableFuture ignores mayInterruptIfRunning")
                    && msg.contains("ExecutorService.submit() returns, interrupts its thread"))
        .doTest();
  }

  @Test
  public void cancelTrueThroughToCompletableFutureAndConstants() {
    helper
        .addSourceLines(
            "Quotes.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class Quotes {",
            "  static final boolean INTERRUPT = true;",
            "  boolean stop(CompletionStage<Long> quote, CompletableFuture<Long> other) {",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    quote.toCompletableFuture().cancel(true);",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    return other.thenApply(x -> x + 1).cancel(INTERRUPT);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void subclassTypeThatDoesNotOverrideCancel() {
    helper
        .addSourceLines(
            "Tracked.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Tracked<T> extends CompletableFuture<T> {",
            "  static void stop(Tracked<String> t) {",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    t.cancel(true);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void leftAlone() {
    helper
        .addSourceLines(
            "Fine.java",
            "import java.net.URI;",
            "import java.net.http.HttpClient;",
            "import java.net.http.HttpRequest;",
            "import java.net.http.HttpResponse;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Fine {",
            "  void stop(CompletableFuture<String> f, Future<?> task, ListenableFuture<?> lf,"
                + " boolean flag) {",
            "    f.cancel(false);",
            "    f.cancel(flag);",
            "    task.cancel(true);",
            "    lf.cancel(true);",
            "    Future<String> asFuture = f;",
            "    asFuture.cancel(true);",
            "  }",
            "  void submitted(ExecutorService pool) {",
            "    pool.submit(() -> {}).cancel(true);",
            "  }",
            "  void cancellableSources(HttpClient client, Mono<String> mono) {",
            "    HttpRequest request = HttpRequest.newBuilder(URI.create(\"http://x\")).build();",
            "    client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).cancel(true);",
            "    mono.toFuture().cancel(true);",
            "  }",
            "  static class Interrupting<T> extends CompletableFuture<T> {",
            "    @Override public boolean cancel(boolean mayInterrupt) { return"
                + " super.cancel(mayInterrupt); }",
            "    void stop() { cancel(true); }",
            "  }",
            "  static void stopOwn(Interrupting<String> i) { i.cancel(true); }",
            "}")
        .doTest();
  }

  /**
   * lettuce ReconnectionHandler:195 and java-driver ContinuousRequestHandlerBase:409: a future made
   * with {@code new CompletableFuture<>()} and completed by hand; no task runs on it, cancelling it
   * is the signal the code propagates.
   */
  @Test
  public void cancelOnAHandMadeCompleter_realCode() {
    helper
        .addSourceLines(
            "ReconnectionHandler.java",
            "import java.util.concurrent.CompletableFuture;",
            "class ReconnectionHandler {",
            "  private volatile CompletableFuture<String> currentFuture;",
            "  private final CompletableFuture<String> chosenCallback = new CompletableFuture<>();",
            "  private CompletableFuture<String> pendingResult;",
            "  CompletableFuture<String> reconnect() {",
            "    CompletableFuture<String> future = new CompletableFuture<>();",
            "    this.currentFuture = future;",
            "    return future;",
            "  }",
            "  void page(boolean last) {",
            "    pendingResult = last ? null : new CompletableFuture<>();",
            "    pendingResult = null;",
            "    pendingResult = new CompletableFuture<>();",
            "  }",
            "  void prepareClose() {",
            "    CompletableFuture<?> currentFuture = this.currentFuture;",
            "    if (currentFuture != null && !currentFuture.isDone()) {",
            "      currentFuture.cancel(true);",
            "    }",
            "    chosenCallback.cancel(true);",
            "  }",
            "}")
        .doTest();
  }

  /** The same in another style: a local completer handed to a callback API. */
  @Test
  public void cancelOnAHandMadeCompleter_otherStyle() {
    helper
        .addSourceLines(
            "Lookup.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Consumer;",
            "abstract class Lookup {",
            "  abstract void resolve(String host, Consumer<String> done);",
            "  boolean lookUp(String host, boolean give) {",
            "    CompletableFuture<String> address = new CompletableFuture<>();",
            "    resolve(host, address::complete);",
            "    return give && address.cancel(true);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void cancelOnAFutureThatATaskMayComputeIsStillReported() {
    helper
        .addSourceLines(
            "Mixed.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Mixed {",
            "  private CompletableFuture<String> current = new CompletableFuture<>();",
            "  CompletableFuture<String> open;",
            "  void restart() {",
            "    current = CompletableFuture.supplyAsync(() -> \"work\");",
            "  }",
            "  void stop(CompletableFuture<String> given) {",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    current.cancel(true);",
            "    // a field others may assign: its values are not all known",
            "    open = new CompletableFuture<>();",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    open.cancel(true);",
            "    // a parameter: made who knows where",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    given.cancel(true);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Unusual.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Predicate;",
            "class Unusual {",
            "  record Job(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    boolean stop() { return f.cancel(true); }",
            "  }",
            "  enum Kind { A; boolean stop(CompletableFuture<?> f) { return f.cancel(false); } }",
            "  Predicate<Boolean> ref = new CompletableFuture<String>()::cancel;",
            "  void all(List<CompletableFuture<String>> fs) {",
            "    // BUG: Diagnostic contains: CancelDoesNotInterrupt",
            "    fs.forEach(f -> f.cancel(true));",
            "    int n = switch (fs.size()) { case 0 -> 0; default -> fs.get(0).cancel(false) ? 1 :"
                + " 2; };",
            "  }",
            "}")
        .doTest();
  }
}
