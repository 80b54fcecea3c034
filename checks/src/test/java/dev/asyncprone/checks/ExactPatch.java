package dev.asyncprone.checks;

import static org.junit.Assert.assertEquals;

import com.google.errorprone.bugpatterns.BugChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Applies a check's fixes the way a user does, with Error Prone's patch mode ({@code
 * -XepPatchChecks:<check> -XepPatchLocation:IN_PLACE} on files on disk), and compares the patched
 * files with the expected text character for character: the layout, the indentation and the import
 * block as they are written, which BugCheckerRefactoringTestHelper's modes (an AST comparison, or
 * text after google-java-format) do not see. The patched files must compile.
 */
final class ExactPatch {
  private final String check;
  private final List<String> flags = new ArrayList<>();
  private final Map<String, String> inputs = new LinkedHashMap<>();
  private final Map<String, String> outputs = new LinkedHashMap<>();

  private ExactPatch(String check) {
    this.check = check;
  }

  static ExactPatch of(Class<? extends BugChecker> check) {
    return new ExactPatch(check.getSimpleName());
  }

  /** Error Prone flags for the run, such as {@code -XepOpt:AsyncProne:DefaultTimeout=30s}. */
  ExactPatch flags(String... more) {
    flags.addAll(List.of(more));
    return this;
  }

  ExactPatch input(String path, String... lines) {
    inputs.put(path, String.join("\n", lines) + "\n");
    return this;
  }

  ExactPatch output(String path, String... lines) {
    outputs.put(path, String.join("\n", lines) + "\n");
    return this;
  }

  void doTest() {
    Path root = null;
    try {
      root = Files.createTempDirectory("exact-patch");
      for (Map.Entry<String, String> input : inputs.entrySet()) {
        Path file = root.resolve(input.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, input.getValue(), StandardCharsets.UTF_8);
      }
      List<String> patch = new ArrayList<>(flags);
      patch.add("-Xep:" + check + ":WARN");
      patch.add("-XepPatchChecks:" + check);
      patch.add("-XepPatchLocation:IN_PLACE");
      List<Diagnostic<? extends JavaFileObject>> errors = compile(root, patch);
      assertEquals("errors while patching", List.of(), errors);
      for (Map.Entry<String, String> output : outputs.entrySet()) {
        assertEquals(
            output.getKey(),
            output.getValue(),
            Files.readString(root.resolve(output.getKey()), StandardCharsets.UTF_8));
      }
      assertEquals("the patched files do not compile", List.of(), compile(root, flags));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(root);
    }
  }

  private static List<Diagnostic<? extends JavaFileObject>> compile(Path root, List<String> flags)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createTempDirectory("exact-patch-classes");
    String classpath = System.getProperty("java.class.path");
    List<String> options =
        List.of(
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne -XepDisableAllChecks " + String.join(" ", flags),
            "-processorpath",
            classpath,
            "-classpath",
            classpath,
            "-d",
            classes.toString());
    try (StandardJavaFileManager files =
            javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(root)) {
      List<Path> sources =
          walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
      javac
          .getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
      return diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .collect(Collectors.toList());
    } finally {
      delete(classes);
    }
  }

  private static void delete(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
