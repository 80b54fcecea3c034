package dev.asyncprone.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs code in the shapes ResourceClosedBeforeAsync's fixes write (as
 * ResourceClosedBeforeAsyncFixTest shows them) next to the try-with-resources they replace: the
 * fixed code closes the resource once, after the work, and on every path where the try closed it,
 * with what the try threw.
 */
@RunWith(JUnit4.class)
public class ResourceFixBehaviourTest {
  /** A channel whose send completes when the test says; it records its closes. */
  static final class Channel implements AutoCloseable {
    final CompletableFuture<String> pending = new CompletableFuture<>();
    RuntimeException failSend;
    RuntimeException failClose;
    int closes;
    boolean closedWhilePending;

    CompletableFuture<String> sendAsync(String message) {
      if (failSend != null) {
        throw failSend;
      }
      return pending;
    }

    @Override
    public void close() {
      closes++;
      closedWhilePending |= !pending.isDone();
      if (failClose != null) {
        throw failClose;
      }
    }
  }

  /** The code the fix replaces. */
  static CompletableFuture<String> before(Supplier<Channel> channels, String m) {
    try (Channel ch = channels.get()) {
      return ch.sendAsync(m);
    }
  }

  /** The fixed code, as the fix writes it. */
  static CompletableFuture<String> after(Supplier<Channel> channels, String m) {
    Channel ch = channels.get();
    CompletableFuture<String> started;
    try {
      started = ch.sendAsync(m);
    } catch (Throwable failure) {
      if (ch != null) {
        try {
          ch.close();
        } catch (Throwable suppressed) {
          failure.addSuppressed(suppressed);
        }
      }
      throw failure;
    }
    return started.whenComplete((value, error) -> ch.close());
  }

  @Test
  public void theTryClosesWhileTheWorkIsPending_theFixOnceItCompletes() {
    Channel tried = new Channel();
    before(() -> tried, "m");
    assertTrue("the bug: closed while the send is pending", tried.closedWhilePending);

    Channel fixed = new Channel();
    CompletableFuture<String> result = after(() -> fixed, "m");
    assertEquals(0, fixed.closes);
    fixed.pending.complete("ack");
    assertEquals(1, fixed.closes);
    assertFalse(fixed.closedWhilePending);
    assertEquals("ack", result.join());
  }

  @Test
  public void aFailedSendClosesOnceAndKeepsItsFailure() {
    Channel fixed = new Channel();
    CompletableFuture<String> result = after(() -> fixed, "m");
    IllegalStateException lost = new IllegalStateException("lost");
    fixed.pending.completeExceptionally(lost);
    assertEquals(1, fixed.closes);
    CompletionException thrown = assertThrows(CompletionException.class, result::join);
    assertSame(lost, thrown.getCause());
  }

  @Test
  public void startingFails_bothCloseOnceAndThrowTheSameWithTheCloseFailureSuppressed() {
    for (boolean closeFails : new boolean[] {false, true}) {
      Channel tried = failing(closeFails);
      Channel fixed = failing(closeFails);
      RuntimeException fromTry =
          assertThrows(RuntimeException.class, () -> before(() -> tried, "m"));
      RuntimeException fromFix =
          assertThrows(RuntimeException.class, () -> after(() -> fixed, "m"));
      assertSame(tried.failSend, fromTry);
      assertSame(fixed.failSend, fromFix);
      assertEquals(1, tried.closes);
      assertEquals(1, fixed.closes);
      assertEquals(closeFails ? 1 : 0, fromTry.getSuppressed().length);
      assertEquals(closeFails ? 1 : 0, fromFix.getSuppressed().length);
      if (closeFails) {
        assertSame(tried.failClose, fromTry.getSuppressed()[0]);
        assertSame(fixed.failClose, fromFix.getSuppressed()[0]);
      }
    }
  }

  private static Channel failing(boolean closeFails) {
    Channel ch = new Channel();
    ch.failSend = new IllegalArgumentException("refused");
    ch.failClose = closeFails ? new IllegalStateException("broken") : null;
    return ch;
  }

  @Test
  public void aNullChannel_bothThrowTheSameNullPointerExceptionAndCloseNothing() {
    NullPointerException fromTry =
        assertThrows(NullPointerException.class, () -> before(() -> null, "m"));
    NullPointerException fromFix =
        assertThrows(NullPointerException.class, () -> after(() -> null, "m"));
    assertEquals(0, fromTry.getSuppressed().length);
    assertEquals(0, fromFix.getSuppressed().length);
  }

  @Test
  public void aCloseThatFailsAfterTheWork_failsTheResultInsteadOfTheCall() {
    Channel fixed = new Channel();
    IllegalStateException broken = new IllegalStateException("broken");
    fixed.failClose = broken;
    CompletableFuture<String> result = after(() -> fixed, "m");
    fixed.pending.complete("ack");
    CompletionException thrown = assertThrows(CompletionException.class, result::join);
    assertSame(broken, thrown.getCause());
  }

  /** A session over items; it records whether it was read after it was closed. */
  static final class Session implements AutoCloseable {
    boolean closed;
    boolean readClosed;
    int closes;
    IOException failClose;

    List<String> items() {
      readClosed |= closed;
      return List.of("a", "b", "c");
    }

    @Override
    public void close() {
      closed = true;
      closes++;
    }

    /** A close that throws a checked exception, as BufferedReader's does. */
    void closeChecked() throws IOException {
      close();
      if (failClose != null) {
        throw failClose;
      }
    }
  }

  @Test
  public void reactor_theTryClosesBeforeTheSubscription_usingAfterIt() {
    Session tried = new Session();
    Flux<String> before;
    try (Session session = tried) {
      before = Flux.defer(() -> Flux.fromIterable(session.items()));
    }
    before.collectList().block();
    assertTrue("the bug: read after close", tried.readClosed);

    Session fixed = new Session();
    Flux<String> after =
        Flux.using(() -> fixed, session -> Flux.fromIterable(session.items()), Session::close);
    assertEquals(0, fixed.closes);
    assertEquals(List.of("a", "b", "c"), after.collectList().block());
    assertFalse(fixed.readClosed);
    assertEquals(1, fixed.closes);
    assertEquals(List.of("a"), after.take(1).collectList().block());
    assertEquals("closed again when the second subscription is cancelled", 2, fixed.closes);
  }

  @Test
  public void reactor_usingWhenClosesAfterTheWorkAndSignalsACheckedCloseFailure() {
    Session fixed = new Session();
    Flux<String> after =
        Flux.usingWhen(
            Mono.fromCallable(() -> fixed),
            session -> Flux.fromIterable(session.items()),
            session ->
                Mono.fromCallable(
                    () -> {
                      session.closeChecked();
                      return null;
                    }));
    assertEquals(List.of("a", "b", "c"), after.collectList().block());
    assertEquals(1, fixed.closes);
    assertFalse(fixed.readClosed);

    fixed.failClose = new IOException("disk");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> after.blockLast());
    assertTrue(thrown.getCause() instanceof IOException || thrown instanceof UncheckedIOException);
  }
}
