package dev.asyncprone.model.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import dev.asyncprone.checks.BlockingInAsyncContext;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class BlockingCatalogTest {

  @Test
  public void parsesOwnersMethodsWildcardsAndReasons() {
    BlockingCatalog catalog =
        BlockingCatalog.parse(
            List.of(
                "# comment",
                "@ sleeps",
                "java.lang.Thread#sleep",
                "",
                "@ does I/O",
                "java.nio.file.Files#*"),
            List.of("com.acme.Db#query", "not a method", "#nothing", "trailing#"));
    assertEquals(
        List.of(new BlockingCatalog.Entry("java.lang.Thread", "sleep", "sleeps")),
        catalog.entriesNamed("sleep"));
    assertEquals("does I/O", catalog.wildcardFor("java.nio.file.Files").waitsFor());
    // Extra entries from a flag say the flag is their source; malformed lines are skipped here
    // (Options rejects a malformed flag value before it gets here: OptionsTest).
    assertEquals(
        List.of(
            new BlockingCatalog.Entry(
                "com.acme.Db", "query", "is named blocking by -XepOpt:AsyncProne:BlockingMethods")),
        catalog.entriesNamed("query"));
    assertTrue(catalog.entriesNamed("nothing").isEmpty());
    assertNull(catalog.wildcardFor("trailing"));
  }

  @Test
  public void builtInCatalogIsReadFromTheResource() {
    assertEquals("sleeps", BlockingCatalog.builtIn().entriesNamed("sleep").get(0).waitsFor());
  }

  /**
   * The forms a line may take besides one method: every method of a type and the types that extend
   * it ({@code #**}, static methods left out), of every type of a package ({@code .*#*}), never one
   * that returns a future or publisher; and exceptions ({@code !owner#name}, {@code !owner#*}),
   * which hold for the types that extend the owner too. The option takes them as the resource does
   * (a malformed entry of the option stops the compile: {@code OptionsTest}).
   */
  @Test
  public void wildcardsForSubtypesPackagesAndExceptions() {
    CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass())
        .setArgs(
            "-XepOpt:AsyncProne:BlockingMethods=com.acme.Remote#**,com.acme.sync.*#*,"
                + "!com.acme.Remote#name,!com.acme.sync.Commands#*")
        .addSourceLines(
            "com/acme/Remote.java",
            "package com.acme;",
            "public interface Remote { String name(); }")
        .addSourceLines(
            "com/acme/Prices.java",
            "package com.acme;",
            "public interface Prices extends Remote {",
            "  long price(String sku);",
            "  java.util.concurrent.CompletableFuture<Long> priceLater(String sku);",
            "  static Prices none() { return null; }",
            "}")
        .addSourceLines(
            "com/acme/sync/Keys.java",
            "package com.acme.sync;",
            "public interface Keys { String get(String key); }")
        .addSourceLines(
            "com/acme/sync/Commands.java",
            "package com.acme.sync;",
            "public interface Commands extends Keys { boolean isOpen(); }")
        .addSourceLines(
            "com/acme/sync/more/Other.java",
            "package com.acme.sync.more;",
            "public interface Other { String get(String key); }")
        .addSourceLines(
            "Handler.java",
            "import com.acme.*;",
            "import com.acme.sync.*;",
            "import dev.asyncprone.annotations.NonBlocking;",
            "class Handler {",
            "  @NonBlocking void handle(Prices prices, Keys keys, Commands commands,",
            "      com.acme.sync.more.Other other) {",
            "    // BUG: Diagnostic contains: Prices.price() is named blocking by -XepOpt",
            "    prices.price(\"a\");",
            "    prices.name();",
            "    prices.priceLater(\"a\");",
            "    Prices.none();",
            "    // BUG: Diagnostic contains: Keys.get() is named blocking by -XepOpt",
            "    keys.get(\"k\");",
            "    commands.isOpen();",
            "    other.get(\"k\");",
            "  }",
            "}")
        .doTest();
  }

  /** Every family of blocking method that the catalog promises, called where blocking is wrong. */
  @Test
  public void catalogCoversTheJdkAndLibraryBlockingMethods() {
    CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass())
        .addSourceLines(
            "EventLoop.java",
            "import dev.asyncprone.annotations.NonBlocking;",
            "import java.io.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.sql.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class EventLoop {",
            "  @NonBlocking void everything(Thread t, Object monitor, CountDownLatch latch,"
                + " CyclicBarrier barrier,",
            "      Phaser phaser, Semaphore semaphore, BlockingQueue<String> queue, Condition"
                + " condition,",
            "      ExecutorService pool, Process process, Path path, Socket socket, ServerSocket"
                + " server, URL url,",
            "      HttpURLConnection http, java.net.http.HttpClient client,"
                + " java.net.http.HttpRequest request,",
            "      Statement st, PreparedStatement ps, Connection connection, javax.sql.DataSource"
                + " dataSource,",
            "      ResultSet rs, RandomAccessFile raf, Future<String> future,"
                + " CompletableFuture<String> cf, CompletableFuture<String> timed,",
            "      reactor.core.publisher.Mono<String> mono, reactor.core.publisher.Flux<String>"
                + " flux,",
            "      io.reactivex.rxjava3.core.Observable<String> observable,",
            "      com.google.common.util.concurrent.ListenableFuture<String> lf,",
            "      com.google.common.util.concurrent.ListenableFuture<String> checked,",
            "      com.google.common.util.concurrent.ListenableFuture<String> uninterrupted,",
            "      org.springframework.web.client.RestTemplate rest,",
            "      org.springframework.web.client.RestClient restClient) throws Exception {",
            "    // BUG: Diagnostic contains: Thread.sleep()",
            "    Thread.sleep(1);",
            "    // BUG: Diagnostic contains: Thread.join()",
            "    t.join();",
            "    // BUG: Diagnostic contains: Object.wait()",
            "    monitor.wait();",
            "    // BUG: Diagnostic contains: CountDownLatch.await()",
            "    latch.await();",
            "    // BUG: Diagnostic contains: CyclicBarrier.await()",
            "    barrier.await();",
            "    // BUG: Diagnostic contains: Phaser.arriveAndAwaitAdvance()",
            "    phaser.arriveAndAwaitAdvance();",
            "    // BUG: Diagnostic contains: Semaphore.acquire()",
            "    semaphore.acquire();",
            "    // BUG: Diagnostic contains: BlockingQueue.put()",
            "    queue.put(\"x\");",
            "    // BUG: Diagnostic contains: BlockingQueue.take()",
            "    queue.take();",
            "    // BUG: Diagnostic contains: Condition.await()",
            "    condition.await();",
            "    // BUG: Diagnostic contains: ExecutorService.awaitTermination()",
            "    pool.awaitTermination(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: ExecutorService.invokeAll()",
            "    pool.invokeAll(java.util.List.<Callable<String>>of());",
            "    // BUG: Diagnostic contains: ExecutorService.invokeAny()",
            "    pool.invokeAny(java.util.List.<Callable<String>>of());",
            "    // BUG: Diagnostic contains: Process.waitFor()",
            "    process.waitFor();",
            "    // BUG: Diagnostic contains: Files.readString()",
            "    Files.readString(path);",
            "    // BUG: Diagnostic contains: new FileInputStream(...)",
            "    new FileInputStream(\"f\").close();",
            "    // BUG: Diagnostic contains: new FileOutputStream(...)",
            "    new FileOutputStream(\"f\").close();",
            "    // BUG: Diagnostic contains: RandomAccessFile.read()",
            "    raf.read();",
            "    // BUG: Diagnostic contains: Socket.connect()",
            "    socket.connect(new InetSocketAddress(80));",
            "    // BUG: Diagnostic contains: ServerSocket.accept()",
            "    server.accept();",
            "    // BUG: Diagnostic contains: URL.openStream()",
            "    url.openStream();",
            "    // BUG: Diagnostic contains: URLConnection.getInputStream()",
            "    http.getInputStream();",
            "    // BUG: Diagnostic contains: HttpURLConnection.getResponseCode()",
            "    http.getResponseCode();",
            "    // BUG: Diagnostic contains: HttpClient.send()",
            "    client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());",
            "    // BUG: Diagnostic contains: Statement.executeQuery()",
            "    st.executeQuery(\"q\");",
            "    // BUG: Diagnostic contains: PreparedStatement.executeUpdate()",
            "    ps.executeUpdate();",
            "    // BUG: Diagnostic contains: Connection.commit()",
            "    connection.commit();",
            "    // BUG: Diagnostic contains: Connection.rollback()",
            "    connection.rollback();",
            "    // BUG: Diagnostic contains: DriverManager.getConnection()",
            "    DriverManager.getConnection(\"jdbc:x\");",
            "    // BUG: Diagnostic contains: DataSource.getConnection()",
            "    dataSource.getConnection();",
            "    // BUG: Diagnostic contains: ResultSet.next()",
            "    rs.next();",
            "    // BUG: Diagnostic contains: get()",
            "    future.get();",
            "    // BUG: Diagnostic contains: join()",
            "    cf.join();",
            "    // BUG: Diagnostic contains: get()",
            // another future: after cf.join() above, cf is done and its get() returns at once
            "    timed.get(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: block()",
            "    mono.block();",
            "    // BUG: Diagnostic contains: blockLast()",
            "    flux.blockLast();",
            "    // BUG: Diagnostic contains: toIterable()",
            "    flux.toIterable();",
            "    // BUG: Diagnostic contains: toStream()",
            "    flux.toStream();",
            "    // BUG: Diagnostic contains: blockingFirst()",
            "    observable.blockingFirst();",
            "    // BUG: Diagnostic contains: Futures.getUnchecked()",
            "    com.google.common.util.concurrent.Futures.getUnchecked(lf);",
            "    // BUG: Diagnostic contains: Futures.getChecked()",
            // other futures: after getUnchecked(lf) above, lf is done
            "    com.google.common.util.concurrent.Futures.getChecked(checked, Exception.class);",
            "    // BUG: Diagnostic contains: Uninterruptibles.getUninterruptibly()",
            "    com.google.common.util.concurrent.Uninterruptibles.getUninterruptibly(uninterrupted);",
            "    // BUG: Diagnostic contains: Uninterruptibles.sleepUninterruptibly()",
            "    com.google.common.util.concurrent.Uninterruptibles.sleepUninterruptibly(1,"
                + " TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: RestTemplate.getForObject()",
            "    rest.getForObject(\"http://x\", String.class);",
            "    // Entries whose class is nested in another: RestClient.ResponseSpec sends the"
                + " request",
            "    // and reads the response; retrieve() only declares how (Spring 6.1 to 7.0).",
            "    // BUG: Diagnostic contains: ResponseSpec.body()",
            "    restClient.get().uri(\"http://x\").retrieve().body(String.class);",
            "    // BUG: Diagnostic contains: ResponseSpec.toBodilessEntity()",
            "    restClient.delete().uri(\"http://x\").retrieve().onStatus(s -> false, (q, r) ->"
                + " {}).toBodilessEntity();",
            "    // BUG: Diagnostic contains: RequestHeadersSpec.exchange()",
            "    restClient.get().uri(\"http://x\").exchange((q, r) -> r.getStatusCode());",
            "    org.springframework.web.client.RestClient.ResponseSpec spec ="
                + " restClient.get().uri(\"http://x\").retrieve();",
            "    // Not blocking: reads that never wait, and look-alikes.",
            "    cf.getNow(\"\");",
            "    cf.isDone();",
            "    queue.offer(\"x\");",
            "    queue.poll();",
            "    semaphore.tryAcquire();",
            "    latch.countDown();",
            "    Files.class.getName();",
            "  }",
            "}")
        .doTest();
  }
}
