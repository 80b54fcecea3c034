package dev.asyncprone.bench;

import dev.asyncprone.bench.Compile.Config;
import dev.asyncprone.bench.Compile.Result;
import dev.asyncprone.bench.Harness.Corpus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Times the five configurations on each corpus (median of several interleaved runs after warm-up),
 * the cost of each check, the scaling over generated sources and the pathological methods, and
 * prints the closing line {@code overhead alone=... added=... scaling8N=...}.
 */
final class Bench {
  private final Harness harness;
  private final PrintStream out;

  Bench(Harness harness) {
    this.harness = harness;
    this.out = harness.out;
  }

  int run() throws Exception {
    List<String> checks = harness.checks();
    Compile compile = harness.compiler(checks);
    int runs = harness.intOption("runs", 5);
    int warmup = harness.intOption("warmup", 2);
    Path work = Paths.get(harness.option("work", "bench/work"));
    Compile.useCpu = harness.option("metric", "wall").equals("cpu");
    out.println("asyncprone compile-time benchmark");
    out.println("  " + harness.option("label", ""));
    out.printf(
        "  javac %s on %d cores; %d warm-up rounds, then the median of %d runs per configuration"
            + " (configurations interleaved, all in one JVM)%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        warmup,
        runs);
    out.println(
        Compile.useCpu
            ? "  times are CPU seconds of the compiling thread (METRIC=cpu), not wall-clock"
            : "  times are wall-clock seconds");
    out.println("  asyncprone checks (" + checks.size() + "): " + String.join(", ", checks));
    out.println();
    for (Config c : Config.values()) {
      out.printf("  %-10s %s%n", c.label, c.description);
    }
    out.println();

    // 1. The corpora.
    List<Corpus> corpora = harness.corpora();
    Map<String, Map<Config, List<Result>>> measured = new LinkedHashMap<>();
    for (Corpus corpus : corpora) {
      System.err.printf(
          "measuring %s: %d files, %d configurations x (%d warm-up + %d runs)%n",
          corpus.name(), corpus.sources().size(), Config.values().length, warmup, runs);
      measured.put(
          corpus.name(),
          measure(
              compile,
              corpus.sources(),
              corpus.classpath(),
              work.resolve("out/bench/" + corpus.name()),
              List.of(Config.values()),
              warmup,
              runs,
              corpus.name()));
    }
    printCorpusTables(corpora, measured, checks);

    // 2. Per-check cost.
    printCheckCosts(corpora, measured, checks);

    // 3. Scaling over generated sources.
    double scaling = Double.NaN;
    int n = harness.intOption("scaling-n", 100);
    if (n > 0) {
      scaling =
          scaling(
              compile,
              checks,
              n,
              work,
              harness.intOption("scaling-runs", 3),
              harness.intOption("scaling-warmup", 1));
    }

    // 4. Pathological single methods.
    String patho =
        harness.option("patho", "CHAIN:400:1600,NESTED:15:60,AWAITS:400:1600,REACTIVE:400:1600");
    if (!patho.isEmpty()) {
      pathological(compile, checks, patho, work, harness.intOption("patho-runs", 3));
    }

    // 5. Paired rounds, for a wall-clock ratio with its uncertainty.
    int pairs = harness.intOption("ab", 0);
    if (pairs > 0) {
      String which = harness.option("ab-what", "alone");
      if (!which.equals("added")) {
        pairedRatio(compile, corpora, work, Config.EP_OFF, Config.EP_OFF_AP, "alone", pairs);
      }
      if (!which.equals("alone")) {
        pairedRatio(compile, corpora, work, Config.EP, Config.EP_AP, "added", pairs);
      }
    }

    double alone =
        total(corpora, measured, Config.EP_OFF_AP) / total(corpora, measured, Config.EP_OFF);
    double added = total(corpora, measured, Config.EP_AP) / total(corpora, measured, Config.EP);
    printMatcherRatios(corpora, measured, checks);
    out.println();
    out.printf("overhead alone=%.2fx added=%.2fx scaling8N=%.1fx%n", alone, added, scaling);
    return 0;
  }

