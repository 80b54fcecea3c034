package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The tries around async code that bench/real-world's libraries have (bench/triage/resources.md),
 * in their style: each left alone for the reason the triage gives, next to the bug in the same
 * shape.
 */
@RunWith(JUnit4.class)
public class ResourceClosedBeforeAsyncRealCodeTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ResourceClosedBeforeAsync.class, getClass());

  /**
   * Micronaut's DefaultHttpClient: a context scope held while the request is started, so that the
   * start sees the context; the flow it returns never reads the scope. Next to it, the loan of a
   * pooled connection to a function whose future outlives the loan.
   */
  @Test
  public void scopeAroundTheStart_micronautStyle_andALoanThatEndsBeforeTheWork() {
    helper
        .addSourceLines(
            "Client.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "class Client {",
            "  interface Scope extends AutoCloseable { @Override void close(); }",
            "  interface PropagatedContext { Scope propagate(); }",
            "  interface Connection extends AutoCloseable {",
            "    CompletableFuture<String> query(String q);",
            "    @Override void close();",
            "  }",
            "  interface Pool { Connection borrow(); }",
            "  Pool pool;",
            "  CompletableFuture<String> provideResponse(String request, PropagatedContext context)"
                + " {",
            "    try {",
            "      try (Scope ignore = context.propagate()) {",
            "        return sendRequestWithRedirects(context, request);",
            "      }",
            "    } catch (Throwable e) {",
            "      return CompletableFuture.failedFuture(e);",
            "    }",
            "  }",
            "  <T> CompletableFuture<T> withConnection(Function<Connection, CompletableFuture<T>>"
                + " fn) {",
            "    try (Connection c = pool.borrow()) {",
            "      // BUG: Diagnostic contains: 'c' is closed",
            "      return fn.apply(c);",
            "    }",
            "  }",
            "  CompletableFuture<String> sendRequestWithRedirects(PropagatedContext c, String r) {",
            "    return CompletableFuture.completedFuture(r);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Reactor's FluxContextWriteRestoringThreadLocalsFuseable: thread locals restored around a
   * subscription that runs where it is made; a tracing scope around a send, in another style.
   */
  @Test
  public void threadLocalsAroundASubscription_reactorStyle() {
    helper
        .addSourceLines(
            "Restoring.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.reactivestreams.Subscriber;",
            "import reactor.core.publisher.Flux;",
            "class Restoring<T> {",
            "  interface Scope extends AutoCloseable { @Override void close(); }",
            "  static Scope setThreadLocals(Object context) { return null; }",
            "  Flux<T> source;",
            "  void subscribe(Subscriber<? super T> actual, Object context) {",
            "    try (Scope ignored = setThreadLocals(context)) {",
            "      source.subscribe(actual);",
            "    }",
            "  }",
            "  CompletableFuture<String> traced(Object span, CompletableFuture<String> call) {",
            "    try (Scope inSpan = setThreadLocals(span)) {",
            "      return call.thenApply(String::trim);",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Guava's ByteSource and lettuce's CompressionCodec: a finally that closes what synchronous code
   * read; and the same finally around a read handed to an executor.
   */
  @Test
  public void finallyAroundSynchronousReads_guavaAndLettuceStyle_andAnOffloadedRead() {
    helper
        .addSourceLines(
            "Sources.java",
            "import java.io.*;",
            "import java.util.concurrent.*;",
            "class Sources {",
            "  static final class Closer implements Closeable {",
            "    <C extends Closeable> C register(C c) { return c; }",
            "    RuntimeException rethrow(Throwable e) { return new RuntimeException(e); }",
            "    @Override public void close() {}",
            "  }",
            "  ExecutorService executor;",
            "  InputStream openStream() { return null; }",
            "  boolean isEmpty() throws IOException {",
            "    Closer closer = new Closer();",
            "    try {",
            "      InputStream in = closer.register(openStream());",
            "      return in.read() == -1;",
            "    } catch (Throwable e) {",
            "      throw closer.rethrow(e);",
            "    } finally {",
            "      closer.close();",
            "    }",
            "  }",
            "  byte[] compress(byte[] data) throws IOException {",
            "    ByteArrayOutputStream out = new ByteArrayOutputStream();",
            "    try {",
            "      out.write(data);",
            "      return out.toByteArray();",
            "    } finally {",
            "      out.close();",
            "    }",
            "  }",
            "  Future<Integer> readLater() throws IOException {",
            "    InputStream in = openStream();",
            "    try {",
            "      // BUG: Diagnostic contains: 'in' is closed by the finally block",
            "      return executor.submit(() -> in.read());",
            "    } finally {",
            "      in.close();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Vert.x's Http1xServerResponse.sendFileInternal and Micronaut's DefaultHttpClient.exchange: the
   * finally closes only if the work was never handed over ({@code ret == null}, {@code mono ==
   * null}); once it is, a completion callback closes ({@code addListener}, {@code doOnTerminate}).
   * Next to them, the same code whose finally closes on every path.
   */
  @Test
  public void closedByTheFinallyOnlyIfNotHandedOver_vertxAndMicronautStyle() {
    helper
        .addSourceLines(
            "Responses.java",
            "import java.io.*;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Responses {",
            "  interface Body extends Closeable { @Override void close(); }",
            "  CompletableFuture<Void> sendFile(RandomAccessFile file) {",
            "    return CompletableFuture.completedFuture(null);",
            "  }",
            "  Mono<String> send(Body body) { return Mono.empty(); }",
            "  CompletableFuture<Void> sendFileInternal(RandomAccessFile file, boolean close) {",
            "    CompletableFuture<Void> ret = null;",
            "    try {",
            "      ret = sendFile(file).whenComplete((v, e) -> {",
            "        if (close) {",
            "          try {",
            "            file.close();",
            "          } catch (IOException ignore) {",
            "          }",
            "        }",
            "      });",
            "      return ret;",
            "    } finally {",
            "      if (ret == null && close) {",
            "        try {",
            "          file.close();",
            "        } catch (IOException ignore) {",
            "        }",
            "      }",
            "    }",
            "  }",
            "  Mono<String> exchange(Body requestBody) {",
            "    Mono<String> mono = null;",
            "    try {",
            "      mono = send(requestBody);",
            "    } finally {",
            "      if (mono == null) {",
            "        requestBody.close();",
            "      }",
            "    }",
            "    return mono.doOnTerminate(requestBody::close);",
            "  }",
            "  Mono<String> exchangeClosingAlways(Body requestBody) {",
            "    Mono<String> mono = null;",
            "    try {",
            "      // BUG: Diagnostic contains: 'requestBody' is closed by the finally block",
            "      mono = send(requestBody);",
            "    } finally {",
            "      requestBody.close();",
            "    }",
            "    return mono;",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Vert.x's HttpUtils.resolveFile: a RandomAccessFile opened only to see that the file can be
   * read, while the future opens the file anew; next to it, a future that reads the same one.
   */
  @Test
  public void resourceOnlyCheckedWhileTheFutureOpensItsOwn_vertxStyle() {
    helper
        .addSourceLines(
            "Files2.java",
            "import io.vertx.core.Future;",
            "import java.io.*;",
            "class Files2 {",
            "  Future<Long> open(String name) { return Future.succeededFuture(0L); }",
            "  Future<Long> resolve(File file, long offset) throws IOException {",
            "    try (RandomAccessFile raf = new RandomAccessFile(file, \"r\")) {",
            "      return open(file.getPath()).map(length -> Math.min(length, file.length()));",
            "    }",
            "  }",
            "  Future<Long> resolveReadingIt(File file) throws IOException {",
            "    try (RandomAccessFile raf = new RandomAccessFile(file, \"r\")) {",
            "      // BUG: Diagnostic contains: 'raf' is closed",
            "      return open(file.getPath()).map(length -> readLength(raf));",
            "    }",
            "  }",
            "  static long readLength(RandomAccessFile raf) {",
            "    try {",
            "      return raf.length();",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
