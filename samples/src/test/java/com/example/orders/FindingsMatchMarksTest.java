package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.example.orders.SampleBuild.Finding;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

/** The plugin reports on the samples exactly what their comments say it will. */
public class FindingsMatchMarksTest {

  @Test
  public void everyDocumentedCheckIsRegisteredAndEveryRegisteredCheckDocumented() throws Exception {
    Set<String> checks = SampleBuild.asyncproneChecks();
    assertTrue(checks.toString(), checks.contains("BlockingInAsyncContext"));
    java.nio.file.Path docs =
        java.nio.file.Paths.get(System.getProperty("samples.docs", "../docs/checks"));
    Set<String> pages;
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(docs)) {
      pages =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(".md"))
              .map(f -> f.substring(0, f.length() - ".md".length()))
              .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
    assertEquals("docs/checks pages (expected) and registered checks (actual)", pages, checks);
  }

  @Test
  public void findingsEqualMarks() throws Exception {
    Set<Finding> marks = SampleBuild.marks(SampleBuild.sources());
    assertFalse("the samples mark no findings", marks.isEmpty());

    SampleBuild.Result build = SampleBuild.compile(SampleBuild.sources(), List.of());

    assertEquals("compile errors: " + build.errors(), List.of(), build.errors());
    assertEquals(
        "the '// asyncprone:' marks (expected) must equal the asyncprone findings (actual)",
        String.join("\n", marks.stream().map(Finding::toString).toList()),
        String.join("\n", build.findings().stream().map(Finding::toString).toList()));
  }

  /**
   * One finding per mistake: where Error Prone's own check reports a dropped result (its findings
   * equal the {@code // error-prone:} marks), asyncprone says nothing about that line.
   */
  @Test
  public void errorProneAndAsyncproneNeverReportOneLineForOneMistake() throws Exception {
    Set<Finding> twins = SampleBuild.twinMarks(SampleBuild.sources(), false);
    assertFalse("the samples mark no Error Prone finding", twins.isEmpty());

    SampleBuild.Result build = SampleBuild.compile(SampleBuild.sources(), List.of());

    assertEquals(
        "the '// error-prone:' marks (expected) must equal Error Prone's dropped-result findings",
        String.join("\n", twins.stream().map(Finding::toString).toList()),
        String.join("\n", build.droppedResultFindings().stream().map(Finding::toString).toList()));
    for (Finding ours : build.findings()) {
      if (ours.check().equals("UnobservedFuture") || ours.check().equals("AsyncVoid")) {
        for (Finding theirs : build.droppedResultFindings()) {
          assertFalse(
              ours + " repeats " + theirs,
              theirs.file().equals(ours.file()) && theirs.line() == ours.line());
        }
      }
    }
  }

  /** With Error Prone's twin turned off, asyncprone reports those mistakes itself. */
  @Test
  public void withTheTwinOffAsyncproneReportsThoseLines() throws Exception {
    Set<Finding> expected = new TreeSet<>(SampleBuild.marks(SampleBuild.sources()));
    expected.addAll(SampleBuild.twinMarks(SampleBuild.sources(), true));

    SampleBuild.Result build =
        SampleBuild.compile(SampleBuild.sources(), List.of("-Xep:FutureReturnValueIgnored:OFF"));

    assertEquals("compile errors: " + build.errors(), List.of(), build.errors());
    assertEquals(
        "asyncprone's marks and its marks for when the twin is off (expected), and its findings",
        String.join("\n", expected.stream().map(Finding::toString).toList()),
        String.join("\n", build.findings().stream().map(Finding::toString).toList()));
  }

  @Test
  public void everyCheckWithAMarkedFindingHasOne() throws Exception {
    // Guards the test above against a check that silently reports nothing at all.
    Set<Finding> marks = SampleBuild.marks(SampleBuild.sources());
    for (String check :
        List.of(
            "BlockingInAsyncContext",
            "NullFutureReturned",
            "NonBlockingOverride",
            "ResourceClosedBeforeAsync")) {
      assertTrue(check, marks.stream().anyMatch(m -> m.check().equals(check)));
    }
  }

  @Test
  public void theLayeredServiceFindingShowsThePathToTheBlockingCall() throws Exception {
    SampleBuild.Result build = SampleBuild.compile(SampleBuild.sources(), List.of());
    List<String> messages =
        build.diagnostics().stream()
            .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("QuoteHandler.java"))
            .map(d -> d.getMessage(java.util.Locale.ROOT))
            .toList();
    assertTrue(
        messages.toString(),
        messages.stream()
            .anyMatch(
                m ->
                    m.startsWith(
                        "[BlockingInAsyncContext] quote() blocks: it calls QuoteRepository.unitPrice(),"
                            + " which makes a database round trip (DataSource.getConnection(),"
                            + " QuoteRepository.java:19), so it blocks the thread that emits 'skus'")));
  }
}
