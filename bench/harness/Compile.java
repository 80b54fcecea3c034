package dev.asyncprone.bench;

import com.google.errorprone.ErrorProneTimings;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.util.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * One compilation, in this JVM, through javax.tools: the same javac that the command line runs,
 * with Error Prone loaded as a javac plugin from the processor path exactly as a build loads it.
 */
final class Compile {

  /** The five configurations of the benchmark. */
  enum Config {
    JAVAC("javac", "plain javac"),
    EP_OFF("ep-off", "javac + Error Prone, all checks disabled"),
    EP_OFF_AP("ep-off+ap", "the same + every asyncprone check"),
    EP("ep", "javac + Error Prone defaults"),
    EP_AP("ep+ap", "javac + Error Prone defaults + every asyncprone check");

    final String label;
    final String description;

    Config(String label, String description) {
      this.label = label;
      this.description = description;
    }

    boolean errorProne() {
      return this != JAVAC;
    }

    boolean asyncprone() {
      return this == EP_OFF_AP || this == EP_AP;
    }
  }

  /** One finding (or error) that javac reported. */
  record Finding(String check, String file, long line, String message, boolean error) {}

  /** Where an Error Prone check other than asyncprone's reported, for {@link Result#others}. */
  record Site(String check, String file, long line) {}

  /** What one compilation took and reported. */
  record Result(
      long nanos,
      long cpuNanos,
      long allocatedBytes,
      Map<String, Duration> checkTimes,
      Map<String, Integer> counts,
      List<Finding> findings,
      List<Finding> errors,
      List<Site> others,
      boolean success) {

    /** Wall-clock seconds, or the compiling thread's CPU seconds where {@link #useCpu} is set. */
    double seconds() {
      return (useCpu ? cpuNanos : nanos) / 1e9;
    }

    /** The summed time of the named checks, in seconds. */
    double secondsIn(List<String> checks) {
      long total = 0;
      for (String check : checks) {
        Duration d = checkTimes.get(check);
        if (d != null) {
          total += d.toNanos();
        }
      }
      return total / 1e9;
    }
  }

  /**
   * Measure the compiling thread's CPU time instead of wall-clock time: steadier on a machine that
   * other work shares, but blind to the collector's and the JIT's threads.
   */
  static boolean useCpu = false;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Bytes the compiling thread allocates: the garbage a compilation leaves for the collector, which
   * the checks' own matcher times do not show; unlike time, unmoved by other work on the machine.
   * Javac compiles on the calling thread, and so do Error Prone's checks.
   */
  private static long allocatedBytes() {
    return THREADS instanceof com.sun.management.ThreadMXBean hotspot
        ? hotspot.getCurrentThreadAllocatedBytes()
        : 0;
  }

  private static final Pattern CHECK_PREFIX = Pattern.compile("^\\[([A-Za-z0-9_]+)\\] ");

  private final String processorPath;
  private final List<String> asyncproneChecks;
  private final String release;
  private final long stackBytes;

  /**
   * Whether to keep, in {@link Result#others}, where the checks that are not asyncprone's reported
   * (bench/real-world with Error Prone's defaults on); the benchmark only counts them.
   */
  boolean keepOthers = false;

  Compile(String processorPath, List<String> asyncproneChecks, String release, long stackBytes) {
    this.processorPath = processorPath;
    this.asyncproneChecks = asyncproneChecks;
    this.release = release;
    this.stackBytes = stackBytes;
  }

  List<String> options(Config config, String classpath, Path out) {
    List<String> options = new ArrayList<>();
    options.add("-encoding");
    options.add("UTF-8");
    options.add("-proc:none");
    if (release != null && !release.isEmpty()) {
      options.add("--release");
      options.add(release);
    }
    options.add("-Xmaxwarns");
    options.add("1000000");
    options.add("-Xmaxerrs");
    options.add("1000");
    options.add("-d");
    options.add(out.toString());
    if (!classpath.isEmpty()) {
      options.add("-classpath");
      options.add(classpath);
    }
    if (config.errorProne()) {
      options.add("-XDcompilePolicy=simple");
      options.add("--should-stop=ifError=FLOW");
      options.add("-processorpath");
      options.add(processorPath);
      options.add("-Xplugin:ErrorProne " + errorProneFlags(config));
    }
    return options;
  }

  String errorProneFlags(Config config) {
    StringBuilder flags = new StringBuilder("-XepAllErrorsAsWarnings");
    if (config == Config.EP_OFF || config == Config.EP_OFF_AP) {
      flags.append(" -XepDisableAllChecks");
    }
    // The plugin is on the processor path in every Error Prone configuration: its checks are
    // switched on or off by name, as a user would.
    String level = config.asyncprone() ? "WARN" : "OFF";
    for (String check : asyncproneChecks) {
      flags.append(" -Xep:").append(check).append(':').append(level);
    }
    return flags.toString();
  }

  /** Compiles, in a thread of its own with a large stack, and reports what happened. */
  Result run(Config config, List<Path> sources, String classpath, Path out) {
    Result[] result = new Result[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result[0] = runHere(config, sources, classpath, out);
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "javac",
            stackBytes);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return result[0];
  }

  private Result runHere(Config config, List<Path> sources, String classpath, Path out) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Map<String, Integer> counts = new TreeMap<>();
    List<Finding> findings = new ArrayList<>();
    List<Finding> errors = new ArrayList<>();
    List<Site> others = new ArrayList<>();
    DiagnosticListener<JavaFileObject> listener =
        d -> {
          String message = d.getMessage(Locale.ROOT);
          Matcher m = CHECK_PREFIX.matcher(message);
          String check = m.find() ? m.group(1) : null;
          String file = d.getSource() == null ? "" : d.getSource().getName();
          boolean error = d.getKind() == Diagnostic.Kind.ERROR;
          Finding finding = new Finding(check, file, d.getLineNumber(), message, error);
          if (error) {
            errors.add(finding);
          }
          if (check != null) {
            counts.merge(check, 1, Integer::sum);
            if (asyncproneChecks.contains(check)) {
              findings.add(finding);
            } else if (keepOthers) {
              others.add(new Site(check, file, d.getLineNumber()));
            }
          }
        };
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(listener, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      JavaCompiler.CompilationTask task =
          javac.getTask(output, files, listener, options(config, classpath, out), null, units);
      // Taken before call(): the task drops its context when it ends; Error Prone's per-check
      // timings live in it (javac's plugin API has no other way to report them).
      Context context = ((BasicJavacTask) task).getContext();
      long allocatedStart = allocatedBytes();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      boolean success = task.call();
      long nanos = System.nanoTime() - start;
      long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
      long allocated = allocatedBytes() - allocatedStart;
      Map<String, Duration> times = new LinkedHashMap<>();
      if (config.errorProne()) {
        times.putAll(ErrorProneTimings.instance(context).timings());
      }
      if (!success && !output.toString().isBlank()) {
        errors.add(new Finding(null, "", 0, output.toString().strip(), true));
      }
      return new Result(
          nanos, cpuNanos, allocated, times, counts, findings, errors, others, success);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