  /**
   * The ratio {@code with / base} over the real libraries, from {@code pairs} rounds that each
   * compile every library with both configurations back to back (the order alternating from round
   * to round, after one round thrown away), so that slow drift of the machine hits both halves of a
   * round alike. Prints the per-round ratios' median with a distribution-free 95% confidence
   * interval of the median (order statistics), for the wall clock and for the compiling thread's
   * CPU time: the interval says whether the machine can tell the ratio from 1 at all.
   */
  private void pairedRatio(
      Compile compile,
      List<Corpus> corpora,
      Path work,
      Config base,
      Config with,
      String name,
      int pairs) {
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int round = -1; round < pairs; round++) {
      double[] baseTotals = new double[2];
      double[] withTotals = new double[2];
      for (Corpus corpus : corpora) {
        if (!corpus.real()) {
          continue;
        }
        List<Config> order =
            Math.floorMod(round, 2) == 0 ? List.of(base, with) : List.of(with, base);
        for (Config config : order) {
          System.gc();
          Result r =
              compile.run(
                  config,
                  corpus.sources(),
                  corpus.classpath(),
                  work.resolve("out/ab/" + corpus.name() + "/" + config.label));
          if (!r.success()) {
            throw new IllegalStateException(
                corpus.name() + " does not compile with " + config.label);
          }
          double[] totals = config == base ? baseTotals : withTotals;
          totals[0] += r.nanos() / 1e9;
          totals[1] += r.cpuNanos() / 1e9;
        }
      }
      System.err.printf(
          "  paired %s %s: %.2fs / %.2fs wall = %.3fx, cpu %.3fx%n",
          name,
          round < 0 ? "warm-up" : "round " + (round + 1),
          withTotals[0],
          baseTotals[0],
          withTotals[0] / baseTotals[0],
          withTotals[1] / baseTotals[1]);
      if (round >= 0) {
        wall.add(withTotals[0] / baseTotals[0]);
        cpu.add(withTotals[1] / baseTotals[1]);
      }
    }
    out.println();
    out.printf(
        "== Paired rounds: %s = %s / %s on the real libraries, %d rounds (median, 95%% confidence"
            + " interval of the median)%n",
        name, with.label, base.label, pairs);
    out.printf("  wall clock   %s%n", medianWithInterval(wall));
    out.printf("  thread CPU   %s%n", medianWithInterval(cpu));
  }

  /**
   * The median of {@code values} and the interval between the order statistics that hold the median
   * with 95% confidence whatever the distribution (normal approximation to the binomial).
   */
  static String medianWithInterval(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    int k = (int) Math.floor((n - 1.96 * Math.sqrt(n)) / 2);
    if (k < 1) {
      return String.format(
          "%.3fx (too few rounds for an interval; runs %.3fx to %.3fx)",
          median, sorted.get(0), sorted.get(n - 1));
    }
    return String.format("%.3fx [%.3fx, %.3fx]", median, sorted.get(k - 1), sorted.get(n - k));
  }

  /** Runs each configuration warmup + runs times, interleaved, and keeps the measured runs. */
  Map<Config, List<Result>> measure(
      Compile compile,
      List<Path> sources,
      String classpath,
      Path outDir,
      List<Config> configs,
      int warmup,
      int runs,
      String what) {
    Map<Config, List<Result>> results = new EnumMap<>(Config.class);
    for (Config c : configs) {
      results.put(c, new ArrayList<>());
    }
    for (int round = 0; round < warmup + runs; round++) {
      for (int j = 0; j < configs.size(); j++) {
        Config config = configs.get((round + j) % configs.size());
        System.gc();
        Result r = compile.run(config, sources, classpath, outDir.resolve(config.label));
        if (!r.success()) {
          StringBuilder why = new StringBuilder();
          r.errors().stream()
              .limit(15)
              .forEach(
                  e ->
                      why.append("\n  ")
                          .append(e.file())
                          .append(':')
                          .append(e.line())
                          .append(": ")
                          .append(e.message()));
          throw new IllegalStateException(what + " does not compile with " + config.label + why);
        }
        if (round >= warmup) {
          results.get(config).add(r);
        }
        System.err.printf(
            "  %s %s %s %.2fs wall, %.2fs cpu, %.0f MB allocated%n",
            what,
            round < warmup ? "warm-up" : "run",
            config.label,
            r.nanos() / 1e9,
            r.cpuNanos() / 1e9,
            r.allocatedBytes() / 1e6);
      }
    }
    return results;
  }

  /**
   * The same two ratios with the checks' own time (Error Prone's timings of their matchers) in
   * place of the wall-clock difference: blind to the cost of dispatching to the matchers and to the
   * garbage they leave, but far steadier than a difference of two noisy medians, so it tells a
   * check that got slower from a noisy machine.
   */
  private void printMatcherRatios(
      List<Corpus> corpora, Map<String, Map<Config, List<Result>>> measured, List<String> checks) {
    double ownOff = total(corpora, measured, Config.EP_OFF_AP, r -> r.secondsIn(checks));
    double ownEp = total(corpora, measured, Config.EP_AP, r -> r.secondsIn(checks));
    double off = total(corpora, measured, Config.EP_OFF);
    double ep = total(corpora, measured, Config.EP);
    out.println();
    out.printf(
        "== By the checks' own time instead of the wall clock: alone ~ (ep-off + %.2fs) / ep-off ="
            + " %.3fx; added ~ (ep + %.2fs) / ep = %.3fx%n",
        ownOff, (off + ownOff) / off, ownEp, (ep + ownEp) / ep);
    out.printf(
        "== Within the same compiles (steadier still: a slow spell of the machine slows the checks"
            + " and the rest of the compile alike): alone ~ ep-off+ap / (ep-off+ap - checks) ="
            + " %.3fx; added ~ ep+ap / (ep+ap - checks) = %.3fx%n",
        withinCompiles(corpora, measured, Config.EP_OFF_AP, checks),
        withinCompiles(corpora, measured, Config.EP_AP, checks));
    double allocatedOff = total(corpora, measured, Config.EP_OFF, Result::allocatedBytes);
    double allocatedOffAp = total(corpora, measured, Config.EP_OFF_AP, Result::allocatedBytes);
    double allocatedEp = total(corpora, measured, Config.EP, Result::allocatedBytes);
    double allocatedEpAp = total(corpora, measured, Config.EP_AP, Result::allocatedBytes);
    out.printf(
        "== Garbage: the compiling thread allocates %.0f MB with ep-off, %.0f MB with ep-off+ap"
            + " (%.3fx); %.0f MB with ep, %.0f MB with ep+ap (%.3fx)%n",
        allocatedOff / 1e6,
        allocatedOffAp / 1e6,
        allocatedOffAp / allocatedOff,
        allocatedEp / 1e6,
        allocatedEpAp / 1e6,
        allocatedEpAp / allocatedEp);
  }

  /**
   * A configuration's time over the same compiles' time without the checks' own share, summed over
   * the real libraries (medians of each); both sides come from the same runs.
   */
  private static double withinCompiles(
      List<Corpus> corpora,
      Map<String, Map<Config, List<Result>>> measured,
      Config config,
      List<String> checks) {
    return total(corpora, measured, config, Result::seconds)
        / total(corpora, measured, config, r -> r.seconds() - r.secondsIn(checks));
  }

  static double median(List<Result> results, ToDoubleFunction<Result> value) {
    double[] values = results.stream().mapToDouble(value).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  static double spread(List<Result> results) {
    double[] values = results.stream().mapToDouble(Result::seconds).sorted().toArray();
    double median = median(results, Result::seconds);
    return values.length < 2 ? 0 : (values[values.length - 1] - values[0]) / 2 / median;
  }

  static double total(
      List<Corpus> corpora, Map<String, Map<Config, List<Result>>> measured, Config c) {
    return total(corpora, measured, c, Result::seconds);
  }

  /** The median of {@code value} over one configuration's runs, summed over the real libraries. */
  static double total(
      List<Corpus> corpora,
      Map<String, Map<Config, List<Result>>> measured,
      Config c,
      ToDoubleFunction<Result> value) {
    double total = 0;
    for (Corpus corpus : corpora) {
      if (corpus.real()) {
        total += median(measured.get(corpus.name()).get(c), value);
      }
    }
    return total;
  }

  private void printCorpusTables(
      List<Corpus> corpora, Map<String, Map<Config, List<Result>>> measured, List<String> checks) {
    out.println(
        "== Compile time: median seconds (half the min-max spread, as a share of the median)");
    out.printf("%-14s %6s %8s", "corpus", "files", "lines");
    for (Config c : Config.values()) {
      out.printf(" %15s", c.label);
    }
    out.printf(" %9s%n", "findings");
    for (Corpus corpus : corpora) {
      Map<Config, List<Result>> m = measured.get(corpus.name());
      out.printf(
          "%-14s %6d %8d",
          corpus.name() + (corpus.real() ? "" : "*"), corpus.sources().size(), corpus.lines());
      for (Config c : Config.values()) {
        out.printf(
            " %15s",
            String.format(
                "%.2fs ±%.0f%%", median(m.get(c), Result::seconds), 100 * spread(m.get(c))));
      }
      out.printf(" %9d%n", m.get(Config.EP_OFF_AP).get(0).findings().size());
    }
    if (corpora.stream().anyMatch(c -> !c.real())) {
      out.println(
          "(* not a real library: measured, but left out of the totals and the closing line)");
    }
    out.printf("%-14s %6s %8s", "total", "", "");
    for (Config c : Config.values()) {
      out.printf(" %15s", String.format("%.2fs", total(corpora, measured, c)));
    }
    out.println();
    out.println();
    out.println("== Ratios of the medians, measured in the same run");
    out.printf(
        "%-14s %12s %12s %12s %12s %12s%n",
        "corpus", "ep-off/javac", "alone", "ep/javac", "added", "ep+ap/javac");
    out.printf("%-14s %12s %12s %12s %12s %12s%n", "", "", "(ep-off+ap/", "", "(ep+ap/ep)", "");
    out.printf("%-14s %12s %12s %12s %12s %12s%n", "", "", " ep-off)", "", "", "");
    for (Corpus corpus : corpora) {
      Map<Config, List<Result>> m = measured.get(corpus.name());
      double javac = median(m.get(Config.JAVAC), Result::seconds);
      double off = median(m.get(Config.EP_OFF), Result::seconds);
      double offAp = median(m.get(Config.EP_OFF_AP), Result::seconds);
      double ep = median(m.get(Config.EP), Result::seconds);
      double epAp = median(m.get(Config.EP_AP), Result::seconds);
      out.printf(
          "%-14s %11.2fx %11.3fx %11.2fx %11.3fx %11.2fx%n",
          corpus.name() + (corpus.real() ? "" : "*"),
          off / javac,
          offAp / off,
          ep / javac,
          epAp / ep,
          epAp / javac);
    }
    double javac = total(corpora, measured, Config.JAVAC);
    double off = total(corpora, measured, Config.EP_OFF);
    double offAp = total(corpora, measured, Config.EP_OFF_AP);
    double ep = total(corpora, measured, Config.EP);
    double epAp = total(corpora, measured, Config.EP_AP);
    out.printf(
        "%-14s %11.2fx %11.3fx %11.2fx %11.3fx %11.2fx%n",
        "real libraries", off / javac, offAp / off, ep / javac, epAp / ep, epAp / javac);
    out.println();
  }

  private void printCheckCosts(
      List<Corpus> corpora, Map<String, Map<Config, List<Result>>> measured, List<String> checks) {
    out.println(
        "== Cost of each asyncprone check: median seconds inside its matchers (Error Prone's own"
            + " per-check timings), with every asyncprone check on and Error Prone's off"
            + " (ep-off+ap); the last column, the same on the real libraries with Error Prone's"
            + " defaults on (ep+ap)");
    out.printf("%-26s", "check");
    for (Corpus corpus : corpora) {
      out.printf(" %13s", corpus.name() + (corpus.real() ? "" : "*"));
    }
    out.printf(" %9s %13s %9s%n", "real", "% of javac", "ep+ap");
    double javacReal = total(corpora, measured, Config.JAVAC);
    double allReal = 0;
    for (String check : checks) {
      out.printf("%-26s", check);
      double real = 0;
      for (Corpus corpus : corpora) {
        double s =
            median(
                measured.get(corpus.name()).get(Config.EP_OFF_AP),
                r -> r.secondsIn(List.of(check)));
        if (corpus.real()) {
          real += s;
        }
        out.printf(" %12.3fs", s);
      }
      allReal += real;
      double withDefaults =
          total(corpora, measured, Config.EP_AP, r -> r.secondsIn(List.of(check)));
      out.printf(" %8.3fs %12.2f%% %8.3fs%n", real, 100 * real / javacReal, withDefaults);
    }
    out.printf("%-26s", "all asyncprone checks");
    for (Corpus corpus : corpora) {
      out.printf(
          " %12.3fs",
          median(measured.get(corpus.name()).get(Config.EP_OFF_AP), r -> r.secondsIn(checks)));
    }
    out.printf(
        " %8.3fs %12.2f%% %8.3fs%n",
        allReal,
        100 * allReal / javacReal,
        total(corpora, measured, Config.EP_AP, r -> r.secondsIn(checks)));
    double delta =
        total(corpora, measured, Config.EP_OFF_AP) - total(corpora, measured, Config.EP_OFF);
    out.printf(
        "(measured ep-off+ap minus ep-off on the real libraries: %.3fs; the checks' own time above,"
            + " wall-clock: %.3fs)%n",
        delta, allReal);
    out.println();

    // Error Prone's most expensive default checks, for scale.
    Map<String, Double> epChecks = new TreeMap<>();
    for (Corpus corpus : corpora) {
      if (!corpus.real()) {
        continue;
      }
      List<Result> results = measured.get(corpus.name()).get(Config.EP);
      TreeMap<String, Boolean> names = new TreeMap<>();
      results.forEach(r -> r.checkTimes().keySet().forEach(k -> names.put(k, true)));
      for (String name : names.keySet()) {
        epChecks.merge(name, median(results, r -> seconds(r.checkTimes().get(name))), Double::sum);
      }
    }
    double epTotal = epChecks.values().stream().mapToDouble(Double::doubleValue).sum();
    out.printf(
        "== For scale: Error Prone's %d default checks spend %.2fs in their matchers on the real"
            + " libraries (ep); the five most expensive:%n",
        epChecks.size(), epTotal);
    epChecks.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(5)
        .forEach(
            e ->
                out.printf(
                    "  %-40s %8.3fs %8.2f%% of javac%n",
                    e.getKey(), e.getValue(), 100 * e.getValue() / javacReal));
    out.println();
  }

  static double seconds(Duration d) {
    return d == null ? 0 : d.toNanos() / 1e9;
  }

  /** Generated services at N, 2N, 4N, 8N files; returns the asyncprone time at 8N over N. */
  private double scaling(
      Compile compile, List<String> checks, int n, Path work, int runs, int warmup) {
    String classpath = harness.option("scaling-classpath", "");
    Path dir = work.resolve("scaling/src");
    deleteTree(dir);
    List<Path> files = Generated.services(dir, 8 * n);
    int[] sizes = {n, 2 * n, 4 * n, 8 * n};
    List<Config> configs = List.of(Config.JAVAC, Config.EP_OFF_AP);
    Map<Integer, Map<Config, List<Result>>> bySize = new TreeMap<>();
    for (int size : sizes) {
      System.err.printf("scaling: %d generated files%n", size);
      bySize.put(
          size,
          measure(
              compile,
              files.subList(0, size),
              classpath,
              work.resolve("out/scaling/" + size),
              configs,
              warmup,
              runs,
              "scaling " + size));
    }
    out.printf(
        "== Scaling: generated async-heavy services (about 680 lines each), median of %d runs after"
            + " %d warm-up%n",
        runs, warmup);
    out.printf(
        "%-6s %8s %9s %10s %10s %9s | %10s %10s | %8s %8s%n",
        "files",
        "lines",
        "javac",
        "ep-off+ap",
        "ap checks",
        "findings",
        "ap ms/file",
        "ms/file",
        "time/N",
        "ap/N");
    double apN = 0;
    double totalN = 0;
    double ratio = Double.NaN;
    for (int size : sizes) {
      Map<Config, List<Result>> m = bySize.get(size);
      double javac = median(m.get(Config.JAVAC), Result::seconds);
      double offAp = median(m.get(Config.EP_OFF_AP), Result::seconds);
      double ap = median(m.get(Config.EP_OFF_AP), r -> r.secondsIn(checks));
      if (size == n) {
        apN = ap;
        totalN = offAp;
      }
      ratio = ap / apN;
      long lines = new Corpus("", files.subList(0, size), "", false, dir).lines();
      out.printf(
          "%-6d %8d %8.2fs %9.2fs %9.3fs %9d | %10.2f %10.2f | %7.2fx %7.2fx%n",
          size,
          lines,
          javac,
          offAp,
          ap,
          m.get(Config.EP_OFF_AP).get(0).findings().size(),
          1000 * ap / size,
          1000 * offAp / size,
          offAp / totalN,
          ap / apN);
    }
    out.println(
        "(time/N: whole ep-off+ap compile time over that at N; ap/N: the asyncprone checks' own"
            + " time over that at N. Linear cost gives 2x, 4x, 8x; scaling8N is ap/N at 8N.)");
    out.println();
    return ratio;
  }

  private void pathological(
      Compile compile, List<String> checks, String spec, Path work, int runs) {
    String classpath = harness.option("scaling-classpath", "");
    out.println("== Pathological single methods: median seconds, two sizes each");
    out.printf(
        "%-22s %6s %9s %10s %10s %-34s %9s%n",
        "shape", "size", "javac", "ep-off+ap", "ap checks", "most expensive check", "findings");
    for (String part : spec.split(",")) {
      String[] bits = part.split(":");
      Generated.Shape shape = Generated.Shape.valueOf(bits[0]);
      double first = Double.NaN;
      int firstSize = 0;
      for (int i = 1; i < bits.length; i++) {
        int size = Integer.parseInt(bits[i]);
        Path dir = work.resolve("patho/" + shape + size);
        deleteTree(dir);
        List<Path> files = Generated.pathological(dir, shape, size);
        System.err.printf("pathological: %s %d%n", shape, size);
        Map<Config, List<Result>> m;
        try {
          m =
              measure(
                  compile,
                  files,
                  classpath,
                  work.resolve("out/patho/" + shape + size),
                  List.of(Config.JAVAC, Config.EP_OFF_AP),
                  1,
                  runs,
                  shape + " " + size);
        } catch (IllegalStateException e) {
          String why = e.getMessage().lines().skip(1).findFirst().orElse("").strip();
          out.printf(
              "%-22s %6d does not compile, so not measured: %s%n", shape.description, size, why);
          continue;
        }
        double ap = median(m.get(Config.EP_OFF_AP), r -> r.secondsIn(checks));
        String top =
            checks.stream()
                .max(
                    Comparator.comparingDouble(
                        c -> median(m.get(Config.EP_OFF_AP), r -> r.secondsIn(List.of(c)))))
                .map(
                    c ->
                        String.format(
                            "%s %.3fs",
                            c, median(m.get(Config.EP_OFF_AP), r -> r.secondsIn(List.of(c)))))
                .orElse("");
        out.printf(
            "%-22s %6d %8.3fs %9.3fs %9.3fs %-34s %9d%n",
            shape.description,
            size,
            median(m.get(Config.JAVAC), Result::seconds),
            median(m.get(Config.EP_OFF_AP), Result::seconds),
            ap,
            top,
            m.get(Config.EP_OFF_AP).get(0).findings().size());
        if (i == 1) {
          first = ap;
          firstSize = size;
        } else {
          out.printf(
              "%-22s %6s size x%.0f: asyncprone time x%.1f (linear: x%.0f)%n",
              "", "", (double) size / firstSize, ap / first, (double) size / firstSize);
        }
      }
    }
    out.println();
  }

  static void deleteTree(Path dir) {
    try {
      if (java.nio.file.Files.exists(dir)) {
        try (var walk = java.nio.file.Files.walk(dir)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
