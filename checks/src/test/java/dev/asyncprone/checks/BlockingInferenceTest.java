package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Blocking found through the code's own methods: BlockingInAsyncContext with the inference. */
@RunWith(JUnit4.class)
public class BlockingInferenceTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  /** The example: quote -> PriceBook.lookup -> PriceDao.row -> a JDBC call, three files. */
  @Test
  public void threeDeepChainAcrossThreeFiles() {
    helper
        .addSourceLines(
            "PriceDao.java",
            "package shop;",
            "import java.sql.Connection;",
            "import java.sql.SQLException;",
            "class PriceDao {",
            "  private final Connection db;",
            "  PriceDao(Connection db) { this.db = db; }",
            "  long row(String sku) {",
            "    try {",
            "      return db.prepareStatement(\"select price from prices where sku = ?\")",
            "          .executeQuery().getLong(1);",
            "    } catch (SQLException e) {",
            "      throw new IllegalStateException(e);",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "PriceBook.java",
            "package shop;",
            "class PriceBook {",
            "  private final PriceDao dao;",
            "  PriceBook(PriceDao dao) { this.dao = dao; }",
            "  long lookup(String sku) { return dao.row(sku); }",
            "}")
        .addSourceLines(
            "Pricing.java",
            "package shop;",
            "import reactor.core.publisher.Flux;",
            "class Pricing {",
            "  private final PriceBook book;",
            "  Pricing(PriceBook book) { this.book = book; }",
            "  long quote(String sku) { return book.lookup(sku) * 2; }",
            "  Flux<Long> quotes(Flux<String> skus) {",
            "    // BUG: Diagnostic contains: quote() blocks: it calls PriceBook.lookup() ->"
                + " PriceDao.row(), which makes a database round trip"
                + " (Connection.prepareStatement(), PriceDao.java:9), so it blocks the thread"
                + " that emits 'skus' (this lambda is a Reactor map operator and runs there)",
            "    return skus.map(s -> quote(s));",
            "  }",
            "}")
        .doTest();
  }

  /** The DAO of the tests below: one method that blocks, one that hands its work to a pool. */
  private CompilationTestHelper withDao(CompilationTestHelper helper) {
    return helper.addSourceLines(
        "Dao.java",
        "package shop;",
        "import java.util.concurrent.ExecutorService;",
        "class Dao {",
        "  private final java.sql.Connection db;",
        "  private final ExecutorService io;",
        "  Dao(java.sql.Connection db, ExecutorService io) { this.db = db; this.io = io; }",
        "  void save(String row) {",
        "    try {",
        "      db.commit();",
        "    } catch (java.sql.SQLException e) {",
        "      throw new IllegalStateException(e);",
        "    }",
        "  }",
        "  void saveLater(String row) {",
        "    io.execute(() -> save(row));",
        "  }",
        "  void saveSoon(String row) {",
        "    java.util.concurrent.CompletableFuture.runAsync(() -> save(row), io);",
        "  }",
        "}");
  }

  /** Work offloaded where the call is made: to a scheduler, an executor, an *Async stage on one. */
  @Test
  public void offloadedCallsAreNotFindings() {
    withDao(helper)
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.scheduler.Schedulers;",
            "class Orders {",
            "  Dao dao;",
            "  ExecutorService io;",
            "  Flux<String> onScheduler(Flux<String> rows) {",
            "    return rows.map(r -> { dao.save(r); return r; })",
            "        .subscribeOn(Schedulers.boundedElastic());",
            "  }",
            "  CompletableFuture<Void> onExecutor(String row) {",
            "    return CompletableFuture.runAsync(() -> dao.save(row), io);",
            "  }",
            "  CompletableFuture<String> afterwards(CompletableFuture<String> row) {",
            "    return row.thenApplyAsync(r -> { dao.save(r); return r; }, io);",
            "  }",
            "}")
        .doTest();
  }

  /** A method that hands the blocking work to an executor returns at once: no finding. */
  @Test
  public void workHandedToAnExecutorInsideTheCalledMethodIsNotBlocking() {
    withDao(helper)
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  Dao dao;",
            "  CompletableFuture<String> later(CompletableFuture<String> row) {",
            "    return row.thenApply(r -> { dao.saveLater(r); dao.saveSoon(r); return r; });",
            "  }",
            "  CompletableFuture<String> now(CompletableFuture<String> row) {",
            "    // BUG: Diagnostic contains: save() blocks: it makes a database round trip"
                + " (Connection.commit(), Dao.java:9)",
            "    return row.thenApply(r -> { dao.save(r); return r; });",
            "  }",
            "}")
        .doTest();
  }

  /** forEach and a sequential stream run their function on the spot: the method blocks. */
  @Test
  public void workRunOnTheSpotInForEachBlocks() {
    withDao(helper)
        .addSourceLines(
            "Batch.java",
            "package shop;",
            "import java.util.List;",
            "import java.util.stream.Collectors;",
            "class Batch {",
            "  Dao dao;",
            "  void saveAll(List<String> rows) { rows.forEach(r -> dao.save(r)); }",
            "  void saveEach(List<String> rows) { rows.forEach(dao::save); }",
            "  List<String> saveMapped(List<String> rows) {",
            "    return rows.stream().map(r -> { dao.save(r); return r; })"
                + ".collect(Collectors.toList());",
            "  }",
            "  void saveAllLater(List<String> rows) { rows.forEach(r -> dao.saveLater(r)); }",
            "}")
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  Batch batch;",
            "  CompletableFuture<Void> store(CompletableFuture<List<String>> rows) {",
            "    // BUG: Diagnostic contains: saveAll() blocks: it calls Dao.save(), which makes a"
                + " database round trip (Connection.commit(), Dao.java:9)",
            "    return rows.thenAccept(r -> batch.saveAll(r))",
            "        // BUG: Diagnostic contains: saveEach() blocks: it calls Dao.save()",
            "        .thenCompose(v -> rows.thenAccept(r -> batch.saveEach(r)))",
            "        // BUG: Diagnostic contains: saveMapped() blocks: it calls Dao.save()",
            "        .thenCompose(v -> rows.thenApply(r -> batch.saveMapped(r)))",
            "        .thenCompose(v -> rows.thenAccept(r -> batch.saveAllLater(r)));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Methods that call each other: the cycle blocks as a whole when one of them blocks, whichever is
   * asked about first; a cycle that never blocks ends and finds nothing.
   */
  @Test
  public void mutualRecursion() {
    helper
        .addSourceLines(
            "Walker.java",
            "package shop;",
            "class Walker {",
            "  int even(int n) { return n == 0 ? 0 : odd(n - 1); }",
            "  int odd(int n) { return n == 0 ? 1 : even(n - 1) + pause(n); }",
            "  int pause(int n) {",
            "    try {",
            "      Thread.sleep(n);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "    return n;",
            "  }",
            "  int ping(int n) { return n <= 0 ? 0 : pong(n - 1); }",
            "  int pong(int n) { return n <= 0 ? 1 : ping(n - 1) + 1; }",
            "  int self(int n) { return n <= 0 ? 0 : self(n - 1); }",
            "}")
        .addSourceLines(
            "Steps.java",
            "package shop;",
            "import java.util.concurrent.CompletableFuture;",
            "class Steps {",
            "  Walker w;",
            "  CompletableFuture<Integer> f(CompletableFuture<Integer> n) {",
            "    // BUG: Diagnostic contains: even() blocks: it calls Walker.odd() ->"
                + " Walker.pause(), which sleeps (Thread.sleep(), Walker.java:7)",
            "    return n.thenApply(x -> w.even(x))",
            "        // BUG: Diagnostic contains: odd() blocks: it calls Walker.pause(), which"
                + " sleeps",
            "        .thenApply(x -> w.odd(x))",
            "        .thenApply(x -> w.ping(x))",
            "        .thenApply(x -> w.self(x));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A call through an interface, or of a method a class of the compilation overrides, may run
   * another body: no finding on a guess. A method nothing overrides (an interface's implementation
   * called on its class), a final one, a static one, a super call and a constructor run the body
   * they name. {@code @Blocking} on the interface method is a contract, and counts.
   */
  @Test
  public void overridableAndInterfaceCallsAreNotFindings() {
    helper
        .addSourceLines(
            "Store.java",
            "package shop;",
            "interface Store {",
            "  void put(String row);",
            "  @dev.asyncprone.annotations.Blocking void putNow(String row);",
            "}")
        .addSourceLines(
            "SlowStore.java",
            "package shop;",
            "class SlowStore implements Store {",
            "  public void put(String row) { pause(); }",
            "  public void putNow(String row) { pause(); }",
            "  void maybe() { pause(); }",
            "  void only() { pause(); }",
            "  final void fixed() { pause(); }",
            "  static void shared() { pause(); }",
            "  static void pause() {",
            "    try {",
            "      Thread.sleep(1);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "FastStore.java",
            "package shop;",
            "class FastStore extends SlowStore {",
            "  FastStore() { super(); }",
            "  @Override void maybe() {}",
            "  void slowly() {",
            "    java.util.concurrent.CompletableFuture.completedFuture(1)",
            "        // BUG: Diagnostic contains: maybe() blocks: it calls SlowStore.pause()",
            "        .thenRun(() -> super.maybe());",
            "  }",
            "}")
        .addSourceLines(
            "Opener.java",
            "package shop;",
            "class Opener {",
            "  Opener() { SlowStore.pause(); }",
            "}")
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Void> f(CompletableFuture<Void> v, Store store, SlowStore slow) {",
            "    return v.thenRun(() -> store.put(\"x\"))",
            "        // BUG: Diagnostic contains: Store.putNow() is annotated @Blocking",
            "        .thenRun(() -> store.putNow(\"x\"))",
            "        // BUG: Diagnostic contains: put() blocks: it calls SlowStore.pause()",
            "        .thenRun(() -> slow.put(\"x\"))",
            "        .thenRun(() -> slow.maybe())",
            "        // BUG: Diagnostic contains: only() blocks: it calls SlowStore.pause(), which"
                + " sleeps (Thread.sleep(), SlowStore.java:11)",
            "        .thenRun(() -> slow.only())",
            "        // BUG: Diagnostic contains: fixed() blocks",
            "        .thenRun(() -> slow.fixed())",
            "        // BUG: Diagnostic contains: shared() blocks",
            "        .thenRun(SlowStore::shared)",
            "        // BUG: Diagnostic contains: new Opener(...) blocks: it calls"
                + " SlowStore.pause()",
            "        .thenRun(() -> new Opener());",
            "  }",
            "}")
        .doTest();
  }

  /** An await in the method blocks unless its future is known to be done there. */
  @Test
  public void awaitsBlockUnlessTheFutureIsKnownDone() {
    helper
        .addSourceLines(
            "Cached.java",
            "package shop;",
            "import java.util.concurrent.CompletableFuture;",
            "class Cached {",
            "  CompletableFuture<String> value = new CompletableFuture<>();",
            "  String now() { return value.isDone() ? value.join() : \"\"; }",
            "  String later() { return value.join(); }",
            "}")
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import reactor.core.publisher.Mono;",
            "class Orders {",
            "  Cached cache;",
            "  Mono<String> f(Mono<String> id) {",
            "    return id.map(i -> cache.now())",
            "        // BUG: Diagnostic contains: later() blocks: it waits for a future (join(),"
                + " Cached.java:6)",
            "        .map(i -> cache.later());",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A method that returns a future, or says it never blocks, is reported where it blocks, inside;
   * its callers are not reported again for the same mistake.
   */
  @Test
  public void asyncAndNonBlockingMethodsAreReportedInsideOnly() {
    withDao(helper)
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import dev.asyncprone.annotations.NonBlocking;",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  Dao dao;",
            "  void store(String row) { dao.save(row); }",
            "  CompletableFuture<String> stored(String row) {",
            "    // BUG: Diagnostic contains: store() blocks: it calls Dao.save()",
            "    store(row);",
            "    return CompletableFuture.completedFuture(row);",
            "  }",
            "  @NonBlocking void quick(String row) {",
            "    // BUG: Diagnostic contains: store() blocks: it calls Dao.save()",
            "    store(row);",
            "  }",
            "  CompletableFuture<String> f(CompletableFuture<String> row) {",
            "    return row.thenCompose(r -> stored(r)).thenApply(r -> { quick(r); return r; });",
            "  }",
            "}")
        .doTest();
  }

  /** BlockingOnCommonPool asks the same question: a helper that blocks, run on the common pool. */
  @Test
  public void blockingThroughOwnCodeOnTheCommonPool() {
    withDao(CompilationTestHelper.newInstance(BlockingOnCommonPool.class, getClass()))
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import java.util.List;",
            "import java.util.concurrent.*;",
            "class Orders {",
            "  Dao dao;",
            "  ExecutorService io;",
            "  void store(String row) { dao.save(row); }",
            "  CompletableFuture<Void> pooled(String row) {",
            "    // BUG: Diagnostic contains: store() blocks: it calls Dao.save(), which makes a"
                + " database round trip (Connection.commit(), Dao.java:9), so it blocks a"
                + " ForkJoinPool.commonPool() thread",
            "    return CompletableFuture.runAsync(() -> store(row));",
            "  }",
            "  void parallel(List<String> rows) {",
            "    // BUG: Diagnostic contains: store() blocks: it calls Dao.save()",
            "    rows.parallelStream().forEach(r -> store(r));",
            "  }",
            "  CompletableFuture<Void> onIo(String row) {",
            "    return CompletableFuture.runAsync(() -> store(row), io);",
            "  }",
            "  CompletableFuture<Void> handedOn(String row) {",
            "    return CompletableFuture.runAsync(() -> dao.saveLater(row));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A helper that waits for the future it is handed blocks where its caller's future is not known
   * to be done, and not where it is: after an all-of over it, in a callback of it, past an isDone()
   * test (Guava's LocalCache hands a loading future to such a helper in the future's own listener).
   */
  @Test
  public void waitHelpersBlockWhereTheirArgumentIsNotDone() {
    helper
        .addSourceLines(
            "Waits.java",
            "package shop;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "final class Waits {",
            "  static <T> T await(CompletableFuture<T> f) { return f.join(); }",
            "  static int sum(List<CompletableFuture<Integer>> fs) {",
            "    int sum = 0;",
            "    for (CompletableFuture<Integer> f : fs) { sum += f.join(); }",
            "    return sum;",
            "  }",
            "  static int first(CompletableFuture<Integer>[] fs) {",
            "    for (CompletableFuture<Integer> f : fs) { return f.join(); }",
            "    return 0;",
            "  }",
            "}")
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Integer> other() { return new CompletableFuture<>(); }",
            "  CompletableFuture<Integer> f(CompletableFuture<Integer> a,"
                + " List<CompletableFuture<Integer>> fs) {",
            "    CompletableFuture<Integer> b = other();",
            "    CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0]))"
                + ".thenApply(v -> Waits.sum(fs));",
            "    a.thenRun(() -> Waits.await(a));",
            "    CompletableFuture.allOf(a, b).thenApply(v -> Waits.await(b));",
            "    // BUG: Diagnostic contains: await() blocks: it waits for a future (join(),"
                + " Waits.java:5)",
            "    return a.thenApply(x -> Waits.await(other()));",
            "  }",
            "  @SuppressWarnings(\"unchecked\")",
            "  void aliases(boolean more) {",
            "    CompletableFuture<Integer>[] all = new CompletableFuture[] {other()};",
            "    if (more) { all = new CompletableFuture[] {other(), other()}; }",
            "    CompletableFuture<Integer>[] selected = all;",
            "    CompletableFuture.allOf(all).thenApply(v -> selected)",
            "        .whenComplete((done, e) -> { Waits.first(done); Waits.first(selected); });",
            "  }",
            "  CompletableFuture<Integer> g(CompletableFuture<Integer> a,"
                + " List<CompletableFuture<Integer>> fs) {",
            "    // BUG: Diagnostic contains: sum() blocks: it waits for a future (join(),"
                + " Waits.java:8)",
            "    return a.thenApply(x -> Waits.sum(fs));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The methods of a future or publisher type are the async machinery: they complete, cancel and
   * chain, on paths where the futures they read are done, and block only as the library tables say
   * (Guava's AbstractFuture reads a done future with an uninterruptible get() while completing).
   */
  @Test
  public void theMethodsOfFutureTypesAreNotLookedInto() {
    helper
        .addSourceLines(
            "Settable.java",
            "package shop;",
            "import java.util.concurrent.CompletableFuture;",
            "class Settable<V> extends CompletableFuture<V> {",
            "  private final CompletableFuture<V> source;",
            "  Settable(CompletableFuture<V> source) { this.source = source; settle(); }",
            "  void settle() { complete(source.join()); }",
            "}")
        .addSourceLines(
            "Plain.java",
            "package shop;",
            "import java.util.concurrent.CompletableFuture;",
            "class Plain<V> {",
            "  private final CompletableFuture<V> source = new CompletableFuture<>();",
            "  V settle() { return source.join(); }",
            "}")
        .addSourceLines(
            "Orders.java",
            "package shop;",
            "import java.util.concurrent.CompletableFuture;",
            "class Orders {",
            "  CompletableFuture<Void> f(CompletableFuture<String> a, Settable<String> s,"
                + " Plain<String> p) {",
            "    return a.thenAccept(x -> s.settle())",
            "        .thenRun(() -> new Settable<>(a))",
            "        // BUG: Diagnostic contains: settle() blocks: it waits for a future",
            "        .thenRun(() -> p.settle());",
            "  }",
            "}")
        .doTest();
  }
}
