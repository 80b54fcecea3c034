package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class LockHeldAcrossAwaitTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LockHeldAcrossAwait.class, getClass());

  // 1. Blocking while a monitor or Lock is held.

  @Test
  public void joinInASynchronizedMethod() {
    helper
        .addSourceLines(
            "PriceCache.java",
            "import java.util.HashMap;",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "class PriceCache {",
            "  private final Map<String, Long> prices = new HashMap<>();",
            "  CompletableFuture<Long> fetch(String sku) { return"
                + " CompletableFuture.completedFuture(1L); }",
            "  synchronized long price(String sku) {",
            "    Long cached = prices.get(sku);",
            "    if (cached == null) {",
            "      // BUG: Diagnostic matches: MESSAGE",
            "      cached = fetch(sku).join();",
            "      prices.put(sku, cached);",
            "    }",
            "    return cached;",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "join() waits for the future while this thread holds the monitor of 'this':"
                        + " every other thread that needs it waits as long, and a virtual thread"
                        + " blocked in a synchronized region is pinned to its carrier (JDK 21 to"
                        + " 23). Wait before taking the lock, or copy what it guards, release it,"
                        + " and then wait."))
        .doTest();
  }

  @Test
  public void blockingCallsInSynchronizedBlocks() {
    helper
        .addSourceLines(
            "Ledger.java",
            "class Ledger {",
            "  private final Object journal = new Object();",
            "  static synchronized void pause() throws InterruptedException {",
            "    // BUG: Diagnostic contains: sleeps while this thread holds the monitor of"
                + " 'Ledger.class'",
            "    Thread.sleep(10);",
            "  }",
            "  java.net.InetAddress resolve(String host) throws Exception {",
            "    synchronized (journal) {",
            "      // BUG: Diagnostic contains: does network I/O while this thread holds the"
                + " monitor of 'journal'",
            "      return java.net.InetAddress.getByName(host);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Local file I/O under a lock waits for the disk, not for another thread, and is most often what
   * the lock serializes. Guava's FileBackedOutputStream opens its backing file under the monitor
   * that guards the switch from memory to file; a wait for another thread in the same place is
   * still reported.
   */
  @Test
  public void localFileIoUnderALock_bufferSwitchedToAFile() {
    helper
        .addSourceLines(
            "Spill.java",
            "import java.io.File;",
            "import java.io.FileInputStream;",
            "import java.io.FileOutputStream;",
            "import java.io.InputStream;",
            "import java.io.OutputStream;",
            "import java.util.concurrent.CompletableFuture;",
            "class Spill {",
            "  private final File file;",
            "  private OutputStream out;",
            "  Spill(File file) { this.file = file; }",
            "  synchronized InputStream openInputStream() throws Exception {",
            "    return new FileInputStream(file);",
            "  }",
            "  synchronized void spill(byte[] bytes) throws Exception {",
            "    out = new FileOutputStream(file);",
            "    out.write(bytes);",
            "  }",
            "  synchronized void flushLater(CompletableFuture<byte[]> more) throws Exception {",
            "    // BUG: Diagnostic contains: join() waits for the future while this thread holds",
            "    out.write(more.join());",
            "  }",
            "}")
        .doTest();
  }

  /**
   * java-driver's keystore reload: a private synchronized method reads the file and swaps it in.
   */
  @Test
  public void localFileIoUnderALock_reloadedKeystore() {
    helper
        .addSourceLines(
            "Keystore.java",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.atomic.AtomicReference;",
            "class Keystore {",
            "  private final AtomicReference<byte[]> current = new AtomicReference<>();",
            "  private Path path;",
            "  void reload() {",
            "    try {",
            "      reload0();",
            "    } catch (Exception e) {",
            "      // logged, the old keystore kept",
            "    }",
            "  }",
            "  private synchronized void reload0() throws Exception {",
            "    byte[] bytes = Files.readAllBytes(path);",
            "    current.set(bytes);",
            "  }",
            "  private synchronized void pause() throws InterruptedException {",
            "    // BUG: Diagnostic contains: sleeps while this thread holds the monitor of 'this'",
            "    Thread.sleep(100);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void getBetweenLockAndUnlock() {
    helper
        .addSourceLines(
            "Inventory.java",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Inventory {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private int reserved;",
            "  void reserve(Future<Integer> stock) throws Exception {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: get() waits for the future while this thread holds"
                + " 'lock' (taken by lock() above)",
            "      reserved += stock.get();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void tryLockAndReadWriteLocks() {
    helper
        .addSourceLines(
            "Catalog.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "import reactor.core.publisher.Mono;",
            "class Catalog {",
            "  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  void refresh(Lock lock, CompletableFuture<String> f) {",
            "    if (lock.tryLock()) {",
            "      try {",
            "        // BUG: Diagnostic contains: while this thread holds 'lock'",
            "        f.join();",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "    }",
            "  }",
            "  void guardClause(Lock lock, Mono<String> m) throws InterruptedException {",
            "    if (!lock.tryLock(1, TimeUnit.SECONDS)) {",
            "      return;",
            "    }",
            "    try {",
            "      // BUG: Diagnostic contains: while this thread holds 'lock'",
            "      m.block();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void write(CompletableFuture<String> f) {",
            "    rw.writeLock().lock();",
            "    try {",
            "      // BUG: Diagnostic contains: while this thread holds 'rw.writeLock()'",
            "      f.join();",
            "    } finally {",
            "      rw.writeLock().unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void waitOnOneMonitorWhileHoldingAnother() {
    helper
        .addSourceLines(
            "Nested.java",
            "class Nested {",
            "  private final Object outer = new Object();",
            "  private final Object inner = new Object();",
            "  void await() throws InterruptedException {",
            "    synchronized (outer) {",
            "      synchronized (inner) {",
            "        // BUG: Diagnostic contains: while this thread holds the monitor of 'outer'",
            "        inner.wait();",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void annotatedBlockingMethodUnderALock() {
    helper
        .addSourceLines(
            "Repo.java",
            "import dev.asyncprone.annotations.Blocking;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Repo {",
            "  private final Lock lock = new ReentrantLock();",
            "  @Blocking String load(String id) { return id; }",
            "  String get(String id) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: is annotated @Blocking while this thread holds"
                + " 'lock'",
            "      return load(id);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guardedWaitsAndLockFreeWaitsAreLeftAlone() {
    helper
        .addSourceLines(
            "BoundedBuffer.java",
            "import java.util.ArrayDeque;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.locks.Condition;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class BoundedBuffer {",
            "  private final ArrayDeque<String> items = new ArrayDeque<>();",
            "  private final Lock lock = new ReentrantLock();",
            "  private final Condition notEmpty = lock.newCondition();",
            "  private final Condition unknown;",
            "  private boolean ready;",
            "  BoundedBuffer(Condition unknown) { this.unknown = unknown; }",
            "  synchronized void awaitReady() throws InterruptedException {",
            "    while (!ready) {",
            "      wait();",
            "    }",
            "  }",
            "  void awaitReadyOn(Object monitor) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      monitor.wait(100);",
            "    }",
            "  }",
            "  String take() throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      while (items.isEmpty()) {",
            "        notEmpty.await();",
            "      }",
            "      unknown.await();",
            "      return items.poll();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  String afterUnlock(CompletableFuture<String> f) {",
            "    lock.lock();",
            "    try {",
            "      items.add(\"x\");",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "    return f.join();",
            "  }",
            "  void inFinallyAfterUnlock(CompletableFuture<String> f) {",
            "    lock.lock();",
            "    try {",
            "      items.add(\"x\");",
            "    } finally {",
            "      lock.unlock();",
            "      f.join();",
            "    }",
            "  }",
            "  synchronized void handedOver(ExecutorService pool, CompletableFuture<String> f) {",
            "    pool.execute(() -> f.join());",
            "    f.thenApply(String::trim);",
            "    items.add(f.getNow(\"\"));",
            "  }",
            "  synchronized String knownDone(CompletableFuture<String> f) {",
            "    return f.isDone() ? f.join() : null;",
            "  }",
            "  void lockOnly() { lock.lock(); }",
            "  void elsewhere(CompletableFuture<String> f) { f.join(); }",
            "}")
        .doTest();
  }

  // 2. unlock() on another thread.

  @Test
  public void unlockInACompletionCallback() {
    helper
        .addSourceLines(
            "Checkout.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Checkout {",
            "  private final Lock cartLock = new ReentrantLock();",
            "  CompletableFuture<String> pay(String cart) { return"
                + " CompletableFuture.completedFuture(cart); }",
            "  CompletableFuture<String> checkout(String cart) {",
            "    cartLock.lock();",
            "    return pay(cart).whenComplete((receipt, failure) ->",
            "        // BUG: Diagnostic matches: MESSAGE",
            "        cartLock.unlock());",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "unlock() of 'cartLock' runs later on another thread (this lambda is a"
                        + " whenComplete callback and runs there), not on the thread that called"
                        + " lock(): a ReentrantLock unlocked by a thread that does not hold it"
                        + " throws IllegalMonitorStateException"))
        .doTest();
  }

  @Test
  public void unlockOnOtherThreads() {
    helper
        .addSourceLines(
            "Jobs.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "import reactor.core.publisher.Mono;",
            "class Jobs {",
            "  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  void run(ReentrantLock lock, ExecutorService pool, Mono<String> m,"
                + " CompletableFuture<String> f) {",
            "    lock.lock();",
            "    pool.execute(() -> {",
            "      System.out.println(\"done\");",
            "      // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "      lock.unlock();",
            "    });",
            "    // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "    m.doFinally(signal -> lock.unlock()).subscribe();",
            "    rw.writeLock().lock();",
            "    // BUG: Diagnostic contains: unlock() of 'rw.writeLock()'",
            "    f.thenRun(() -> rw.writeLock().unlock());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unlockLeftAlone() {
    helper
        .addSourceLines(
            "Fine.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Fine {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private int count;",
            "  CompletableFuture<Integer> lockedInside(CompletableFuture<Integer> f) {",
            "    return f.thenApply(v -> {",
            "      lock.lock();",
            "      try {",
            "        return count += v;",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "    });",
            "  }",
            "  void unknownLock(Lock someLock, CompletableFuture<String> f) {",
            "    f.whenComplete((r, e) -> someLock.unlock());",
            "  }",
            "  void inline(List<ReentrantLock> locks) {",
            "    locks.forEach(l -> l.unlock());",
            "    locks.forEach(ReentrantLock::unlock);",
            "  }",
            "  void plain() {",
            "    lock.unlock();",
            "  }",
            "}")
        .doTest();
  }

  // 3. A callback made under the lock writes the state the lock guards.

  @Test
  public void callbackWritesAFieldOtherwiseWrittenUnderTheLock() {
    helper
        .addSourceLines(
            "Totals.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Totals {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private long total;",
            "  void add(long amount) {",
            "    lock.lock();",
            "    try {",
            "      total += amount;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void addLater(CompletableFuture<Long> amount) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic matches: MESSAGE",
            "      amount.thenAccept(a -> total += a);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "This callback writes 'total', which every other write in Totals makes while"
                        + " holding 'lock'. It is created while 'lock' is held, but runs later"
                        + " (this lambda is a thenAccept callback and runs there), after the lock"
                        + " is released"))
        .doTest();
  }

  @Test
  public void callbackThatTakesTheOuterMonitorByQualifiedThis_realCode() {
    // Found by bench/real-world in Vert.x: DefaultDeploymentManager.DeploymentContextImpl.rollback
    // writes 'status' in a transform callback inside synchronized (DeploymentContextImpl.this),
    // the same monitor as its synchronized methods take.
    helper
        .addSourceLines(
            "Deployments.java",
            "import io.vertx.core.Future;",
            "class Deployments {",
            "  class DeploymentContextImpl {",
            "    private static final int ST_DEPLOYED = 0, ST_UNDEPLOYING = 1, ST_UNDEPLOYED = 2;",
            "    private int status = ST_DEPLOYED;",
            "    private synchronized Future<?> rollback(Future<Void> children) {",
            "      if (status == ST_DEPLOYED) {",
            "        status = ST_UNDEPLOYING;",
            "        return children.transform(childrenResult -> {",
            "          synchronized (DeploymentContextImpl.this) {",
            "            status = ST_UNDEPLOYED;",
            "          }",
            "          return Future.succeededFuture();",
            "        });",
            "      }",
            "      return Future.succeededFuture();",
            "    }",
            "    synchronized Future<Void> undeploy(Future<Void> children) {",
            "      status = ST_UNDEPLOYING;",
            "      return children.andThen(ar -> {",
            "        // The monitor of the outer Deployments is another object.",
            "        synchronized (Deployments.this) {",
            "          // BUG: Diagnostic contains: This callback writes 'status'",
            "          status = ST_UNDEPLOYED;",
            "        }",
            "      });",
            "    }",
            "    synchronized Future<Void> undeployUnlocked(Future<Void> children) {",
            "      status = ST_UNDEPLOYING;",
            "      return children.andThen(ar -> {",
            "        // BUG: Diagnostic contains: This callback writes 'status'",
            "        status = ST_UNDEPLOYED;",
            "      });",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void callbackWritesAGuardedByField() {
    helper
        .addSourceLines(
            "Sessions.java",
            "import com.google.common.util.concurrent.FutureCallback;",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.errorprone.annotations.concurrent.GuardedBy;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "class Sessions {",
            "  @GuardedBy(\"this\") private int open;",
            "  @GuardedBy(\"this\") private String last;",
            "  synchronized void track(CompletableFuture<Integer> count) {",
            "    // BUG: Diagnostic contains: @GuardedBy(\"this\")",
            "    count.thenAccept(c -> open = c);",
            "  }",
            "  void trackGuava(ListenableFuture<String> name, Executor executor) {",
            "    synchronized (this) {",
            "      Futures.addCallback(name, new FutureCallback<String>() {",
            "        @Override public void onSuccess(String s) {",
            "          // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "          last = s;",
            "        }",
            "        @Override public void onFailure(Throwable t) {}",
            "      }, executor);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void callbackWritesLeftAlone() {
    helper
        .addSourceLines(
            "Fine.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Fine {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private long guarded;",
            "  private long loose;",
            "  private long constructed;",
            "  Fine() { constructed = 1; }",
            "  void add(long amount) {",
            "    lock.lock();",
            "    try {",
            "      guarded += amount;",
            "      loose += amount;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void reset() { loose = 0; }",
            "  void laterTakesTheLock(CompletableFuture<Long> amount) {",
            "    lock.lock();",
            "    try {",
            "      amount.thenAccept(a -> {",
            "        lock.lock();",
            "        try {",
            "          guarded += a;",
            "        } finally {",
            "          lock.unlock();",
            "        }",
            "      });",
            "      amount.thenAccept(a -> loose = a);",
            "      amount.thenAccept(a -> constructed = a);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void notUnderTheLock(CompletableFuture<Long> amount) {",
            "    amount.thenAccept(a -> guarded = a);",
            "  }",
            "  void inlineUnderTheLock(List<Long> amounts) {",
            "    lock.lock();",
            "    try {",
            "      amounts.forEach(a -> guarded += a);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Unusual.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "import java.util.function.Function;",
            "class Unusual {",
            "  record Box(CompletableFuture<String> f) {",
            "    synchronized String get() {",
            "      // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "      return f.join();",
            "    }",
            "  }",
            "  enum Mode { A; synchronized void pause() throws InterruptedException {",
            "    // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "    Thread.sleep(1); } }",
            "  private int n;",
            "  Runnable anon = new Runnable() { public void run() { synchronized (this) { n++; } }"
                + " };",
            "  Function<CompletableFuture<String>, Function<Integer, String>> nested = f -> i -> {",
            "    synchronized (this) {",
            "      return switch (i) {",
            "        // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "        case 0 -> f.join();",
            "        default -> f.thenApply(String::trim).getNow(\"\");",
            "      };",
            "    }",
            "  };",
            "  void labels(ReentrantLock lock, CompletableFuture<String> f) {",
            "    out:",
            "    {",
            "      lock.lock();",
            "      if (n > 0) break out;",
            "      lock.unlock();",
            "    }",
            "    java.util.function.Supplier<String> s = f::join;",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Which lock is held, and which future is done, follow assignments: a future joined before is
   * joined again after {@code f = next()}; a lock stays held when the variable that named it is
   * given another lock before {@code unlock()}. Before the flow analysis, both were missed.
   */
  @Test
  public void assignmentsDoNotFoolTheLocksOrTheFutures() {
    helper
        .addSourceLines(
            "Ledger.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.locks.Lock;",
            "abstract class Ledger {",
            "  abstract CompletableFuture<String> next();",
            "  abstract Lock nextLock();",
            "  void joinedBefore(CompletableFuture<String> f) {",
            "    f.join();",
            "    synchronized (this) {",
            "      // done above: returns at once",
            "      f.join();",
            "    }",
            "    f = next();",
            "    synchronized (this) {",
            "      // BUG: Diagnostic contains: join() waits for the future while this thread holds"
                + " the monitor of 'this'",
            "      f.join();",
            "    }",
            "  }",
            "  void renamedInABranch(CompletableFuture<String> f, boolean b) {",
            "    f.join();",
            "    if (b) {",
            "      f = next();",
            "    }",
            "    synchronized (this) {",
            "      // BUG: Diagnostic contains: join()",
            "      f.join();",
            "    }",
            "  }",
            "  void renamedInALoop(CompletableFuture<String> f, int n) {",
            "    f.join();",
            "    synchronized (this) {",
            "      for (int i = 0; i < n; i++) {",
            "        // BUG: Diagnostic contains: join()",
            "        f.join();",
            "        f = next();",
            "      }",
            "    }",
            "  }",
            "  void lockRenamed(Lock a, Lock b, CompletableFuture<String> f) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    lock = b;",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: holds 'lock' (taken by lock() above)",
            "    f.join();",
            "  }",
            "  void lockRenamedOnEveryBranch(Lock a, Lock b, Lock c, boolean which,"
                + " CompletableFuture<String> f) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    if (which) {",
            "      lock = b;",
            "    } else {",
            "      lock = c;",
            "    }",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: holds 'lock'",
            "    f.join();",
            "  }",
            "  void lockRenamedInALoop(Lock a, int n, CompletableFuture<String> f) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    do {",
            "      lock = nextLock();",
            "    } while (--n > 0);",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: holds 'lock'",
            "    f.join();",
            "  }",
            "  void released(Lock a, CompletableFuture<String> f) {",
            "    Lock lock = a;",
            "    lock.lock();",
            "    lock.unlock();",
            "    f.join();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * lettuce StatefulRedisMultiDbConnectionImpl:1056 and :1099: the wait runs in a lambda handed to
   * {@code doByExclusiveLock}, a helper that runs it between {@code writeLock.lock()} and {@code
   * unlock()}.
   */
  @Test
  public void lockTakenByAHelperThatRunsTheLambda_realCode() {
    helper
        .addSourceLines(
            "MultiDb.java",
            "import java.util.Map;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "abstract class MultiDb {",
            "  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();",
            "  private final Lock writeLock = lock.writeLock();",
            "  private final Map<String, String> databases = new ConcurrentHashMap<>();",
            "  abstract CompletableFuture<String> createDatabaseAsync(String uri);",
            "  abstract CompletableFuture<Void> closeAsync(String db);",
            "  protected void doByExclusiveLock(Runnable operation) {",
            "    writeLock.lock();",
            "    try {",
            "      operation.run();",
            "    } finally {",
            "      writeLock.unlock();",
            "    }",
            "  }",
            "  void addDatabase(String uri) {",
            "    doByExclusiveLock(() -> {",
            "      CompletableFuture<String> database = createDatabaseAsync(uri);",
            "      // BUG: Diagnostic matches: MESSAGE",
            "      databases.put(uri, database.join());",
            "    });",
            "  }",
            "  void removeDatabase(String uri) {",
            "    doByExclusiveLock(() -> {",
            "      String db = databases.remove(uri);",
            "      // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "      closeAsync(db).join();",
            "    });",
            "  }",
            "  void register(String uri) {",
            "    // no wait inside: nothing to report",
            "    doByExclusiveLock(() -> databases.putIfAbsent(uri, uri));",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "join() waits for the future while this thread holds 'writeLock' (taken by"
                        + " doByExclusiveLock() above)"))
        .doTest();
  }

  /** The same in another style: a static helper that runs a Supplier in a synchronized block. */
  @Test
  public void lockTakenByAHelperThatRunsTheLambda_otherStyle() {
    helper
        .addSourceLines(
            "Guarded.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Supplier;",
            "final class Guarded {",
            "  private static final Object MUTEX = new Object();",
            "  static <T> T locked(Supplier<T> action) {",
            "    synchronized (MUTEX) {",
            "      return action.get();",
            "    }",
            "  }",
            "  static String read(CompletableFuture<String> pending) {",
            "    // BUG: Diagnostic contains: LockHeldAcrossAwait",
            "    return locked(() -> pending.join());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void helpersThatRunTheLambdaWithoutTheLock() {
    helper
        .addSourceLines(
            "Helpers.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "abstract class Helpers {",
            "  private final Lock lock = new ReentrantLock();",
            "  abstract CompletableFuture<String> fetch();",
            "  // released before the run",
            "  void afterUnlock(Runnable r) {",
            "    lock.lock();",
            "    lock.unlock();",
            "    r.run();",
            "  }",
            "  // run under the lock on one path only",
            "  void sometimes(Runnable r, boolean locked) {",
            "    if (locked) {",
            "      lock.lock();",
            "      try { r.run(); } finally { lock.unlock(); }",
            "    } else {",
            "      r.run();",
            "    }",
            "  }",
            "  // handed on to an executor: it runs later, on another thread",
            "  void later(Runnable r, Executor executor) {",
            "    lock.lock();",
            "    try { executor.execute(r); } finally { lock.unlock(); }",
            "  }",
            "  // run in a lambda of the helper: later, with nothing held",
            "  void inALambda(Runnable r, ExecutorService pool) {",
            "    lock.lock();",
            "    try { pool.execute(() -> r.run()); } finally { lock.unlock(); }",
            "  }",
            "  void use(ExecutorService pool) {",
            "    afterUnlock(() -> fetch().join());",
            "    sometimes(() -> fetch().join(), true);",
            "    later(() -> fetch().join(), pool);",
            "    inALambda(() -> fetch().join(), pool);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Where a lock may be held is read per method and per lambda: a lock taken inside a lambda holds
   * there, one taken around a lambda does not hold inside it, and a method with no lock call of its
   * own holds none (no graph is built for it).
   */
  @Test
  public void locksTakenInsideALambdaAndAroundIt() {
    helper
        .addSourceLines(
            "Ledger.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.locks.Lock;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Ledger {",
            "  private final Lock lock = new ReentrantLock();",
            "  private long total;",
            "  CompletableFuture<Long> amount() { return CompletableFuture.completedFuture(1L); }",
            "  void inside(Executor executor) {",
            "    executor.execute(() -> {",
            "      lock.lock();",
            "      try {",
            "        // BUG: Diagnostic contains: while this thread holds 'lock'",
            "        total += amount().join();",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "    });",
            "  }",
            "  void around(Executor executor) {",
            "    lock.lock();",
            "    try {",
            "      executor.execute(() -> total += amount().join());",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  long none() {",
            "    return amount().join();",
            "  }",
            "}")
        .doTest();
  }
}
