package dev.asyncprone.model.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import dev.asyncprone.model.support.Options.Timeout;
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
    assertEquals(Optional.empty(), with("UnboundedWait", "loud").unboundedWait());
    assertEquals(Optional.empty(), Options.defaults().unboundedWait());
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
    assertFalse(with("DefaultTimeout", "30").defaultTimeout().isPresent());
    assertFalse(with("DefaultTimeout", "soon").defaultTimeout().isPresent());
    assertFalse(with("DefaultTimeout", "-5s").defaultTimeout().isPresent());
    assertFalse(with("DefaultTimeout", "99999999999s").defaultTimeout().isPresent());
    assertFalse(Options.defaults().defaultTimeout().isPresent());
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
