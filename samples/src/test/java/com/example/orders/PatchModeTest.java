package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;

import com.example.orders.SampleBuild.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Error Prone's patch mode applies asyncprone's suggested fixes to a copy of the samples; the
 * patched copy compiles, and the findings that offered a fix are gone.
 */
public class PatchModeTest {

  @Test
  public void appliedFixesCompileAndRemoveTheirFindings() throws Exception {
    SampleBuild.Result before = SampleBuild.compile(SampleBuild.sources(), List.of());
    assertFalse("no finding offers a fix", before.fixable().isEmpty());

    Path copy = SampleBuild.copyOfSources();
    try {
      patchAndRecompile(before, copy);
    } finally {
      SampleBuild.delete(copy);
    }
  }

  private static void patchAndRecompile(SampleBuild.Result before, Path copy) throws Exception {
    String checks = String.join(",", SampleBuild.asyncproneChecks());
    SampleBuild.Result patching =
        SampleBuild.compile(
            copy, List.of("-XepPatchChecks:" + checks, "-XepPatchLocation:IN_PLACE"));
    assertEquals("errors while patching: " + patching.errors(), List.of(), patching.errors());
    for (Finding fixed : before.fixable()) {
      assertNotEquals(
          "patch mode left " + fixed.file() + " unchanged",
          Files.readString(SampleBuild.sources().resolve(fixed.file()), StandardCharsets.UTF_8),
          Files.readString(copy.resolve(fixed.file()), StandardCharsets.UTF_8));
    }

    SampleBuild.Result after = SampleBuild.compile(copy, List.of());
    assertEquals("the patched samples do not compile: " + after.errors(), List.of(), after.errors());
    Map<String, Long> expected = countByCheck(before.findings());
    countByCheck(before.fixable()).forEach((check, fixes) -> expected.merge(check, -fixes, Long::sum));
    expected.values().removeIf(count -> count == 0);
    assertEquals(
        "findings per check after patching = before - fixed", expected, countByCheck(after.findings()));
  }

  private static Map<String, Long> countByCheck(java.util.Collection<Finding> findings) {
    return findings.stream()
        .collect(Collectors.groupingBy(Finding::check, TreeMap::new, Collectors.counting()));
  }
}
