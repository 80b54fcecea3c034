package dev.asyncprone.docs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.google.errorprone.BugPattern;
import dev.asyncprone.model.support.Docs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Every check's page: one base address for every link (Docs.CHECKS, the project's url + the docs
 * folder), a page for every registered check in docs/checks/ and in the jar
 * (META-INF/asyncprone/docs/), each page in the pages' template, with links that resolve.
 */
@RunWith(JUnit4.class)
public class DocsTest {
  private static final List<String> SECTIONS =
      List.of(
          "## What it finds",
          "## Why it hurts",
          "## Bad and good",
          "## The fix",
          "## What it leaves alone",
          "## Suppress",
          "## Flags",
          "## Related");

  private static Path docs() {
    return RegisteredChecks.root().resolve("docs/checks");
  }

  @Test
  public void everyLinkStartsWithTheOneBaseAddressOfThePom() throws IOException {
    String pom =
        Files.readString(RegisteredChecks.root().resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher url = Pattern.compile("\\n  <url>([^<]+)</url>").matcher(pom);
    assertTrue("the root pom has a <url>", url.find());
    assertEquals(url.group(1) + "/blob/main/docs/checks/", Docs.CHECKS);
    for (Map.Entry<String, Class<?>> check : RegisteredChecks.all().entrySet()) {
      BugPattern pattern = RegisteredChecks.bugPattern(check.getValue());
      assertEquals(check.getKey(), BugPattern.LinkType.CUSTOM, pattern.linkType());
      assertEquals(check.getKey(), Docs.CHECKS + check.getKey() + ".md", pattern.link());
      assertEquals("the check's name is its class name", "", pattern.name());
    }
  }

  @Test
  public void everyRegisteredCheckHasItsPageInTheJar() throws IOException {
    for (String check : RegisteredChecks.all().keySet()) {
      String resource = "META-INF/asyncprone/docs/" + check + ".md";
      try (InputStream in = DocsTest.class.getClassLoader().getResourceAsStream(resource)) {
        assertNotNull("no " + resource + " in the checks jar", in);
        assertEquals(
            resource + " is docs/checks/" + check + ".md",
            Files.readString(docs().resolve(check + ".md"), StandardCharsets.UTF_8),
            new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  public void onePagePerRegisteredCheck() throws IOException {
    try (Stream<Path> files = Files.list(docs())) {
      assertEquals(
          new TreeSet<>(RegisteredChecks.all().keySet()),
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".md"))
              .map(n -> n.substring(0, n.length() - 3))
              .collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  @Test
  public void everyPageFollowsTheTemplate() throws IOException {
    Pattern answers = Pattern.compile("\\*\\*Answers:\\*\\*\\s+(mistake\\s+#(\\d+)|none of the)");
    for (String check : RegisteredChecks.all().keySet()) {
      String page = Files.readString(docs().resolve(check + ".md"), StandardCharsets.UTF_8);
      assertTrue(check + ": title", page.startsWith("# " + check + "\n\n**Severity:** "));
      String header = page.substring(0, page.indexOf("\n## "));
      assertTrue(check + ": **Fix:** in the header", header.contains("**Fix:**"));
      Matcher answer = answers.matcher(header.replace('\n', ' '));
      assertTrue(check + ": **Answers:** in the header", answer.find());
      List<String> headings = new ArrayList<>();
      for (String line : page.split("\n")) {
        if (line.startsWith("## ")) {
          headings.add(line);
        }
      }
      int at = -1;
      for (String section : SECTIONS) {
        int found = -1;
        for (int i = 0; i < headings.size(); i++) {
          if (headings.get(i).startsWith(section)) {
            found = i;
            break;
          }
        }
        assertTrue(check + ": no section '" + section + "' in " + headings, found >= 0);
        assertTrue(check + ": '" + section + "' out of order in " + headings, found > at);
        at = found;
      }
    }
  }

  @Test
  public void pagesLinkOnlyToFilesThatExist() throws IOException {
    Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    for (String check : RegisteredChecks.all().keySet()) {
      String page = Files.readString(docs().resolve(check + ".md"), StandardCharsets.UTF_8);
      assertFalse(check + " cites seed/, which is not in the repository", page.contains("seed/"));
      Matcher m = link.matcher(page);
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("http://") || target.startsWith("https://")) {
          continue;
        }
        assertTrue(
            check + ".md links to " + target + ", which does not exist",
            Files.exists(docs().resolve(target).normalize()));
      }
    }
  }
}
