package dev.asyncprone.bench;

import com.google.errorprone.BugCheckerInfo;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.asyncprone.bench.Compile.Config;
import dev.asyncprone.bench.Compile.Finding;
import dev.asyncprone.bench.Compile.Result;
import dev.asyncprone.bench.Compile.Site;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The benchmark and real-world harness of bench/run and bench/real-world: runs javac in this JVM on
 * the corpora it is given and prints tables. Modes:
 *
 * <ul>
 *   <li>{@code checks}: the names of the asyncprone checks in the plugin jar, one a line.
 *   <li>{@code bench}: the five configurations on each corpus, per-check cost, scaling and
 *       pathological methods, and the closing {@code overhead ...} line.
 *   <li>{@code findings}: every asyncprone check at WARNING on each corpus, a findings report, and
 *       a non-zero exit on any crash of the plugin or compile error; with {@code --config ep+ap},
 *       Error Prone's default checks on too, and each finding marked with the default checks that
 *       report on its line.
 * </ul>
 */
public final class Harness {

  /** A set of sources with the classpath it compiles against. */
  record Corpus(String name, List<Path> sources, String classpath, boolean real, Path root) {
    long lines() {
      long lines = 0;
      for (Path p : sources) {
        try {
          lines += Files.lines(p, StandardCharsets.UTF_8).count();
        } catch (IOException | java.io.UncheckedIOException e) {
          // Not UTF-8 or unreadable: javac will say so; lines are only for the table.
        }
      }
      return lines;
    }

    String relative(String file) {
      String prefix = root.toString() + "/";
      return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
    }
  }

  final Map<String, List<String>> options = new LinkedHashMap<>();
  final PrintStream out = System.out;

