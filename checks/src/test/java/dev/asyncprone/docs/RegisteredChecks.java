package dev.asyncprone.docs;

import com.google.errorprone.BugPattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;

/** The checks asyncprone registers (its AutoService file), and where the repository is. */
final class RegisteredChecks {
  private static final String SERVICES =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  private RegisteredChecks() {}

  /** Every registered asyncprone check by name, as Error Prone loads them from the jar. */
  static Map<String, Class<?>> all() {
    Map<String, Class<?>> checks = new TreeMap<>();
    try {
      Enumeration<URL> files = RegisteredChecks.class.getClassLoader().getResources(SERVICES);
      while (files.hasMoreElements()) {
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            line = line.strip();
            if (line.startsWith("dev.asyncprone.")) {
              Class<?> check = Class.forName(line);
              checks.put(check.getSimpleName(), check);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new LinkageError("a registered check is missing", e);
    }
    if (checks.size() < 10) {
      throw new AssertionError("too few registered checks found: " + checks.keySet());
    }
    return checks;
  }

  static BugPattern bugPattern(Class<?> check) {
    BugPattern pattern = check.getAnnotation(BugPattern.class);
    if (pattern == null) {
      throw new AssertionError(check + " has no @BugPattern");
    }
    return pattern;
  }

  /** The repository's root: set by the checks module's surefire configuration. */
  static Path root() {
    return Paths.get(System.getProperty("asyncprone.root", "..")).toAbsolutePath().normalize();
  }
}
