package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.CheckReturnValue;
import com.google.errorprone.bugpatterns.FutureReturnValueIgnored;
import com.google.errorprone.bugpatterns.RxReturnValueIgnored;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * UnobservedFuture and AsyncVoid run beside Error Prone's own checks that report dropped results
 * (the real ones, as a build loads them), and every mistake gets one finding: Error Prone's where
 * its check reports the same call, asyncprone's where it adds something (a CompletionStage, a
 * publisher), and all of asyncprone's where the twin is off. Every diagnostic must match a mark, so
 * a second finding on a line fails the test.
 */
@RunWith(JUnit4.class)
public class OneFindingPerMistakeTest {
  private static final ScannerSupplier TOGETHER =
      ScannerSupplier.fromBugCheckerClasses(
          UnobservedFuture.class,
          AsyncVoid.class,
          FutureReturnValueIgnored.class,
          RxReturnValueIgnored.class,
          CheckReturnValue.class);

  private static final String[] NOTIFIER = {
    "import java.util.List;",
    "import java.util.concurrent.CompletableFuture;",
    "import java.util.concurrent.CompletionStage;",
    "import java.util.concurrent.ExecutorService;",
    "import reactor.core.publisher.Mono;",
    "class Notifier {",
    "  CompletableFuture<Void> sendAsync(String to) { return new CompletableFuture<>(); }",
    "  CompletionStage<Void> stage(String to) { return new CompletableFuture<>(); }",
    "  Mono<Void> audit(String to) { return Mono.empty(); }",
  };

  private CompilationTestHelper together() {
    return CompilationTestHelper.newInstance(TOGETHER, getClass()).matchAllDiagnostics();
  }

  @Test
  public void errorProneReportsTheFuturesItSees_asyncproneTheRest() {
    together()
        .addSourceLines(
            "Notifier.java",
            concat(
                NOTIFIER,
                "  void statement(String to) {",
                "    // BUG: Diagnostic contains: [FutureReturnValueIgnored]",
                "    sendAsync(to);",
                "    System.out.println(to);",
                "  }",
                "  void callbacks(List<String> to) {",
                "    // BUG: Diagnostic contains: [FutureReturnValueIgnored]",
                "    to.forEach(t -> sendAsync(t));",
                "    // BUG: Diagnostic contains: [FutureReturnValueIgnored]",
                "    to.forEach(this::sendAsync);",
                "  }",
                "  // One dropped submit at the end of a void method: one finding, not three.",
                "  void report(ExecutorService pool) {",
                "    // BUG: Diagnostic contains: [FutureReturnValueIgnored]",
                "    pool.submit(() -> System.out.println(\"report\"));",
                "  }",
                "  // What FutureReturnValueIgnored does not see: asyncprone's.",
                "  void stageDropped(String to) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    stage(to);",
                "    System.out.println(to);",
                "  }",
                "  void neverSubscribed(String to) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    audit(to);",
                "    System.out.println(to);",
                "  }",
                "  // AsyncVoid says nothing beside UnobservedFuture on the same statement.",
                "  void stageAtTheEnd(String to) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    stage(to);",
                "  }",
                "  // A future of a future: FutureReturnValueIgnored reports the nesting of"
                    + " Futures.",
                "  CompletableFuture<?> nested(CompletableFuture<String> f) {",
                "    // BUG: Diagnostic contains: [FutureReturnValueIgnored]",
                "    return f.thenApply(x -> sendAsync(x));",
                "  }",
                "  // Of publishers, only asyncprone.",
                "  reactor.core.publisher.Flux<?>"
                    + " nestedPublisher(reactor.core.publisher.Flux<String> f) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    return f.map(x -> audit(x)).then().flux();",
                "  }",
                "  @SuppressWarnings(\"FutureReturnValueIgnored\")",
                "  void deliberate(String to) {",
                "    sendAsync(to);",
                "    stage(to);",
                "    System.out.println(to);",
                "  }",
                "}"))
        .doTest();
  }

  @Test
  public void withTheTwinOffAsyncproneReportsEverything() {
    together()
        .setArgs("-Xep:FutureReturnValueIgnored:OFF")
        .addSourceLines(
            "Notifier.java",
            concat(
                NOTIFIER,
                "  void statement(String to) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    sendAsync(to);",
                "    System.out.println(to);",
                "  }",
                "  void callbacks(List<String> to) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    to.forEach(t -> sendAsync(t));",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    to.forEach(this::sendAsync);",
                "  }",
                "  void report(ExecutorService pool) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    pool.submit(() -> System.out.println(\"report\"));",
                "  }",
                "  CompletableFuture<?> nested(CompletableFuture<String> f) {",
                "    // BUG: Diagnostic contains: [UnobservedFuture]",
                "    return f.thenApply(x -> sendAsync(x));",
                "  }",
                "}"))
        .doTest();
  }

  @Test
  public void withEveryCheckOffButAsyncVoidItReportsTheMethod() {
    together()
        .setArgs("-XepDisableAllChecks", "-Xep:AsyncVoid:WARN")
        .addSourceLines(
            "Notifier.java",
            concat(
                NOTIFIER,
                "  // BUG: Diagnostic contains: [AsyncVoid]",
                "  void report(ExecutorService pool) {",
                "    pool.submit(() -> System.out.println(\"report\"));",
                "  }",
                "}"))
        .doTest();
  }

  @Test
  public void checkReturnValueAndRxReturnValueIgnoredToo() {
    together()
        .addSourceLines(
            "io/reactivex/Flowable.java",
            "package io.reactivex;",
            "public abstract class Flowable<T> implements org.reactivestreams.Publisher<T> {",
            "  public static <T> Flowable<T> never() { return null; }",
            "}")
        .addSourceLines(
            "Catalog.java",
            "import com.google.errorprone.annotations.CheckReturnValue;",
            "import io.reactivex.Flowable;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "class Catalog {",
            "  @CheckReturnValue",
            "  CompletionStage<Void> refresh() { return new CompletableFuture<>(); }",
            "  Flowable<String> items() { return Flowable.never(); }",
            "  void run() {",
            "    // BUG: Diagnostic contains: [CheckReturnValue]",
            "    refresh();",
            "    // BUG: Diagnostic contains: [RxReturnValueIgnored]",
            "    items();",
            "    System.out.println();",
            "  }",
            "}")
        .doTest();
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