  public static void main(String[] args) throws Exception {
    Harness harness = new Harness();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      harness.options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
    }
    String mode = args.length == 0 ? "" : args[0];
    int status =
        switch (mode) {
          case "checks" -> {
            harness.checks().forEach(System.out::println);
            yield 0;
          }
          case "bench" -> new Bench(harness).run();
          case "findings" -> harness.findings();
          default -> throw new IllegalArgumentException("mode: checks, bench or findings");
        };
    System.out.flush();
    System.exit(status);
  }

  String option(String name, String fallback) {
    List<String> values = options.get(name);
    return values == null ? fallback : values.get(values.size() - 1);
  }

  int intOption(String name, int fallback) {
    return Integer.parseInt(option(name, String.valueOf(fallback)));
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  /**
   * The canonical names of the BugCheckers that the plugin jar registers as services: so the
   * benchmark picks up every check the jar has, whoever added it.
   */
  List<String> checks() throws IOException, ClassNotFoundException {
    String jar = option("plugin", null);
    if (jar == null) {
      throw new IllegalArgumentException("--plugin <asyncprone-checks jar> is required");
    }
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar)) {
      ZipEntry services = file.getEntry("META-INF/services/" + BugChecker.class.getName());
      if (services == null) {
        throw new IllegalStateException(jar + " registers no BugChecker");
      }
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(file.getInputStream(services), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          line = line.replaceAll("#.*", "").strip();
          if (line.isEmpty()) {
            continue;
          }
          Class<? extends BugChecker> checker =
              Class.forName(line, false, Harness.class.getClassLoader())
                  .asSubclass(BugChecker.class);
          names.add(BugCheckerInfo.create(checker).canonicalName());
        }
      }
    }
    Collections.sort(names);
    return names;
  }

  Compile compiler(List<String> checks) {
    return new Compile(
        option("processorpath", ""),
        checks,
        option("release", "17"),
        Long.parseLong(option("stack-mb", "512")) << 20);
  }

  /** {@code --library name,sources.txt,classpath.txt[,root]}: real; {@code --extra}: not. */
  List<Corpus> corpora() throws IOException {
    List<Corpus> corpora = new ArrayList<>();
    for (String spec : all("library")) {
      corpora.add(corpus(spec, true));
    }
    for (String spec : all("extra")) {
      corpora.add(corpus(spec, false));
    }
    return corpora;
  }

  static Corpus corpus(String spec, boolean real) throws IOException {
    String[] parts = spec.split(",");
    List<Path> sources = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(parts[1]), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        sources.add(Paths.get(line.strip()));
      }
    }
    String classpath =
        parts[2].isEmpty()
            ? ""
            : Files.readString(Paths.get(parts[2]), StandardCharsets.UTF_8).strip();
    Path root = parts.length > 3 ? Paths.get(parts[3]) : Paths.get(parts[1]).getParent();
    return new Corpus(parts[0], sources, classpath, real, root);
  }

  /**
   * The real-world run: every asyncprone check at WARNING, nothing else of Error Prone's; or, with
   * {@code --config ep+ap}, Error Prone's default checks too, as a new user's build runs, with each
   * asyncprone finding marked with the default checks that report on the same line.
   */
  int findings() throws Exception {
    List<String> checks = checks();
    Compile compile = compiler(checks);
    Config config =
        switch (option("config", Config.EP_OFF_AP.label)) {
          case "ep-off+ap" -> Config.EP_OFF_AP;
          case "ep+ap" -> Config.EP_AP;
          default -> throw new IllegalArgumentException("--config: ep-off+ap or ep+ap");
        };
    boolean withDefaults = config == Config.EP_AP;
    compile.keepOthers = withDefaults;
    Path work = Paths.get(option("work", "bench/work"));
    Path report = Paths.get(option("report", "bench/results/real-world.txt"));
    String label = option("label", "");
    List<Corpus> corpora = new ArrayList<>(corpora());
    int generated = intOption("generated", 0);
    if (generated > 0) {
      // Generated async-heavy code with every shape the checks look at: a crash test more than a
      // source of findings (its mistakes are deliberate).
      Path dir = work.resolve("generated/src");
      Bench.deleteTree(dir);
      List<Path> files = new ArrayList<>(Generated.services(dir, generated));
      for (Generated.Shape shape : Generated.Shape.values()) {
        files.addAll(
            Generated.pathological(dir, shape, shape == Generated.Shape.NESTED ? 20 : 200));
      }
      corpora.add(new Corpus("generated*", files, option("scaling-classpath", ""), false, dir));
    }
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    // With the defaults on: per library, per asyncprone check, the findings that share their line
    // with a finding of a default check; and per asyncprone check, which default checks those are.
    Map<String, Map<String, Integer>> sameLine = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> sameLinePairs = new TreeMap<>();
    Map<String, Integer> defaultsPerLibrary = new LinkedHashMap<>();
    List<String> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Corpus corpus : corpora) {
      System.err.printf(
          "compiling %s (%d files) with every asyncprone check%s%n",
          corpus.name(),
          corpus.sources().size(),
          withDefaults ? " and Error Prone's defaults" : "");
      long start = System.nanoTime();
      String outName = withDefaults ? "out/findings-ep/" : "out/findings/";
      Result r =
          compile.run(
              config, corpus.sources(), corpus.classpath(), work.resolve(outName + corpus.name()));
      System.err.printf(
          "  %.1fs, %d findings%n", (System.nanoTime() - start) / 1e9, r.findings().size());
      Map<String, Integer> perCheck = new TreeMap<>();
      Map<String, Integer> perCheckSameLine = new TreeMap<>();
      for (String check : checks) {
        perCheck.put(check, 0);
        perCheckSameLine.put(check, 0);
      }
      // file -> line -> the default checks that reported there
      Map<String, Map<Long, TreeSet<String>>> defaults = new HashMap<>();
      for (Site site : r.others()) {
        defaults
            .computeIfAbsent(site.file(), k -> new HashMap<>())
            .computeIfAbsent(site.line(), k -> new TreeSet<>())
            .add(site.check());
      }
      defaultsPerLibrary.put(corpus.name(), r.others().size());
      for (Finding f : r.findings()) {
        perCheck.merge(f.check(), 1, Integer::sum);
        List<String> columns =
            new ArrayList<>(
                List.of(
                    corpus.name(),
                    f.check(),
                    corpus.relative(f.file()),
                    String.valueOf(f.line()),
                    firstLine(f.message())));
        if (withDefaults) {
          TreeSet<String> there =
              defaults.getOrDefault(f.file(), Map.of()).getOrDefault(f.line(), new TreeSet<>());
          columns.add(4, there.isEmpty() ? "-" : String.join(",", there));
          if (!there.isEmpty()) {
            perCheckSameLine.merge(f.check(), 1, Integer::sum);
            for (String other : there) {
              sameLinePairs
                  .computeIfAbsent(f.check(), k -> new TreeMap<>())
                  .merge(other, 1, Integer::sum);
            }
          }
        }
        rows.add(String.join("\t", columns));
      }
      counts.put(corpus.name(), perCheck);
      sameLine.put(corpus.name(), perCheckSameLine);
      if (!r.success() || !r.errors().isEmpty()) {
        boolean crash = false;
        for (Finding e : r.errors()) {
          crash |= e.message().contains("An unhandled exception was thrown by the Error Prone");
          problems.add(
              corpus.name()
                  + ": "
                  + corpus.relative(e.file())
                  + ":"
                  + e.line()
                  + ": "
                  + e.message());
        }
        if (!crash) {
          Result plain =
              compile.run(
                  Config.JAVAC,
                  corpus.sources(),
                  corpus.classpath(),
                  work.resolve("out/findings-javac/" + corpus.name()));
          problems.add(
              corpus.name()
                  + (plain.success()
                      ? ": javac alone compiles these sources, so the plugin causes the errors"
                          + " above"
                      : ": javac alone fails too: the corpus is broken (see bench/corpus.list), not"
                          + " the plugin"));
        } else {
          problems.add(corpus.name() + ": a check crashed (BugPattern above names it)");
        }
      }
    }
    Files.createDirectories(report.toAbsolutePath().getParent());
    StringBuilder text = new StringBuilder();
    text.append("# asyncprone real-world findings\n");
    text.append("# ").append(label).append('\n');
    text.append("# checks: ").append(String.join(", ", checks)).append('\n');
    if (withDefaults) {
      text.append(
          "# with Error Prone's default checks on (all as warnings): the column ep-same-line names"
              + " the default checks that report on the same line as the asyncprone finding\n");
    }
    if (generated > 0) {
      text.append(
          "# generated*: generated code with deliberate mistakes, compiled as a crash test\n");
    }
    text.append('\n');
    text.append(countTable(counts, checks));
    if (withDefaults) {
      text.append(
          "\n# asyncprone findings on a line where an Error Prone default check reports too\n");
      text.append(countTable(sameLine, checks));
      text.append(
          "\n"
              + "# which default checks, per asyncprone check (findings; one finding may count for"
              + " several)\n");
      sameLinePairs.forEach(
          (check, others) ->
              others.forEach(
                  (other, n) ->
                      text.append(check)
                          .append('\t')
                          .append(other)
                          .append('\t')
                          .append(n)
                          .append('\n')));
      text.append("\n# findings of Error Prone's default checks, per library\n");
      defaultsPerLibrary.forEach((lib, n) -> text.append(lib).append('\t').append(n).append('\n'));
    }
    text.append(
        withDefaults
            ? "\n# library\tcheck\tfile\tline\tep-same-line\tmessage\n"
            : "\n# library\tcheck\tfile\tline\tmessage\n");
    for (String row : rows) {
      text.append(row).append('\n');
    }
    if (!problems.isEmpty()) {
      text.append("\n# FAILURES\n");
      for (String p : problems) {
        text.append(p).append('\n');
      }
    }
    Files.writeString(report, text.toString(), StandardCharsets.UTF_8);
    out.print(countTable(counts, checks));
    if (withDefaults) {
      out.println("of which on a line where an Error Prone default check reports too:");
      out.print(countTable(sameLine, checks));
    }
    out.println("report: " + report);
    if (!problems.isEmpty()) {
      out.println(
          "FAILED (" + problems.size() + " problems; the first few here, all in the report):");
      problems.stream()
          .limit(6)
          .forEach(p -> p.lines().limit(14).forEach(line -> out.println("  " + line)));
      return 1;
    }
    out.println("real-world: no crash, no compile error caused by the plugin");
    return 0;
  }

  static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).replace('\t', ' ');
  }

  static String countTable(Map<String, Map<String, Integer>> counts, List<String> checks) {
    StringBuilder s = new StringBuilder();
    List<String> libraries = new ArrayList<>(counts.keySet());
    int width = Math.max(5, checks.stream().mapToInt(String::length).max().orElse(5));
    s.append(String.format("%-" + width + "s", "check"));
    for (String lib : libraries) {
      s.append(String.format(" %" + Math.max(6, lib.length()) + "s", lib));
    }
    s.append(String.format(" %6s%n", "total"));
    TreeSet<String> rows = new TreeSet<>(checks);
    counts.values().forEach(m -> rows.addAll(m.keySet()));
    int grand = 0;
    for (String check : rows) {
      s.append(String.format("%-" + width + "s", check));
      int total = 0;
      for (String lib : libraries) {
        int n = counts.get(lib).getOrDefault(check, 0);
        total += n;
        s.append(String.format(" %" + Math.max(6, lib.length()) + "d", n));
      }
      grand += total;
      s.append(String.format(" %6d%n", total));
    }
    s.append(String.format("%-" + width + "s", "all"));
    for (String lib : libraries) {
      int n = counts.get(lib).values().stream().mapToInt(Integer::intValue).sum();
      s.append(String.format(" %" + Math.max(6, lib.length()) + "d", n));
    }
    s.append(String.format(" %6d%n", grand));
    return s.toString();
  }
}
