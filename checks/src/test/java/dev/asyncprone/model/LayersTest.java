package dev.asyncprone.model;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The model's packages form layers, and a package uses only the layers below it (and itself), as
 * {@code package-info.java} describes. The concerns share one layer and do not use each other, so
 * that each can be read, and changed, on its own. Read from the import lines (and fully qualified
 * names) of the sources, so that it holds for code that no test reaches.
 */
@RunWith(JUnit4.class)
public class LayersTest {
  private static final Path MODEL = Paths.get("src/main/java/dev/asyncprone/model");

  /** The layer of each package, from the bottom; concerns share a layer. */
  private static final Map<String, Integer> LAYER =
      Map.ofEntries(
          Map.entry("support", 0),
          Map.entry("javac", 1),
          Map.entry("api", 2),
          Map.entry("flow", 3),
          Map.entry("context", 4),
          Map.entry("await", 5),
          Map.entry("observe", 5),
          Map.entry("locks", 5),
          Map.entry("interrupts", 5),
          Map.entry("oneshot", 5),
          Map.entry("resources", 5),
          Map.entry("fix", 6));

  /** A reference to a class of the checks or of a model package, subpackages included. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.asyncprone\\.(checks|model\\.([a-z]+))(\\.[a-z]+)*\\.[A-Z]");

  @Test
  public void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      String from = MODEL.relativize(file).getName(0).toString();
      if (!LAYER.containsKey(from)) {
        violations.add(file + ": package model." + from + " has no layer in LayersTest");
        continue;
      }
      Matcher m = REFERENCE.matcher(Files.readString(file));
      while (m.find()) {
        String to = m.group(2);
        if (to == null) {
          violations.add(file + " uses the checks, which sit above the model");
        } else if (!to.equals(from)
            && (!LAYER.containsKey(to) || LAYER.get(to) >= LAYER.get(from))) {
          violations.add(
              file + ": model." + from + " (layer " + LAYER.get(from) + ") uses model." + to);
        }
      }
    }
    assertWithMessage("uses of a layer at or above the user's own").that(violations).isEmpty();
  }

  @Test
  public void noModelClassHasOutgrownItsSeams() throws IOException {
    List<String> large = new ArrayList<>();
    for (Path file : sources()) {
      long lines = Files.readAllLines(file).size();
      String name = MODEL.relativize(file).toString();
      if (lines > 450) {
        large.add(name + " (" + lines + " lines)");
      }
    }
    assertWithMessage(
            "model classes over about 400 lines (split them along their seams), or listed as such"
                + " and no longer")
        .that(large)
        .isEmpty();
  }

  @Test
  public void theTestSeesTheModel() throws IOException {
    assertThat(sources().size()).isGreaterThan(40);
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MODEL)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.getParent() != null && !p.getParent().equals(MODEL))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
