package dev.asyncprone.model.support;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneOptions;
import dev.asyncprone.model.support.ErrorProneChecks.Check;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Whether a check runs, read from the options as Error Prone's scanner reads them. */
@RunWith(JUnit4.class)
public class ErrorProneChecksTest {
  private static final Check WARNING_ON =
      new Check("FutureReturnValueIgnored", SeverityLevel.WARNING, true);
  private static final Check ERROR_ON = new Check("CheckReturnValue", SeverityLevel.ERROR, true);
  private static final Check WARNING_OFF =
      new Check("FieldCanBeFinal", SeverityLevel.WARNING, false);

  private static boolean runs(Check check, String... args) {
    return ErrorProneChecks.isEnabled(check, ErrorProneOptions.processArgs(args));
  }

  @Test
  public void onByDefault() {
    assertTrue(runs(WARNING_ON));
    assertTrue(runs(ERROR_ON));
    assertFalse(runs(WARNING_OFF));
  }

  @Test
  public void aFlagDecides() {
    assertFalse(runs(WARNING_ON, "-Xep:FutureReturnValueIgnored:OFF"));
    assertTrue(runs(WARNING_ON, "-Xep:FutureReturnValueIgnored:ERROR"));
    assertTrue(runs(WARNING_OFF, "-Xep:FieldCanBeFinal"));
    assertTrue(runs(WARNING_ON, "-XepDisableAllChecks", "-Xep:FutureReturnValueIgnored:WARN"));
  }

  @Test
  public void blanketFlags() {
    assertFalse(runs(WARNING_ON, "-XepDisableAllChecks"));
    assertFalse(runs(WARNING_ON, "-XepDisableAllWarnings"));
    assertTrue(runs(ERROR_ON, "-XepDisableAllWarnings"));
    assertTrue(runs(WARNING_OFF, "-XepAllDisabledChecksAsWarnings"));
    assertTrue(runs(ERROR_ON, "-XepAllErrorsAsWarnings"));
  }

  @Test
  public void patchModeRunsOnlyTheNamedChecks() {
    assertFalse(runs(WARNING_ON, "-XepPatchChecks:UnobservedFuture", "-XepPatchLocation:IN_PLACE"));
    assertTrue(
        runs(
            WARNING_ON,
            "-XepPatchChecks:UnobservedFuture,FutureReturnValueIgnored",
            "-XepPatchLocation:IN_PLACE"));
    assertTrue(runs(WARNING_ON, "-XepPatchLocation:IN_PLACE"));
  }
}
