package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class AsyncVoidTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(AsyncVoid.class, getClass())
          .setArgs(TwinsOff.ERROR_PRONE_AND_UNOBSERVED_FUTURE);
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(AsyncVoid.class, getClass())
          .setArgs(TwinsOff.ERROR_PRONE_AND_UNOBSERVED_FUTURE);

  @Test
  public void voidMethodEndingInADroppedFuture() {
    helper
        .addSourceLines(
            "Notifier.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "class Notifier {",
            "  CompletableFuture<Void> sendAsync(String to) { return"
                + " new CompletableFuture<>(); }",
            "  ListenableFuture<String> ship(String order) { return"
                + " com.google.common.util.concurrent.SettableFuture.create(); }",
            "  Future<String> email(String to) { return"
                + " io.vertx.core.Promise.<String>promise().future(); }",
            "  // BUG: Diagnostic matches: MESSAGE",
            "  void notifyCustomer(String email) {",
            "    System.out.println(email);",
            "    sendAsync(email).thenRun(() -> System.out.println(\"sent\"));",
            "  }",
            "  // BUG: Diagnostic contains: Return the CompletableFuture instead; that changes a"
                + " signature",
            "  public void notifyPublic(String email) {",
            "    sendAsync(email);",
            "  }",
            "  // BUG: Diagnostic contains: ship(order) returns a ListenableFuture",
            "  private void shipLater(String order) {",
            "    ship(order);",
            "  }",
            "  // BUG: Diagnostic contains: email(to) returns a Future",
            "  void mail(String to) {",
            "    email(to);",
            "  }",
            "  // BUG: Diagnostic contains: returns a Future",
            "  void report(ExecutorService pool) {",
            "    pool.submit(() -> System.out.println(\"report\"));",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "notifyCustomer() starts async work (thenRun(...) returns a"
                        + " CompletableFuture) and returns void, dropping it: its callers can"
                        + " neither wait for it nor see it fail, the Java twin of async void."
                        + " Return the CompletableFuture instead."))
        .doTest();
  }

  @Test
  public void voidMethodEndingInAnIfWhoseBranchesDropTheFuture() {
    // The miss: the last statement is an if, and each branch ends by dropping the future.
    helper
        .addSourceLines(
            "Sync.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Sync {",
            "  CompletableFuture<Void> refreshAsync(String k) { return new CompletableFuture<>();"
                + " }",
            "  CompletableFuture<Void> loadAsync(String k) { return new CompletableFuture<>(); }",
            "  // BUG: Diagnostic contains: as does the last call of each other branch",
            "  void sync(String k, boolean cached) {",
            "    System.out.println(k);",
            "    if (cached) {",
            "      refreshAsync(k);",
            "    } else if (k.isEmpty()) {",
            "      loadAsync(\"default\");",
            "    } else {",
            "      loadAsync(k);",
            "    }",
            "  }",
            "  // One path starts nothing: still async void on the other.",
            "  // BUG: Diagnostic contains: AsyncVoid",
            "  void maybe(String k, boolean enabled) {",
            "    if (enabled) {",
            "      refreshAsync(k);",
            "    }",
            "  }",
            "  // A branch that ends doing something else: not the method's outcome.",
            "  void mixed(String k, boolean cached) {",
            "    if (cached) {",
            "      refreshAsync(k);",
            "    } else {",
            "      System.out.println(k);",
            "    }",
            "  }",
            "}")
        .doTest();
    refactoring
        .addInputLines(
            "Sync.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Sync {",
            "  CompletableFuture<Void> refreshAsync(String k) { return new CompletableFuture<>();"
                + " }",
            "  CompletableFuture<Void> loadAsync(String k) { return new CompletableFuture<>(); }",
            "  void sync(String k, boolean cached) {",
            "    if (k == null) {",
            "      return;",
            "    }",
            "    if (cached) {",
            "      refreshAsync(k);",
            "    } else {",
            "      loadAsync(k);",
            "    }",
            "  }",
            "  // A path that starts nothing would need a value of its own: no fix.",
            "  void maybe(String k, boolean enabled) {",
            "    if (enabled) {",
            "      refreshAsync(k);",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Sync.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Sync {",
            "  CompletableFuture<Void> refreshAsync(String k) { return new CompletableFuture<>();"
                + " }",
            "  CompletableFuture<Void> loadAsync(String k) { return new CompletableFuture<>(); }",
            "  CompletableFuture<Void> sync(String k, boolean cached) {",
            "    if (k == null) {",
            "      return CompletableFuture.completedFuture(null);",
            "    }",
            "    if (cached) {",
            "      return refreshAsync(k);",
            "    } else {",
            "      return loadAsync(k);",
            "    }",
            "  }",
            "  // A path that starts nothing would need a value of its own: no fix.",
            "  void maybe(String k, boolean enabled) {",
            "    if (enabled) {",
            "      refreshAsync(k);",
            "    }",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void springAsyncVoid() {
    helper
        .addSourceLines(
            "Mailer.java",
            "import org.springframework.scheduling.annotation.Async;",
            "class Mailer {",
            "  // BUG: Diagnostic matches: MESSAGE",
            "  @Async void send(String to) { System.out.println(to); }",
            "  @Async",
            "  // BUG: Diagnostic contains: no fix is suggested",
            "  public void sendPublic(String to) { System.out.println(to); }",
            "  @Async private void ignoredBySpring(String to) {}",
            "}")
        .addSourceLines(
            "Reports.java",
            "import org.springframework.scheduling.annotation.Async;",
            "@Async",
            "class Reports {",
            "  // BUG: Diagnostic contains: is @Async and returns void",
            "  public void render() {}",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "send() is @Async and returns void: Spring runs it on another thread, and its"
                        + " callers can neither wait for it nor see it fail (an exception goes"
                        + " only to the AsyncUncaughtExceptionHandler, which logs it by default),"
                        + " the Java twin of async void. Return CompletableFuture<Void> instead."))
        .doTest();
  }

  @Test
  public void leftAlone() {
    helper
        .addSourceLines(
            "Jobs.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Future;",
            "import org.springframework.scheduling.annotation.Async;",
            "import reactor.core.publisher.Mono;",
            "class Jobs implements Runnable {",
            "  CompletableFuture<Void> sendAsync(String to) { return"
                + " new CompletableFuture<>(); }",
            "  Mono<Void> audit() { return Mono.empty(); }",
            "  // Handles failure: a deliberate fire-and-forget.",
            "  void warm() {",
            "    sendAsync(\"cache\").whenComplete((v, e) -> {});",
            "  }",
            "  // Returns the future.",
            "  CompletableFuture<Void> send() { return sendAsync(\"x\"); }",
            "  @Async CompletableFuture<Void> sendLater() { return sendAsync(\"x\"); }",
            "  // Overrides a void method: the signature is not this class's to change.",
            "  @Override public void run() { sendAsync(\"x\"); }",
            "  // Drops the future in the middle, not at the end.",
            "  void middle() { sendAsync(\"x\"); System.out.println(); }",
            "  // A publisher never subscribed starts nothing: that is UnobservedFuture's finding.",
            "  void lazy() { audit(); }",
            "  // The value is stored.",
            "  CompletableFuture<Void> last;",
            "  void store() { last = sendAsync(\"x\"); }",
            "  public static void main(String[] args) { new Jobs().sendAsync(\"x\"); }",
            "  void nothing() {}",
            "  abstract static class Base { abstract void go(); }",
            "}")
        .doTest();
  }

  @Test
  public void returnTheFuture() {
    refactoring
        .addInputLines(
            "Notifier.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "class Notifier {",
            "  CompletableFuture<String> sendAsync(String to) { return"
                + " new CompletableFuture<>(); }",
            "  void notifyCustomer(String email) {",
            "    if (email.isEmpty()) {",
            "      return;",
            "    }",
            "    Runnable r = () -> { return; };",
            "    sendAsync(email).thenApply(String::trim);",
            "  }",
            "  private void report(ExecutorService pool) {",
            "    pool.submit(() -> System.out.println(\"report\"));",
            "  }",
            "  void caller(ExecutorService pool) {",
            "    notifyCustomer(\"a@b.c\");",
            "    report(pool);",
            "  }",
            "  @org.springframework.scheduling.annotation.Scheduled(fixedRate = 1000) void poll()"
                + " {",
            "    sendAsync(\"ops\");",
            "  }",
            "  void nested(CompletableFuture<String> to) {",
            "    to.thenApply(t -> sendAsync(t));",
            "  }",
            "}")
        .addOutputLines(
            "Notifier.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class Notifier {",
            "  CompletableFuture<String> sendAsync(String to) { return"
                + " new CompletableFuture<>(); }",
            "  CompletableFuture<String> notifyCustomer(String email) {",
            "    if (email.isEmpty()) {",
            "      return CompletableFuture.completedFuture(null);",
            "    }",
            "    Runnable r = () -> { return; };",
            "    return sendAsync(email).thenApply(String::trim);",
            "  }",
            "  private Future<?> report(ExecutorService pool) {",
            "    return pool.submit(() -> System.out.println(\"report\"));",
            "  }",
            "  void caller(ExecutorService pool) {",
            "    notifyCustomer(\"a@b.c\");",
            "    report(pool);",
            "  }",
            "  @org.springframework.scheduling.annotation.Scheduled(fixedRate = 1000) void poll()"
                + " {",
            "    sendAsync(\"ops\");",
            "  }",
            "  void nested(CompletableFuture<String> to) {",
            "    to.thenApply(t -> sendAsync(t));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void springAsyncReturnsCompletableFuture() {
    refactoring
        .addInputLines(
            "Mailer.java",
            "import org.springframework.scheduling.annotation.Async;",
            "class Mailer {",
            "  @Async void send(String to) {",
            "    if (to.isEmpty()) {",
            "      return;",
            "    }",
            "    System.out.println(to);",
            "  }",
            "  @Async void nothing() {}",
            "  @Async void fails(String to) {",
            "    throw new IllegalStateException(to);",
            "  }",
            "}")
        .addOutputLines(
            "Mailer.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.springframework.scheduling.annotation.Async;",
            "class Mailer {",
            "  @Async CompletableFuture<Void> send(String to) {",
            "    if (to.isEmpty()) {",
            "      return CompletableFuture.completedFuture(null);",
            "    }",
            "    System.out.println(to);",
            "    return CompletableFuture.completedFuture(null);",
            "  }",
            "  @Async CompletableFuture<Void> nothing() { return"
                + " CompletableFuture.completedFuture(null); }",
            "  @Async CompletableFuture<Void> fails(String to) {",
            "    throw new IllegalStateException(to);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Odd.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Odd {",
            "  record Job(String id) {",
            "    Job { System.out.println(id); }",
            "    // BUG: Diagnostic contains: go() starts async work",
            "    void go() { CompletableFuture.runAsync(() -> System.out.println(id)); }",
            "  }",
            "  enum Mode { A;",
            "    // BUG: Diagnostic contains: starts async work",
            "    void go() { CompletableFuture.runAsync(() -> {}); }",
            "  }",
            "  interface Task { default void go() {} }",
            "  <T extends CompletableFuture<String>> void generic(T t) {",
            "    Runnable r = new Runnable() { @Override public void run() { t.thenApply(s -> s); }"
                + " };",
            "  }",
            "}")
        .doTest();
  }
}
