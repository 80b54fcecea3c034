package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NonBlockingOverrideTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NonBlockingOverride.class, getClass());

  @Test
  public void blockingOverrideOfNonBlockingMethod() {
    helper
        .addSourceLines(
            "Handlers.java",
            "import dev.asyncprone.annotations.*;",
            "import dev.asyncprone.testdata.CompiledLibrary;",
            "interface Handler {",
            "  @NonBlocking void handle(String request);",
            "}",
            "class Audit implements Handler {",
            "  // BUG: Diagnostic contains: handle() is @Blocking but overrides Handler.handle(),"
                + " annotated @NonBlocking",
            "  @Override @Blocking public void handle(String request) {}",
            "}",
            "class FromJar implements CompiledLibrary.Listener {",
            "  // BUG: Diagnostic contains: overrides Listener.onEvent(), annotated @NonBlocking",
            "  @Override @Blocking public void onEvent(String e) {}",
            "}",
            "abstract class JetBrains {",
            "  @org.jetbrains.annotations.NonBlocking abstract void run();",
            "}",
            "class JetBrainsImpl extends JetBrains {",
            "  // BUG: Diagnostic contains: run() is @Blocking but overrides JetBrains.run(),"
                + " annotated @NonBlocking",
            "  @io.smallrye.common.annotation.Blocking @Override void run() {}",
            "}")
        .doTest();
  }

  @Test
  public void contradictoryAnnotations() {
    helper
        .addSourceLines(
            "Both.java",
            "import dev.asyncprone.annotations.*;",
            "// BUG: Diagnostic contains: class Both is annotated both @Blocking and @NonBlocking",
            "@Blocking @NonBlocking class Both {",
            "  // BUG: Diagnostic contains: m() is annotated both @Blocking and @NonBlocking, so it"
                + " says it may block and that it never blocks",
            "  @Blocking @org.jetbrains.annotations.NonBlocking void m() {}",
            "}")
        .doTest();
  }

  @Test
  public void consistentContractsAreLeftAlone() {
    helper
        .addSourceLines(
            "Fine.java",
            "import dev.asyncprone.annotations.*;",
            "interface Handler { @NonBlocking void handle(String r); }",
            "interface Store { @Blocking void save(String r); }",
            "class A implements Handler { @Override @NonBlocking public void handle(String r) {} }",
            "class B implements Handler { @Override public void handle(String r) {} }",
            "class C implements Store { @Override @Blocking public void save(String r) {} }",
            "// A non-blocking implementation of a blocking contract only promises more.",
            "class D implements Store { @Override @NonBlocking public void save(String r) {} }",
            "class E { @Blocking void io() {} @NonBlocking void cpu() {} }")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void flagsAddAnnotationNames() {
    helper
        .setArgs(
            "-XepOpt:AsyncProne:BlockingAnnotations=com.acme.Slow",
            "-XepOpt:AsyncProne:NonBlockingAnnotations=com.acme.EventLoop")
        .addSourceLines("com/acme/Slow.java", "package com.acme;", "public @interface Slow {}")
        .addSourceLines(
            "com/acme/EventLoop.java", "package com.acme;", "public @interface EventLoop {}")
        .addSourceLines(
            "com/acme/Impl.java",
            "package com.acme;",
            "interface Api { @EventLoop void on(); }",
            "class Impl implements Api {",
            "  // BUG: Diagnostic contains: on() is @Slow but overrides Api.on(), annotated"
                + " @EventLoop",
            "  @Slow @Override public void on() {}",
            "}")
        .doTest();
  }

  /**
   * An override of a {@code @NonBlocking} method that blocks through the code it calls, with no
   * contract that says it may: no contradiction of contracts, but blocking where it must not.
   * BlockingInAsyncContext reports it once, at the call, with the way to the blocking call;
   * NonBlockingOverride says nothing more.
   */
  @Test
  public void blockingThroughOwnCodeInAnOverrideIsReportedOnceAtTheCall() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                NonBlockingOverride.class, BlockingInAsyncContext.class),
            getClass())
        .addSourceLines(
            "Handlers.java",
            "import dev.asyncprone.annotations.*;",
            "interface Handler {",
            "  @NonBlocking void handle(String request);",
            "}",
            "class Audit implements Handler {",
            "  @Override public void handle(String request) {",
            "    // BUG: Diagnostic contains: [BlockingInAsyncContext] write() blocks: it sleeps"
                + " (Thread.sleep(), Handlers.java:12)",
            "    write(request);",
            "  }",
            "  private void write(String line) {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Odd.java",
            "import dev.asyncprone.annotations.*;",
            "record R(int x) { @Blocking R {} }",
            "enum E { A { @Override void f() {} }; @NonBlocking abstract void f(); }",
            "class Anon { Object o = new Runnable() { @Blocking public void run() {} }; }")
        .doTest();
  }
}
