package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * ResourceClosedBeforeAsync's fixes, as exact text, each output compiled again and found clean; and
 * the shapes where no fix keeps behaviour.
 */
@RunWith(JUnit4.class)
public class ResourceClosedBeforeAsyncFixTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(ResourceClosedBeforeAsync.class, getClass())
          .addInputLines("Channel.java", ResourceClosedBeforeAsyncTest.CHANNEL)
          .expectUnchanged()
          .addInputLines("Channels.java", ResourceClosedBeforeAsyncTest.CHANNELS)
          .expectUnchanged()
          .addInputLines("Session.java", ResourceClosedBeforeAsyncTest.SESSION)
          .expectUnchanged()
          .addInputLines("Upload.java", UPLOAD)
          .expectUnchanged();
  private final CompilationTestHelper compile =
      CompilationTestHelper.newInstance(ResourceClosedBeforeAsync.class, getClass())
          .addSourceLines("Channel.java", ResourceClosedBeforeAsyncTest.CHANNEL)
          .addSourceLines("Channels.java", ResourceClosedBeforeAsyncTest.CHANNELS)
          .addSourceLines("Session.java", ResourceClosedBeforeAsyncTest.SESSION)
          .addSourceLines("Upload.java", UPLOAD);

  /** A resource made with new, whose first steps may throw a checked exception. */
  static final String[] UPLOAD = {
    "import java.util.concurrent.CompletableFuture;",
    "class Upload implements AutoCloseable {",
    "  Upload(String target) {}",
    "  void prepare(int size) throws java.io.IOException {}",
    "  CompletableFuture<byte[]> sendAsync(byte[] data) { return new CompletableFuture<>(); }",
    "  @Override public void close() {}",
    "}"
  };

  private static final String[] SENDER_FIXED = {
    "import java.util.concurrent.CompletableFuture;",
    "class Sender {",
    "  Channels channels;",
    "  CompletableFuture<String> push(String m) {",
    "    Channel ch = channels.lease();",
    "    CompletableFuture<String> started;",
    "    try {",
    "      started = ch.sendAsync(m); // the channel is closed as the method returns",
    "    } catch (Throwable failure) {",
    "      if (ch != null) {",
    "        try {",
    "          ch.close();",
    "        } catch (Throwable suppressed) {",
    "          failure.addSuppressed(suppressed);",
    "        }",
    "      }",
    "      throw failure;",
    "    }",
    "    return started.whenComplete((value, error) -> ch.close());",
    "  }",
    "}"
  };

  @Test
  public void completableFuture_closedWhenTheWorkCompletes() {
    refactoring
        .addInputLines(
            "Sender.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Sender {",
            "  Channels channels;",
            "  CompletableFuture<String> push(String m) {",
            "    try (Channel ch = channels.lease()) {",
            "      return ch.sendAsync(m); // the channel is closed as the method returns",
            "    }",
            "  }",
            "}")
        .addOutputLines("Sender.java", SENDER_FIXED)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void completableFuture_fixedCodeCompilesAndIsClean() {
    compile.addSourceLines("Sender.java", SENDER_FIXED).expectNoDiagnostics().doTest();
  }

  private static final String[] UPLOADER_FIXED = {
    "import java.io.IOException;",
    "import java.util.concurrent.CompletionStage;",
    "class Uploader {",
    "  CompletionStage<Integer> upload(String target, byte[] data) throws IOException {",
    "    if (data.length > 0) {",
    "      Upload upload = new Upload(target);",
    "      CompletionStage<Integer> started2;",
    "      try {",
    "        upload.prepare(data.length);",
    "        int started = data.length;",
    "        started2 = upload.sendAsync(data).thenApply(ack -> ack.length + started);",
    "      } catch (Throwable failure) {",
    "        try {",
    "          upload.close();",
    "        } catch (Throwable suppressed) {",
    "          failure.addSuppressed(suppressed);",
    "        }",
    "        throw failure;",
    "      }",
    "      return started2.whenComplete((value, error) -> upload.close());",
    "    }",
    "    return null;",
    "  }",
    "}"
  };

  @Test
  public void completionStage_newResourceStepsBeforeAndFreshNames() {
    refactoring
        .addInputLines(
            "Uploader.java",
            "import java.io.IOException;",
            "import java.util.concurrent.CompletionStage;",
            "class Uploader {",
            "  CompletionStage<Integer> upload(String target, byte[] data) throws IOException {",
            "    if (data.length > 0) {",
            "      try (Upload upload = new Upload(target)) {",
            "        upload.prepare(data.length);",
            "        int started = data.length;",
            "        return upload.sendAsync(data).thenApply(ack -> ack.length + started);",
            "      }",
            "    }",
            "    return null;",
            "  }",
            "}")
        .addOutputLines("Uploader.java", UPLOADER_FIXED)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void completionStage_fixedCodeCompilesAndIsClean() {
    compile.addSourceLines("Uploader.java", UPLOADER_FIXED).expectNoDiagnostics().doTest();
  }

  private static final String[] KEYS_FIXED = {
    "import reactor.core.publisher.Flux;",
    "class Keys {",
    "  Flux<String> keys(String prefix) {",
    "    return Flux.using(() -> Session.open(), session -> Flux.fromStream(session.keys())"
        + ".filter(k -> k.startsWith(prefix)), Session::close);",
    "  }",
    "}"
  };

  @Test
  public void reactor_usingForAResourceWhoseCloseThrowsNothingChecked() {
    refactoring
        .addInputLines(
            "Keys.java",
            "import reactor.core.publisher.Flux;",
            "class Keys {",
            "  Flux<String> keys(String prefix) {",
            "    try (Session session = Session.open()) {",
            "      return Flux.fromStream(session.keys()).filter(k -> k.startsWith(prefix));",
            "    }",
            "  }",
            "}")
        .addOutputLines("Keys.java", KEYS_FIXED)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void reactor_usingFixCompilesAndIsClean() {
    compile.addSourceLines("Keys.java", KEYS_FIXED).expectNoDiagnostics().doTest();
  }

  private static final String[] TAIL_FIXED = {
    "import java.io.*;",
    "import java.nio.file.*;",
    "import reactor.core.publisher.Flux;",
    "import reactor.core.publisher.Mono;",
    "class Tail {",
    "  Flux<String> tail(Path log) throws IOException {",
    "    return Flux.usingWhen(Mono.fromCallable(() -> Files.newBufferedReader(log)), r ->"
        + " Flux.fromStream(r.lines()), r -> Mono.fromCallable(() -> { r.close(); return null;"
        + " }));",
    "  }",
    "}"
  };

  @Test
  public void reactor_usingWhenWhereCloseThrowsAChecked() {
    refactoring
        .addInputLines(
            "Tail.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import reactor.core.publisher.Flux;",
            "class Tail {",
            "  Flux<String> tail(Path log) throws IOException {",
            "    try (BufferedReader r = Files.newBufferedReader(log)) {",
            "      return Flux.fromStream(r.lines());",
            "    }",
            "  }",
            "}")
        .addOutputLines("Tail.java", TAIL_FIXED)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  public void reactor_usingWhenFixCompilesAndIsClean() {
    compile.addSourceLines("Tail.java", TAIL_FIXED).expectNoDiagnostics().doTest();
  }

  @Test
  public void noFixWhereNoRewriteKeepsBehaviour() {
    refactoring
        .addInputLines(
            "NoFix.java",
            "import java.io.*;",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.*;",
            "class NoFix {",
            "  Channels channels;",
            "  // Two resources: which one moves out, and in what order they close, is a choice.",
            "  CompletableFuture<String> two(String m) {",
            "    try (Channel a = channels.lease(); Channel b = channels.lease()) {",
            "      return b.sendAsync(a.receive());",
            "    }",
            "  }",
            "  // A catch clause runs after the close: moving the close changes what it sees.",
            "  CompletableFuture<String> caught(String m) {",
            "    try (Channel ch = channels.lease()) {",
            "      return ch.sendAsync(m);",
            "    } catch (RuntimeException e) {",
            "      return CompletableFuture.failedFuture(e);",
            "    }",
            "  }",
            "  // close() throws IOException, which whenComplete's lambda cannot.",
            "  CompletableFuture<Integer> checkedClose(InputStream in) throws IOException {",
            "    try (InputStream body = new BufferedInputStream(in)) {",
            "      return CompletableFuture.supplyAsync(() -> read(body));",
            "    }",
            "  }",
            "  // Another way out of the block closes the resource too.",
            "  CompletableFuture<String> early(String m) {",
            "    try (Channel ch = channels.lease()) {",
            "      if (m.isEmpty()) {",
            "        return CompletableFuture.completedFuture(m);",
            "      }",
            "      return ch.sendAsync(m);",
            "    }",
            "  }",
            "  // The channel may be null: the try would not close it, whenComplete would fail.",
            "  CompletableFuture<String> maybeNull() {",
            "    try (Channel ch = channels.lease()) {",
            "      return CompletableFuture.supplyAsync(ch::receive);",
            "    }",
            "  }",
            "  // Work started before the return: whether it ran is not the return's to say.",
            "  CompletableFuture<String> throughALocal(String m) {",
            "    try (Channel ch = channels.lease()) {",
            "      CompletableFuture<String> sent = ch.sendAsync(m);",
            "      return sent;",
            "    }",
            "  }",
            "  // Steps before a publisher's return run at the call, not at each subscription.",
            "  Flux<String> stepsBefore() {",
            "    try (Session session = Session.open()) {",
            "      session.get(\"warm-up\");",
            "      return Flux.fromStream(session.keys());",
            "    }",
            "  }",
            "  // A local that is not effectively final cannot go into the using lambda.",
            "  Flux<String> notFinal(String prefix) {",
            "    prefix = prefix.trim();",
            "    try (Session session = Session.open()) {",
            "      return Flux.fromStream(session.keys()).map(prefix::concat);",
            "    }",
            "  }",
            "  // A lambda's return: its type is not written where the fix would declare it.",
            "  java.util.function.Supplier<CompletableFuture<String>> inALambda(String m) {",
            "    return () -> {",
            "      try (Channel ch = channels.lease()) {",
            "        return ch.sendAsync(m);",
            "      }",
            "    };",
            "  }",
            "  // A finally that closes is left as it is.",
            "  CompletableFuture<String> finallyCloses(String m) {",
            "    Channel ch = channels.lease();",
            "    try {",
            "      return ch.sendAsync(m);",
            "    } finally {",
            "      ch.close();",
            "    }",
            "  }",
            "  static int read(InputStream in) { return 0; }",
            "}")
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
