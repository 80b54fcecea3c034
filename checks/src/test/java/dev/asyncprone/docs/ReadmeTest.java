package dev.asyncprone.docs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.errorprone.ErrorProneFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * README.md's tables against the code: the check table against the registered checks and their
 * {@code @BugPattern}s, the audit table and the options table; the install snippet against the
 * build's own versions.
 */
@RunWith(JUnit4.class)
public class ReadmeTest {
  private static final Set<String> OPTIONS =
      Set.of(
          "BlockingMethods",
          "BlockingAnnotations",
          "NonBlockingAnnotations",
          "UnboundedWait",
          "DefaultTimeout",
          "WriteBlockingSummary");
  private static final Pattern CHECK_CELL =
      Pattern.compile("\\[(\\w+)\\]\\(docs/checks/(\\w+)\\.md\\)");
  private static final Pattern OPTION_IN_CELL = Pattern.compile("`(\\w+)`");

  private static List<String> readme() throws IOException {
    return Files.readAllLines(RegisteredChecks.root().resolve("README.md"), StandardCharsets.UTF_8);
  }

  /** The rows (as cells) of the table whose header line starts with {@code header}. */
  private static List<List<String>> table(List<String> lines, String header) {
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(header)) {
        if (at >= 0) {
          fail("two tables start with " + header);
        }
        at = i;
      }
    }
    assertTrue("no table starting with " + header, at >= 0);
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i).strip();
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
        cells.add(cell.strip());
      }
      rows.add(cells);
    }
    return rows;
  }

  /** Check name to its audit number ("#3") or "plus", read from "Where the checks come from". */
  private static Map<String, String> auditTable(List<String> lines) {
    Map<String, String> audit = new HashMap<>();
    for (List<String> row : table(lines, "| # | The .NET mistake |")) {
      for (String check : row.get(3).split(",")) {
        assertEquals(
            check + " twice in the audit table", null, audit.put(check.strip(), "#" + row.get(0)));
      }
    }
    Matcher plus = Pattern.compile("^Plus (\\w+):").matcher("");
    for (String line : lines) {
      if (plus.reset(line).find()) {
        audit.put(plus.group(1), "plus");
      }
    }
    return audit;
  }

  @Test
  public void checkTableMatchesTheRegisteredChecks() throws IOException {
    List<String> lines = readme();
    Map<String, Class<?>> registered = RegisteredChecks.all();
    Map<String, String> audit = auditTable(lines);
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (List<String> row : table(lines, "| Check | Severity | Audit mistake |")) {
      assertEquals("six cells: " + row, 6, row.size());
      Matcher cell = CHECK_CELL.matcher(row.get(0));
      assertTrue("not a linked check name: " + row.get(0), cell.matches());
      assertEquals("link of " + cell.group(1), cell.group(1), cell.group(2));
      assertEquals("row twice: " + cell.group(1), null, rows.put(cell.group(1), row));
    }
    assertEquals(
        "checks in README.md's table (expected) and registered checks (actual)",
        new TreeSet<>(rows.keySet()),
        registered.keySet());
    assertEquals(
        "checks in the audit table (expected) and registered checks (actual)",
        new TreeSet<>(audit.keySet()),
        registered.keySet());

    for (Map.Entry<String, List<String>> entry : rows.entrySet()) {
      String name = entry.getKey();
      List<String> row = entry.getValue();
      Class<?> check = registered.get(name);
      String severity = RegisteredChecks.bugPattern(check).severity().name();
      assertTrue(
          name + ": severity '" + row.get(1) + "' but @BugPattern says " + severity,
          row.get(1).startsWith(severity));
      assertEquals(name + ": audit mistake", audit.get(name), row.get(2));
      assertFalse(name + ": what it finds", row.get(3).isEmpty());
      assertFalse(name + ": fix", row.get(4).isEmpty());
      String options = row.get(5);
      boolean readsFlags = readsFlags(check, 0);
      if (options.equals("none")) {
        assertFalse(name + " reads -XepOpt flags; its options cell says none", readsFlags);
      } else {
        assertTrue(name + " takes no ErrorProneFlags, yet lists " + options, readsFlags);
        Matcher option = OPTION_IN_CELL.matcher(options);
        int count = 0;
        while (option.find()) {
          assertTrue(name + ": no option " + option.group(1), OPTIONS.contains(option.group(1)));
          count++;
        }
        assertTrue(name + ": options cell " + options, count > 0);
      }
    }
  }

  @Test
  public void optionsTableIsOneTableOfEveryOption() throws IOException {
    // A blank line inside the table would end it early and leave the rest as stray text.
    Set<String> named = new TreeSet<>();
    for (List<String> row : table(readme(), "| Option | Value | Effect |")) {
      Matcher option = Pattern.compile("`AsyncProne:(\\w+)`").matcher(row.get(0));
      assertTrue("not an option: " + row.get(0), option.matches());
      named.add(option.group(1));
      assertEquals(row.toString(), 3, row.size());
    }
    assertEquals(new TreeSet<>(OPTIONS), named);
  }

  @Test
  public void installSnippetUsesTheBuildsVersions() throws IOException {
    String readme = String.join("\n", readme());
    String pom =
        Files.readString(RegisteredChecks.root().resolve("pom.xml"), StandardCharsets.UTF_8);
    for (String profile : List.of("errorprone-jdk17", "errorprone-jdk21")) {
      assertEquals(
          "Error Prone version of profile " + profile,
          profileVersion(pom, profile),
          profileVersion(readme, profile));
    }
    Matcher compiler =
        Pattern.compile(
                "<artifactId>maven-compiler-plugin</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(compiler.find());
    assertTrue(
        "README's maven-compiler-plugin version",
        readme.contains(
            "<artifactId>maven-compiler-plugin</artifactId>\n        <version>"
                + compiler.group(1)
                + "</version>"));
    Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
    assertTrue(version.find());
    assertTrue(
        "README's asyncprone.version",
        readme.contains("<asyncprone.version>" + version.group(1) + "</asyncprone.version>"));
  }

  private static String profileVersion(String text, String profile) {
    Matcher m =
        Pattern.compile(
                "<id>" + profile + "</id>.*?<errorprone.version>([^<]+)</errorprone.version>",
                Pattern.DOTALL)
            .matcher(text);
    assertTrue("no profile " + profile, m.find());
    return m.group(1);
  }

  /**
   * True if {@code type}, or an analysis injected into it (Error Prone builds a check with its
   * constructor's parameters, and theirs), is built from the compilation's {@code -XepOpt} flags.
   */
  private static boolean readsFlags(Class<?> type, int depth) {
    for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
      for (Class<?> parameter : constructor.getParameterTypes()) {
        if (parameter == ErrorProneFlags.class
            || (depth < 3
                && parameter.getName().startsWith("dev.asyncprone.")
                && readsFlags(parameter, depth + 1))) {
          return true;
        }
      }
    }
    return false;
  }
}
