package dev.asyncprone.model.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.InvalidCommandLineOptionException;
import dev.asyncprone.model.support.Options.Timeout;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class OptionsTest {
  private static Options with(String name, String value) {
    return Options.from(ErrorProneFlags.fromMap(ImmutableMap.of("AsyncProne:" + name, value)));
  }

  @Test
  public void unboundedWaitLevels() {
    assertEquals(Optional.of(SeverityLevel.WARNING), with("UnboundedWait", "WARN").unboundedWait());
    assertEquals(
        Optional.of(SeverityLevel.WARNING), with("UnboundedWait", "warning").unboundedWait());
    assertEquals(Optional.of(SeverityLevel.ERROR), with("UnboundedWait", "ERROR").unboundedWait());
    assertEquals(Optional.empty(), with("UnboundedWait", "OFF").unboundedWait());
    assertEquals(Optional.empty(), Options.defaults().unboundedWait());
    assertInvalid(
        "UnboundedWait",
        "loud",
        "-XepOpt:AsyncProne:UnboundedWait=loud is not valid: 'loud' is not a level; expected WARN"
            + " (or WARNING), ERROR or OFF");
  }

  @Test
  public void writeBlockingSummary() {
    assertTrue(Options.defaults().writeBlockingSummary());
    assertTrue(with("WriteBlockingSummary", "true").writeBlockingSummary());
    assertFalse(with("WriteBlockingSummary", " FALSE ").writeBlockingSummary());
    assertInvalid(
        "WriteBlockingSummary",
        "no",
        "-XepOpt:AsyncProne:WriteBlockingSummary=no is not valid: 'no' is not a boolean; expected"
            + " true or false");
  }

  @Test
  public void defaultTimeouts() {
    assertEquals(
        Optional.of(new Timeout(30, TimeUnit.SECONDS)),
        with("DefaultTimeout", "30s").defaultTimeout());
    assertEquals(
        Optional.of(new Timeout(500, TimeUnit.MILLISECONDS)),
        with("DefaultTimeout", " 500ms ").defaultTimeout());
    assertEquals(
        Optional.of(new Timeout(2, TimeUnit.MINUTES)),
        with("DefaultTimeout", "2m").defaultTimeout());
    assertEquals(
        Optional.of(new Timeout(1, TimeUnit.HOURS)), with("DefaultTimeout", "1H").defaultTimeout());
    for (String bad : List.of("30", "soon", "thirty", "-5s", "0s", "99999999999s", "30 sec")) {
      assertInvalid(
          "DefaultTimeout",
          bad,
          "-XepOpt:AsyncProne:DefaultTimeout="
              + bad
              + " is not valid: '"
              + bad
              + "' is not a duration; expected a positive whole number with a unit, ms, s, m or h"
              + " (500ms, 30s, 2m, 1h)");
    }
    assertFalse(Options.defaults().defaultTimeout().isPresent());
  }

  @Test
  public void blockingMethods() {
    assertEquals(
        List.of("com.acme.Db#query", "com.acme.Io#*", "com.acme.Io#<init>"),
        with("BlockingMethods", "com.acme.Db#query, com.acme.Io#*,com.acme.Io#<init>,")
            .extraBlockingMethods());
    // A nested class in either spelling: both spellings are kept, so either name matches.
    assertEquals(
        List.of("com.acme.Mail.Sender#send", "com.acme.Mail$Sender#send"),
        with("BlockingMethods", "com.acme.Mail$Sender#send").extraBlockingMethods());
    assertEquals(
        List.of("com.acme.Mail.Sender#send"),
        with("BlockingMethods", "com.acme.Mail.Sender#send").extraBlockingMethods());
    assertInvalid(
        "BlockingMethods",
        "com.acme.Db#query,com.acme.Mailer.send",
        "-XepOpt:AsyncProne:BlockingMethods=com.acme.Db#query,com.acme.Mailer.send is not valid:"
            + " 'com.acme.Mailer.send' has no '#' between class and method; expected"
            + " comma-separated Class#method entries (com.acme.Db#query; com.acme.Db#* for every"
            + " method, com.acme.Db#<init> for its constructors, com.acme.Db#** for every method"
            + " of it and of the types that extend it, com.acme.db.*#* for every type of a package,"
            + " !com.acme.Db#name to take a method out; com.acme.Outer$Inner#m or"
            + " com.acme.Outer.Inner#m for a nested class)");
    // The catalog's wildcards and exceptions, as blocking-methods.txt writes them.
    assertEquals(
        List.of("com.acme.Remote#**", "com.acme.sync.*#*", "!com.acme.Remote#name"),
        with("BlockingMethods", "com.acme.Remote#**,com.acme.sync.*#*,!com.acme.Remote#name")
            .extraBlockingMethods());
    assertInvalidContaining("BlockingMethods", "!#x", "'' in '!#x' is not a qualified");
    assertInvalidContaining("BlockingMethods", "com.acme.Db#***", "'***' in 'com.acme.Db#***'");
    assertInvalidContaining("BlockingMethods", "Db#query", "'Db' in 'Db#query' is not a qualified");
    assertInvalidContaining("BlockingMethods", "com.acme.Db#", "'' in 'com.acme.Db#' is not a");
    assertInvalidContaining(
        "BlockingMethods", "com.acme.Db#query()", "'query()' in 'com.acme.Db#query()' is not a");
    assertInvalidContaining(
        "BlockingMethods", "com/acme/Db#query", "'com/acme/Db' in 'com/acme/Db#query' is not a");
  }

  @Test
  public void annotationNames() {
    assertTrue(
        with("BlockingAnnotations", "com.acme.Slow")
            .extraBlockingAnnotations()
            .contains("com.acme.Slow"));
    assertTrue(
        dev.asyncprone.model.api.Annotations.blocking(with("BlockingAnnotations", "com.acme.Slow"))
            .containsAll(dev.asyncprone.model.api.Annotations.blocking(Options.defaults())));
    Options nested = with("NonBlockingAnnotations", "com.acme.Marks$EventLoop");
    assertTrue(nested.extraNonBlockingAnnotations().contains("com.acme.Marks.EventLoop"));
    assertTrue(nested.extraNonBlockingAnnotations().contains("com.acme.Marks$EventLoop"));
    for (String option : List.of("BlockingAnnotations", "NonBlockingAnnotations")) {
      assertInvalid(
          option,
          "com.acme.Slow,@Slow",
          "-XepOpt:AsyncProne:"
              + option
              + "=com.acme.Slow,@Slow is not valid: '@Slow' is not a qualified class name; expected"
              + " comma-separated fully qualified class names (com.acme.Slow; com.acme.Outer$Inner"
              + " or com.acme.Outer.Inner for a nested class)");
      assertInvalidContaining(option, "Slow", "'Slow' is not a qualified class name");
      assertInvalidContaining(option, "com.acme.Slow()", "'com.acme.Slow()' is not a qualified");
      assertInvalidContaining(option, "com..Slow", "'com..Slow' is not a qualified");
    }
  }

  private static void assertInvalid(String name, String value, String message) {
    InvalidCommandLineOptionException e =
        assertThrows(InvalidCommandLineOptionException.class, () -> with(name, value));
    assertEquals(message, e.getMessage());
  }

  private static void assertInvalidContaining(String name, String value, String part) {
    InvalidCommandLineOptionException e =
        assertThrows(InvalidCommandLineOptionException.class, () -> with(name, value));
    assertTrue(e.getMessage(), e.getMessage().contains(part));
    assertTrue(e.getMessage(), e.getMessage().startsWith("-XepOpt:AsyncProne:" + name + "="));
  }

  @Test
  public void timeoutSpellings() {
    Timeout seconds = new Timeout(30, TimeUnit.SECONDS);
    assertEquals("SECONDS", seconds.timeUnitName());
    assertEquals("ofSeconds", seconds.durationFactory());
    assertEquals("30 seconds", seconds.describe());
    assertEquals("ofMillis", new Timeout(5, TimeUnit.MILLISECONDS).durationFactory());
    assertEquals("ofMinutes", new Timeout(5, TimeUnit.MINUTES).durationFactory());
    assertEquals("1 minute", new Timeout(1, TimeUnit.MINUTES).describe());
    assertEquals("ofHours", new Timeout(1, TimeUnit.HOURS).durationFactory());
  }
}
