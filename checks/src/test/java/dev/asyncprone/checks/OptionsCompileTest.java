package dev.asyncprone.checks;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Every {@code -XepOpt:AsyncProne:...} value compiled as a user's build compiles: javac with {@code
 * -Xplugin:ErrorProne}, Error Prone and asyncprone on the processor path. A value that is not valid
 * stops the compile with a message that names the option, the value and what is accepted; a valid
 * one compiles.
 */
@RunWith(JUnit4.class)
public class OptionsCompileTest {
  private static final String SOURCE =
      String.join(
          "\n",
          "package com.acme;",
          "import java.util.concurrent.CompletableFuture;",
          "public class Orders {",
          "  public static class Mailer { public void send(String m) {} }",
          "  public @interface Slow {}",
          "  CompletableFuture<Integer> total(CompletableFuture<Integer> price) {",
          "    return price.thenApply(p -> p + 1);",
          "  }",
          "  CompletableFuture<Integer> mail(CompletableFuture<Integer> price, Mailer mailer) {",
          "    return price.thenApply(p -> { mailer.send(\"paid\"); return p; });",
          "  }",
          "}",
          "");

  /** What javac printed, whether it passed, and any exception it threw. */
  private record Outcome(boolean passed, String output) {}

  private static Outcome compile(String... flags) throws IOException {
    Path dir = Files.createTempDirectory("asyncprone-options");
    Path source = dir.resolve("com/acme/Orders.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(source.toFile());
      List<String> options =
          List.of(
              "-XDcompilePolicy=simple",
              "--should-stop=ifError=FLOW",
              "-Xplugin:ErrorProne " + String.join(" ", flags),
              "-processorpath",
              classpath,
              "-classpath",
              classpath,
              "-d",
              classes.toString());
      boolean passed;
      try {
        passed = javac.getTask(output, files, null, options, null, units).call();
      } catch (RuntimeException thrown) {
        // javac may hand an exception from a plugin's set-up on to its caller instead.
        passed = false;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
          output.append('\n').append(String.valueOf(t));
        }
      }
      return new Outcome(passed, output.toString());
    }
  }

  private static void assertStops(String flag, String message) throws IOException {
    Outcome outcome = compile(flag);
    assertFalse("compiled with " + flag + ":\n" + outcome.output(), outcome.passed());
    assertTrue(
        "no message '" + message + "' in:\n" + outcome.output(),
        outcome.output().contains(message));
  }

  private static void assertCompiles(String... flags) throws IOException {
    Outcome outcome = compile(flags);
    assertTrue(String.join(" ", flags) + ":\n" + outcome.output(), outcome.passed());
    assertFalse(outcome.output(), outcome.output().contains("is not valid"));
  }

  @Test
  public void unknownLevelStopsTheCompile() throws IOException {
    assertStops(
        "-XepOpt:AsyncProne:UnboundedWait=LOUD",
        "-XepOpt:AsyncProne:UnboundedWait=LOUD is not valid: 'LOUD' is not a level; expected WARN"
            + " (or WARNING), ERROR or OFF");
  }

  @Test
  public void malformedDurationStopsTheCompile() throws IOException {
    assertStops(
        "-XepOpt:AsyncProne:DefaultTimeout=thirty",
        "-XepOpt:AsyncProne:DefaultTimeout=thirty is not valid: 'thirty' is not a duration;"
            + " expected a positive whole number with a unit, ms, s, m or h (500ms, 30s, 2m, 1h)");
  }

  @Test
  public void blockingMethodWithoutHashStopsTheCompile() throws IOException {
    assertStops(
        "-XepOpt:AsyncProne:BlockingMethods=com.acme.Orders.Mailer.send",
        "-XepOpt:AsyncProne:BlockingMethods=com.acme.Orders.Mailer.send is not valid:"
            + " 'com.acme.Orders.Mailer.send' has no '#' between class and method; expected"
            + " comma-separated Class#method entries");
  }

  @Test
  public void annotationThatIsNotAClassNameStopsTheCompile() throws IOException {
    assertStops(
        "-XepOpt:AsyncProne:BlockingAnnotations=@Slow",
        "-XepOpt:AsyncProne:BlockingAnnotations=@Slow is not valid: '@Slow' is not a qualified"
            + " class name; expected comma-separated fully qualified class names");
    assertStops(
        "-XepOpt:AsyncProne:NonBlockingAnnotations=com.acme.Event-Loop",
        "-XepOpt:AsyncProne:NonBlockingAnnotations=com.acme.Event-Loop is not valid:"
            + " 'com.acme.Event-Loop' is not a qualified class name");
  }

  @Test
  public void validValuesCompile() throws IOException {
    assertCompiles();
    assertCompiles("-XepOpt:AsyncProne:UnboundedWait=OFF");
    assertCompiles("-XepOpt:AsyncProne:UnboundedWait=warn");
    assertCompiles("-XepOpt:AsyncProne:UnboundedWait=ERROR");
    assertCompiles(
        "-XepOpt:AsyncProne:UnboundedWait=WARN", "-XepOpt:AsyncProne:DefaultTimeout=30s");
    assertCompiles("-XepOpt:AsyncProne:DefaultTimeout=500ms");
    assertCompiles(
        "-XepOpt:AsyncProne:BlockingMethods=com.acme.Orders$Mailer#close,com.acme.Orders.Mailer#open,"
            + "com.acme.Orders#*,com.acme.Orders#<init>");
    assertCompiles(
        "-XepOpt:AsyncProne:BlockingAnnotations=com.acme.Orders$Slow",
        "-XepOpt:AsyncProne:NonBlockingAnnotations=com.acme.Orders.Slow");
  }

  @Test
  public void aValidValueTakesEffect() throws IOException {
    // Also shows that the plugin runs in these compiles: without the flag, mail() is clean.
    assertStops(
        "-XepOpt:AsyncProne:BlockingMethods=com.acme.Orders$Mailer#send",
        "[BlockingInAsyncContext] Mailer.send() is named blocking by"
            + " -XepOpt:AsyncProne:BlockingMethods and blocks the thread that completes 'price'");
    assertStops(
        "-XepOpt:AsyncProne:BlockingMethods=com.acme.Orders.Mailer#send",
        "Mailer.send() is named blocking by -XepOpt:AsyncProne:BlockingMethods");
  }
}
