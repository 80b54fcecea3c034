package com.example.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the samples the way their Maven build does (javac with {@code -Xplugin:ErrorProne} and
 * the flags of samples/pom.xml, Error Prone and asyncprone on the processor path) and reads what
 * the plugin reported.
 */
final class SampleBuild {
  /** One asyncprone finding: where, and which check. */
  record Finding(String file, long line, String check) implements Comparable<Finding> {
    @Override
    public int compareTo(Finding other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return file + ":" + line + " " + check;
    }
  }

  /**
   * What a compilation reported: asyncprone findings, how many of them offered a fix, and the
   * findings of Error Prone's own checks that report dropped results (those asyncprone says nothing
   * beside).
   */
  record Result(
      List<Diagnostic<? extends JavaFileObject>> diagnostics,
      Set<Finding> findings,
      List<Finding> fixable,
      Set<Finding> droppedResultFindings) {
    List<Diagnostic<? extends JavaFileObject>> errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .collect(Collectors.toList());
    }
  }

  private static final Pattern CHECK_NAME = Pattern.compile("^\\[(\\w+)\\] ");
  private static final Pattern MARK = Pattern.compile("//\\s*asyncprone:\\s*([\\w, ]+)");

  /**
   * {@code // error-prone: FutureReturnValueIgnored; asyncprone: UnobservedFuture when it is off}:
   * an Error Prone check reports the line, and asyncprone reports the same mistake only where that
   * check is turned off.
   */
  private static final Pattern TWIN_MARK =
      Pattern.compile("//\\s*error-prone:\\s*(\\w+)(?:;\\s*asyncprone:\\s*(\\w+) when it is off)?");

  /** Error Prone's checks that report a dropped result: asyncprone's UnobservedFuture's twins. */
  static final Set<String> DROPPED_RESULT_CHECKS =
      Set.of("FutureReturnValueIgnored", "RxReturnValueIgnored", "CheckReturnValue");

  private static final String SERVICES =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  private SampleBuild() {}

  static Path sources() {
    return Paths.get(System.getProperty("samples.sources", "src/main/java"));
  }

  static List<String> errorProneFlags() {
    String flags = System.getProperty("samples.errorprone.flags", "").trim();
    return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
  }

  /** The names of the checks asyncprone registers, read from its service file. */
  static Set<String> asyncproneChecks() {
    Set<String> names = new TreeSet<>();
    try {
      Enumeration<URL> services = SampleBuild.class.getClassLoader().getResources(SERVICES);
      while (services.hasMoreElements()) {
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    services.nextElement().openStream(), StandardCharsets.UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            line = line.strip();
            if (line.startsWith("dev.asyncprone.")) {
              names.add(line.substring(line.lastIndexOf('.') + 1));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /**
   * Compiles every .java file under {@code root}, with the samples' flags and {@code extraFlags}.
   */
  static Result compile(Path root, List<String> extraFlags) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createTempDirectory("samples-classes");
    List<String> plugin = new ArrayList<>(errorProneFlags());
    plugin.addAll(extraFlags);
    String classpath = System.getProperty("java.class.path");
    List<String> options =
        List.of(
            "--release",
            "17",
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne " + String.join(" ", plugin),
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
      Boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      Set<String> ours = asyncproneChecks();
      Set<Finding> findings = new TreeSet<>();
      Set<Finding> droppedResults = new TreeSet<>();
      List<Finding> fixable = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String message = d.getMessage(Locale.ROOT);
        Matcher name = CHECK_NAME.matcher(message);
        if (d.getSource() == null || !name.find()) {
          continue;
        }
        Finding finding =
            new Finding(
                root.relativize(Paths.get(d.getSource().toUri())).toString(),
                d.getLineNumber(),
                name.group(1));
        if (DROPPED_RESULT_CHECKS.contains(name.group(1))) {
          droppedResults.add(finding);
        }
        if (!ours.contains(name.group(1))) {
          continue;
        }
        findings.add(finding);
        if (message.contains("Did you mean")) {
          fixable.add(finding);
        }
      }
      if (!Boolean.TRUE.equals(ok) && diagnostics.getDiagnostics().isEmpty()) {
        throw new AssertionError("javac failed without diagnostics");
      }
      return new Result(diagnostics.getDiagnostics(), findings, fixable, droppedResults);
    } finally {
      delete(classes);
    }
  }

  /** The findings the sources announce with {@code // asyncprone: Check} on the reported line. */
  static Set<Finding> marks(Path root) throws IOException {
    return marks(root, MARK, mark -> Arrays.asList(mark.group(1).split(",")));
  }

  /**
   * The Error Prone findings the sources announce with {@code // error-prone: Check}, and, with
   * {@code takeover}, instead the asyncprone findings they announce for when that check is off.
   */
  static Set<Finding> twinMarks(Path root, boolean takeover) throws IOException {
    return marks(
        root,
        TWIN_MARK,
        mark -> {
          String check = takeover ? mark.group(2) : mark.group(1);
          return check == null ? List.of() : List.of(check);
        });
  }

  /** The findings that the marks {@code pattern} finds name, per line, in every source file. */
  private static Set<Finding> marks(
      Path root, Pattern pattern, java.util.function.Function<Matcher, List<String>> checks)
      throws IOException {
    Set<Finding> marks = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file :
          walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher mark = pattern.matcher(lines.get(i));
          if (mark.find()) {
            for (String check : checks.apply(mark)) {
              if (!check.isBlank()) {
                marks.add(new Finding(root.relativize(file).toString(), i + 1, check.strip()));
              }
            }
          }
        }
      }
    }
    return marks;
  }

  /** Deletes a directory this class made, with everything in it. */
  static void delete(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A copy of the sample sources in a fresh directory. */
  static Path copyOfSources() throws IOException {
    Path copy = Files.createTempDirectory("samples-patched");
    try (Stream<Path> walk = Files.walk(sources())) {
      for (Path source : walk.collect(Collectors.toList())) {
        Path target = copy.resolve(sources().relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return copy;
  }
}
