package dev.asyncprone.model.context;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.BlockingCatalog;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.support.LastTreeMemo;
import dev.asyncprone.model.support.Options;
import dev.asyncprone.model.support.PerCompilationCache;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Whether a call may block, and why: it is an await; it is in the catalog of blocking methods; or
 * it is annotated {@code @Blocking} (ours, JetBrains', SmallRye's, or one named by flag).
 */
public final class BlockingCalls {
  /** Why a call blocks. */
  public enum Reason {
    AWAIT,
    CATALOG,
    ANNOTATED
  }

  /**
   * A call that may block: the tree, why, the name to show ({@code join()}, {@code
   * Thread.sleep()}), what it waits for in words, and for an await, the await.
   */
  public record BlockingCall(
      Tree tree, Reason reason, String display, String waitsFor, Awaits.@Nullable Await await) {
    public boolean isAwait() {
      return reason == Reason.AWAIT;
    }

    /**
     * The start of a message: what blocks whom, and where. {@code join() blocks the thread that
     * completes 'order' (this lambda is a thenApply callback and runs there)}; for a call that is
     * not an await, what it waits for too: {@code Thread.sleep() sleeps and blocks ...}.
     */
    public String blocks(AsyncContext context) {
      String what = isAwait() ? display : display + " " + waitsFor + " and";
      return what + " blocks " + context.victim() + " (" + context.where() + ")";
    }
  }

  private final BlockingCatalog catalog;
  private final ImmutableSet<String> blockingAnnotations;

  /**
   * What a method's symbol alone says about its calls, computed once per method and compilation so
   * that a call costs one lookup.
   */
  private record Facts(
      boolean await,
      BlockingCatalog.@Nullable Entry entry,
      Annotations.@Nullable Found annotation) {
    static final Facts NEVER_BLOCKS = new Facts(false, null, null);
    static final Facts AWAIT = new Facts(true, null, null);
  }

  private final PerCompilationCache<MethodSymbol, Facts> facts = new PerCompilationCache<>();
  private final LastTreeMemo<BlockingCall> waiting = new LastTreeMemo<>();

  /**
   * The analysis Error Prone's injector makes once per compilation, from its flags, and hands to
   * every check that asks for it.
   */
  @Inject
  public BlockingCalls(ErrorProneFlags flags) {
    this(Options.from(flags));
  }

  public BlockingCalls(Options options) {
    this.catalog = BlockingCatalog.withExtra(options.extraBlockingMethods());
    this.blockingAnnotations = Annotations.blocking(options);
  }

  /**
   * The blocking call that {@code tree} is (a method invocation, a constructor call, or a method
   * reference), or null if it does not block.
   */
  public @Nullable BlockingCall of(Tree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree
        || tree instanceof NewClassTree
        || tree instanceof MemberReferenceTree)) {
      return null;
    }
    if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)) {
      return null;
    }
    Facts facts = this.facts.get(method, state, m -> factsOf(m, state));
    if (facts.await()) {
      Awaits.Await await = Awaits.of(tree, state);
      if (await != null) {
        return new BlockingCall(tree, Reason.AWAIT, await.display(), "waits for the future", await);
      }
    }
    if (facts.entry() != null) {
      return new BlockingCall(
          tree, Reason.CATALOG, display(method), facts.entry().waitsFor(), null);
    }
    if (facts.annotation() != null) {
      return new BlockingCall(
          tree,
          Reason.ANNOTATED,
          display(method),
          "is annotated @" + facts.annotation().simpleAnnotationName(),
          null);
    }
    return null;
  }

  /** In the order a call is judged: a read that never waits, an await, the catalog, annotations. */
  private Facts factsOf(MethodSymbol method, VisitorState state) {
    if (Awaits.isNonBlockingRead(method, state)) {
      return Facts.NEVER_BLOCKS;
    }
    if (Awaits.isAwaitMethod(method, state)) {
      return Facts.AWAIT;
    }
    BlockingCatalog.Entry entry = catalog.entryFor(method, state);
    return new Facts(
        false,
        entry,
        entry != null ? null : Annotations.governing(method, blockingAnnotations, state));
  }

  /**
   * The blocking call that {@code tree} is, if it waits where it runs: not an await of a future
   * known to be done there ({@link KnownDone#isKnownDone}), which returns at once.
   */
  public @Nullable BlockingCall waitingAt(Tree tree, VisitorState state) {
    return waiting.get(
        tree,
        state,
        t -> {
          BlockingCall call = of(t, state);
          return call == null || (call.isAwait() && KnownDone.isKnownDone(call.await(), state))
              ? null
              : call;
        });
  }

  private static String display(MethodSymbol method) {
    String owner = method.owner.getSimpleName().toString();
    if (method.isConstructor()) {
      return "new " + owner + "(...)";
    }
    return owner + "." + method.getSimpleName() + "()";
  }
}
