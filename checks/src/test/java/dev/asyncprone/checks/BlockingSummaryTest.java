package dev.asyncprone.checks;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Across modules: a library compiled with the plugin carries its blocking summary in its class
 * output; an application compiled against the library's classes only (a directory, or a jar) finds
 * the library's blocking from its own callbacks. Each module is a real javac run with Error Prone
 * as a plugin, as a build runs it.
 */
@RunWith(JUnit4.class)
public class BlockingSummaryTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  private static final String SUMMARY = "META-INF/asyncprone/blocking-summary.txt";

  private static final String[] PRICE_DAO = {
    "package pricing;",
    "import java.sql.Connection;",
    "import java.sql.SQLException;",
    "public class PriceDao {",
    "  private final Connection db;",
    "  public PriceDao(Connection db) { this.db = db; }",
    "  public long row(String sku) {",
    "    try {",
    "      return db.prepareStatement(sku).executeQuery().getLong(1);",
    "    } catch (SQLException e) {",
    "      throw new IllegalStateException(e);",
    "    }",
    "  }",
    "  private long secret(String sku) { return row(sku); }",
    "  public long cheap(String sku) { return sku.length(); }",
    "}"
  };

  private static final String[] PRICE_BOOK = {
    "package pricing;",
    "public final class PriceBook {",
    "  private final PriceDao dao;",
    "  public PriceBook(PriceDao dao) { this.dao = dao; }",
    "  public long lookup(String sku) { return dao.row(sku) + dao.cheap(sku); }",
    "  public long[] lookupAll(String... skus) {",
    "    long[] prices = new long[skus.length];",
    "    for (int i = 0; i < skus.length; i++) { prices[i] = lookup(skus[i]); }",
    "    return prices;",
    "  }",
    "}"
  };

  private static final String[] APP = {
    "package app;",
    "import pricing.PriceBook;",
    "import reactor.core.publisher.Flux;",
    "public class Quotes {",
    "  private final PriceBook book;",
    "  public Quotes(PriceBook book) { this.book = book; }",
    "  long quote(String sku) { return book.lookup(sku) * 2; }",
    "  Flux<Long> direct(Flux<String> skus) { return skus.map(s -> book.lookup(s)); }",
    "  Flux<Long> through(Flux<String> skus) { return skus.map(s -> quote(s)); }",
    "  Flux<Long> cheap(Flux<String> skus) { return skus.map(s -> (long) s.length()); }",
    "}"
  };

  @Test
  public void theLibrarySummaryIsWrittenSortedWithEachReason() throws IOException {
    Path lib = compileLibrary(true);
    assertThat(Files.readString(lib.resolve(SUMMARY)))
        .isEqualTo(
            "# asyncprone blocking summary 1\n"
                + "# method\tkind\tcall\tdetail\tlocation\tthrough\n"
                + "pricing.PriceBook#lookup(java.lang.String)\tcatalog"
                + "\tConnection.prepareStatement()\tmakes a database round trip\tPriceDao.java:9"
                + "\tPriceDao.row()\n"
                + "pricing.PriceBook#lookupAll(java.lang.String[])\tcatalog"
                + "\tConnection.prepareStatement()\tmakes a database round trip\tPriceDao.java:9"
                + "\tPriceBook.lookup() -> PriceDao.row()\n"
                + "pricing.PriceDao#row(java.lang.String)\tcatalog\tConnection.prepareStatement()"
                + "\tmakes a database round trip\tPriceDao.java:9\t\n");
  }

  @Test
  public void theApplicationFindsTheLibrarysBlockingFromItsClassDirectory() throws IOException {
    Path lib = compileLibrary(true);
    List<String> findings = compile(source("app", APP), List.of(lib), List.of(), folder());
    assertThat(findings)
        .containsExactly(
            "Quotes.java:8 [BlockingInAsyncContext] lookup() (from "
                + lib
                + ") blocks: it calls PriceDao.row(), which makes a database round trip"
                + " (Connection.prepareStatement(), PriceDao.java:9), so it blocks the thread that"
                + " emits 'skus' (this lambda is a Reactor map operator and runs there); wrap it in"
                + " fromCallable(...).subscribeOn(a scheduler for blocking work, such as"
                + " Schedulers.boundedElastic()) and flatMap to it",
            "Quotes.java:9 [BlockingInAsyncContext] quote() blocks: it calls PriceBook.lookup()"
                + " (from "
                + lib
                + ") -> PriceDao.row(), which makes a database round trip"
                + " (Connection.prepareStatement(), PriceDao.java:9), so it blocks the thread that"
                + " emits 'skus' (this lambda is a Reactor map operator and runs there); wrap it in"
                + " fromCallable(...).subscribeOn(a scheduler for blocking work, such as"
                + " Schedulers.boundedElastic()) and flatMap to it");
  }

  @Test
  public void theApplicationFindsTheLibrarysBlockingFromItsJar() throws IOException {
    Path jar = jar(compileLibrary(true), "pricing-1.0.jar");
    List<String> findings = compile(source("app", APP), List.of(jar), List.of(), folder());
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0))
        .startsWith(
            "Quotes.java:8 [BlockingInAsyncContext] lookup() (from pricing-1.0.jar) blocks: it"
                + " calls PriceDao.row(), which makes a database round trip");
    // The application's own summary carries the way through the library, and where it came from.
    Path out = folder();
    compile(source("app", APP), List.of(jar), List.of(), out);
    assertThat(Files.readString(out.resolve(SUMMARY)))
        .contains(
            "app.Quotes#quote(java.lang.String)\tcatalog\tConnection.prepareStatement()\tmakes a"
                + " database round trip\tPriceDao.java:9\tPriceBook.lookup() (from pricing-1.0.jar)"
                + " -> PriceDao.row()\n");
  }

  @Test
  public void aLibraryBuiltWithoutThePluginHasNoSummaryAndNoFinding() throws IOException {
    Path lib = compileLibrary(false);
    assertThat(Files.exists(lib.resolve(SUMMARY))).isFalse();
    assertThat(compile(source("app", APP), List.of(lib), List.of(), folder())).isEmpty();
  }

  @Test
  public void theOptionTurnsWritingOff() throws IOException {
    Path out = folder();
    compile(
        source("pricing", PRICE_DAO, PRICE_BOOK),
        List.of(),
        List.of("-XepOpt:AsyncProne:WriteBlockingSummary=false"),
        out);
    assertThat(Files.exists(out.resolve("pricing/PriceDao.class"))).isTrue();
    assertThat(Files.exists(out.resolve(SUMMARY))).isFalse();
  }

  /**
   * A contract read from a class file: the library's abstract method is {@code @Blocking}, the
   * application's class implements it and never names the annotation, and a callback calls it.
   */
  @Test
  public void aBlockingContractInheritedFromAClassFileCounts() throws IOException {
    Path lib =
        compiledWithoutThePlugin(
            "rates",
            new String[] {
              "package rates;",
              "public abstract class Rates {",
              "  @dev.asyncprone.annotations.Blocking",
              "  public abstract long rate(String currency);",
              "}"
            });
    String[] app = {
      "package app;",
      "import reactor.core.publisher.Flux;",
      "public final class FixedRates extends rates.Rates {",
      "  @Override public long rate(String currency) { return currency.length(); }",
      "  Flux<Long> rates(Flux<String> currencies) { return currencies.map(c -> rate(c)); }",
      "}"
    };
    assertThat(compile(source("app", app), List.of(lib), List.of(), folder()))
        .containsExactly(
            "FixedRates.java:5 [BlockingInAsyncContext] FixedRates.rate() is annotated @Blocking"
                + " and blocks the thread that emits 'currencies' (this lambda is a Reactor map"
                + " operator and runs there); wrap it in fromCallable(...).subscribeOn(a scheduler"
                + " for blocking work, such as Schedulers.boundedElastic()) and flatMap to it");
  }

  /**
   * A contract on the class around a nested class, both read from a class file: the nested class's
   * method is blocking by its enclosing class's {@code @Blocking}, though the application names
   * neither the annotation nor the enclosing class.
   */
  @Test
  public void aBlockingContractOfAnEnclosingClassFromAClassFileCounts() throws IOException {
    Path lib =
        compiledWithoutThePlugin(
            "ledger",
            new String[] {
              "package ledger;",
              "@dev.asyncprone.annotations.Blocking",
              "public final class Ledger {",
              "  public static final class Entries {",
              "    public long total(String account) { return account.length(); }",
              "  }",
              "}"
            },
            new String[] {
              "package ledger;",
              "public final class Books {",
              "  public static Ledger.Entries entries() { return new Ledger.Entries(); }",
              "}"
            });
    // Reached through Books, the nested class is read without its enclosing class.
    String[] app = {
      "package app;",
      "import reactor.core.publisher.Flux;",
      "public final class Totals {",
      "  Flux<Long> totals(Flux<String> accounts) {",
      "    var entries = ledger.Books.entries();",
      "    return accounts.map(a -> entries.total(a));",
      "  }",
      "}"
    };
    assertThat(compile(source("app", app), List.of(lib), List.of(), folder()))
        .containsExactly(
            "Totals.java:6 [BlockingInAsyncContext] Entries.total() is annotated @Blocking"
                + " and blocks the thread that emits 'accounts' (this lambda is a Reactor map"
                + " operator and runs there); wrap it in fromCallable(...).subscribeOn(a scheduler"
                + " for blocking work, such as Schedulers.boundedElastic()) and flatMap to it");
  }

  /** A summary that cannot be read is left out: no error, no finding, no crash. */
  @Test
  public void aBrokenSummaryNeverFailsTheBuild() throws IOException {
    Path lib = compileLibrary(true);
    Files.writeString(
        lib.resolve(SUMMARY),
        "pricing.PriceBook#lookup(java.lang.String)\tnonsense\n\t\t\t\t\t\nnot a line\n"
            + "pricing.PriceBook#lookup(java.lang.String)\tcatalog\n",
        UTF_8);
    assertThat(compile(source("app", APP), List.of(jar(lib, "broken.jar")), List.of(), null))
        .isEmpty();
  }

  /**
   * A module compiled with its own earlier output on the class path (as Maven compiles it): its
   * sources decide, and its summary never makes a finding in its own code.
   */
  @Test
  public void theSummaryNeverSpeaksForCodeCompiledFromSource() throws IOException {
    Path lib = compileLibrary(true);
    String before = Files.readString(lib.resolve(SUMMARY));
    Path out = folder();
    compile(source("pricing", PRICE_DAO, PRICE_BOOK), List.of(lib), List.of(), out);
    assertThat(Files.readString(out.resolve(SUMMARY))).isEqualTo(before);
  }

  /**
   * Under {@code -XDcompilePolicy=byfile} javac attributes, checks and lowers one file before it
   * attributes the next: the inference reads each file while the checks are on it, so a call into a
   * file compiled earlier is followed (PriceDao.java, then Prices.java, then Quotes.java), one into
   * a file compiled later is not (PriceBook.java comes before PriceDao.java), and nothing fails.
   */
  @Test
  public void byFileCompilationFollowsCallsIntoEarlierFiles() throws IOException {
    String[] prices = String.join("\n", PRICE_BOOK).replace("PriceBook", "Prices").split("\n");
    Path sources = source("pricing", PRICE_DAO, PRICE_BOOK, prices);
    Path app = Files.createDirectories(sources.resolve("quotes"));
    Files.writeString(
        app.resolve("Quotes.java"),
        String.join("\n", APP).replace("package app;", "package quotes;")
            + "\n"
            + "class Later {\n"
            + "  reactor.core.publisher.Flux<Long> f(reactor.core.publisher.Flux<String> s,"
            + " pricing.Prices p) {\n"
            + "    return s.map(x -> p.lookup(x));\n"
            + "  }\n"
            + "}\n",
        UTF_8);
    List<String> findings =
        compile(sources, List.of(), List.of("-XDcompilePolicy=byfile"), folder());
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0))
        .startsWith(
            "Quotes.java:14 [BlockingInAsyncContext] lookup() blocks: it calls PriceDao.row(),"
                + " which makes a database round trip");
  }

  /** The classes of {@code files}, in package {@code pkg}, compiled by plain javac. */
  private Path compiledWithoutThePlugin(String pkg, String[]... files) throws IOException {
    Path out = folder();
    javac(source(pkg, files), List.of(), null, out);
    return out;
  }

  private Path compileLibrary(boolean withPlugin) throws IOException {
    Path out = folder();
    Path sources = source("pricing", PRICE_DAO, PRICE_BOOK);
    if (withPlugin) {
      assertThat(compile(sources, List.of(), List.of(), out)).isEmpty();
    } else {
      javac(sources, List.of(), null, out);
    }
    return out;
  }

  /**
   * Writes each of {@code files} (a class each) into a fresh source tree, in package {@code pkg}.
   */
  private Path source(String pkg, String[]... files) throws IOException {
    Path root = folder();
    Path dir = Files.createDirectories(root.resolve(pkg));
    for (String[] file : files) {
      String name = "";
      for (String line : file) {
        if (name.isEmpty() && line.contains("class ")) {
          name = line.substring(line.indexOf("class ") + "class ".length()).split("[ {]")[0];
        }
      }
      Files.writeString(dir.resolve(name + ".java"), String.join("\n", file) + "\n", UTF_8);
    }
    return root;
  }

  private Path folder() throws IOException {
    return temp.newFolder().toPath();
  }

  /**
   * Compiles {@code sources} with Error Prone and the blocking checks, against {@code classpath}
   * and the test's own class path, into {@code out} (a fresh folder if null); the findings, each as
   * {@code File.java:line [Check] message}.
   */
  private List<String> compile(Path sources, List<Path> classpath, List<String> flags, Path out)
      throws IOException {
    List<String> plugin = new ArrayList<>();
    plugin.add("-Xplugin:ErrorProne -XepDisableAllChecks");
    plugin.add("-Xep:BlockingInAsyncContext:WARN -Xep:BlockingOnCommonPool:WARN");
    plugin.addAll(flags);
    DiagnosticCollector<JavaFileObject> diagnostics =
        javac(sources, classpath, String.join(" ", plugin), out == null ? folder() : out);
    List<String> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      assertThat(d.getKind()).isNotEqualTo(Diagnostic.Kind.ERROR);
      String message = d.getMessage(Locale.ROOT);
      if (d.getSource() != null && message.startsWith("[Blocking")) {
        String file = Path.of(d.getSource().toUri()).getFileName().toString();
        findings.add(file + ":" + d.getLineNumber() + " " + message.split("\n")[0].strip());
      }
    }
    return findings;
  }

  private static DiagnosticCollector<JavaFileObject> javac(
      Path sources, List<Path> classpath, String plugin, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String testClasspath = System.getProperty("java.class.path");
    List<String> path = new ArrayList<>();
    for (Path entry : classpath) {
      path.add(entry.toString());
    }
    path.add(testClasspath);
    List<String> options = new ArrayList<>();
    options.addAll(List.of("-d", out.toString(), "-classpath", String.join(":", path)));
    if (plugin != null) {
      String policy = plugin.contains("byfile") ? "byfile" : "simple";
      options.addAll(
          List.of(
              "-XDcompilePolicy=" + policy,
              "--should-stop=ifError=FLOW",
              plugin.replace(" -XDcompilePolicy=byfile", ""),
              "-processorpath",
              testClasspath));
    } else {
      options.add("-proc:none");
    }
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8);
        Stream<Path> walk = Files.walk(sources)) {
      List<Path> java =
          walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
      javac
          .getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(java))
          .call();
    }
    return diagnostics;
  }

  /** A jar of everything in {@code classes}, named {@code name}. */
  private Path jar(Path classes, String name) throws IOException {
    Path jar = folder().resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    return jar;
  }
}
