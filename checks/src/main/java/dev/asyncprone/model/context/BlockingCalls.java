package dev.asyncprone.model.context;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncTwins;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.BlockingCatalog;
import dev.asyncprone.model.api.BlockingPath;
import dev.asyncprone.model.api.BlockingSummaries;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.CompilationUnits;
import dev.asyncprone.model.javac.MethodKeys;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.LastTreeMemo;
import dev.asyncprone.model.support.Options;
import dev.asyncprone.model.support.PerCompilationCache;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Whether a call may block, and why: it is an await; it is in the catalog of blocking methods; it
 * is annotated {@code @Blocking} (ours, JetBrains', SmallRye's, or one named by flag); and, for the
 * checks about where blocking happens ({@link #blockingAt}), it blocks through its own code (as the
 * compilation's {@link BlockingInference} finds, or another module's summary says), or it is the
 * blocking twin of an async method ({@code send} of {@code sendAsync}).
 */
public final class BlockingCalls {
  /** Why a call blocks. */
  public enum Reason {
    AWAIT,
    CATALOG,
    ANNOTATED,
    /** The plain method of a pair whose other is its async twin. */
    TWIN,
    /** A method whose own code blocks, by this compilation's inference or a module's summary. */
    INFERRED
  }

  /**
   * A call that may block: the tree, why, the name to show ({@code join()}, {@code
   * Thread.sleep()}), what it does in words, for an await the await, for a method that blocks
   * through its code why ({@code path}, and {@code from}, the jar whose summary says so), and for a
   * blocking twin the twin.
   */
  public record BlockingCall(
      Tree tree,
      Reason reason,
      String display,
      String waitsFor,
      Awaits.@Nullable Await await,
      @Nullable BlockingPath path,
      @Nullable String from,
      @Nullable MethodSymbol twin) {
    BlockingCall(
        Tree tree, Reason reason, String display, String waitsFor, Awaits.@Nullable Await await) {
      this(tree, reason, display, waitsFor, await, null, null, null);
    }

    public boolean isAwait() {
      return reason == Reason.AWAIT;
    }

    /** True for a catalog call of the local file system, which waits for the disk only. */
    public boolean isLocalFileIo() {
      return reason == Reason.CATALOG && waitsFor.equals(BlockingCatalog.LOCAL_FILE_IO);
    }

    /** For an annotated method, the annotation's simple name; else empty. */
    public String annotation() {
      return reason == Reason.ANNOTATED ? waitsFor.substring(waitsFor.indexOf('@') + 1) : "";
    }

    /**
     * The start of a message: what blocks whom, and where. {@code join() blocks the thread that
     * completes 'order' (this lambda is a thenApply callback and runs there)}; for a call that is
     * not an await, what it waits for too: {@code Thread.sleep() sleeps and blocks ...}; for a
     * method that blocks through its code, the way to the blocking call: {@code quote() blocks: it
     * calls PriceBook.lookup() -> PriceDao.row(), which makes a database round trip
     * (JdbcTemplate.queryForObject(), PriceDao.java:27), so it blocks ...}.
     */
    public String blocks(AsyncContext context) {
      if (path != null) {
        return display
            + (from == null ? "" : " (from " + from + ")")
            + " blocks: "
            + path.reason()
            + ", so it blocks "
            + context.victim()
            + " ("
            + context.where()
            + ")";
      }
      String what = isAwait() ? display : display + " " + waitsFor + " and";
      return what + " blocks " + context.victim() + " (" + context.where() + ")";
    }
  }

  private final BlockingCatalog catalog;
  private final ImmutableSet<String> blockingAnnotations;
  private final ImmutableSet<String> nonBlockingAnnotations;
  private final Contexts contexts;
  private final boolean writeSummary;

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
  private final PerCompilationCache<MethodSymbol, Boolean> nonBlocking =
      new PerCompilationCache<>();
  private final LastTreeMemo<BlockingCall> waiting = new LastTreeMemo<>();
  private final LastTreeMemo<BlockingCall> blocking = new LastTreeMemo<>();
  private final ContextLocal<BlockingInference> inferences = new ContextLocal<>();

  /**
   * The analysis Error Prone's injector makes once per compilation, from its flags, and hands to
   * every check that asks for it, with the compilation's one {@link Contexts}.
   */
  @Inject
  public BlockingCalls(ErrorProneFlags flags, Contexts contexts) {
    this(Options.from(flags), contexts);
  }

  public BlockingCalls(Options options) {
    this(options, new Contexts(options));
  }

  public BlockingCalls(Options options, Contexts contexts) {
    this.catalog = BlockingCatalog.withExtra(options.extraBlockingMethods());
    this.blockingAnnotations = Annotations.blocking(options);
    this.nonBlockingAnnotations = Annotations.nonBlocking(options);
    this.contexts = contexts;
    this.writeSummary = options.writeBlockingSummary();
  }

  /**
   * The blocking call that {@code tree} is (a method invocation, a constructor call, or a method
   * reference), or null if it does not block: an await, a catalog method, an annotated one.
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
          tree, Reason.CATALOG, MethodKeys.display(method), facts.entry().waitsFor(), null);
    }
    if (facts.annotation() != null) {
      return new BlockingCall(
          tree,
          Reason.ANNOTATED,
          MethodKeys.display(method),
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
    return waiting.get(tree, state, t -> waitingAt(t, state.getPath(), state));
  }

  private @Nullable BlockingCall waitingAt(Tree tree, TreePath path, VisitorState state) {
    BlockingCall call = of(tree, state);
    return call == null
            || (call.isAwait()
                && KnownDone.isKnownDone(
                    call.await(), path == state.getPath() ? state : state.withPath(path)))
        ? null
        : call;
  }

  /**
   * The blocking call that {@code tree} is where it runs, for the checks about where blocking
   * happens: {@link #waitingAt}, a method that blocks through its own code (this compilation's
   * inference, or the summary of the jar it comes from), where the call runs that method's body, or
   * the blocking twin of an async method.
   */
  public @Nullable BlockingCall blockingAt(Tree tree, VisitorState state) {
    return blocking.get(
        tree,
        state,
        t -> {
          // Brought up to date at every file, even one whose calls all block by themselves: under
          // -XDcompilePolicy=byfile a file can be read only while the checks are on it.
          BlockingInference inference = inference(state);
          BlockingCall call = waitingAt(t, state);
          return call != null ? call : throughOwnCode(t, inference, state);
        });
  }

  /**
   * The call as one of a method that blocks through its own code, or of a blocking twin. The
   * lookups that usually find nothing come first, so that a call of an ordinary method costs a few
   * map lookups: contracts and overrides are asked only of a method that would block.
   */
  private @Nullable BlockingCall throughOwnCode(
      Tree tree, BlockingInference inference, VisitorState state) {
    if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)
        || !(method.owner instanceof ClassSymbol owner)
        || !saysNothing(method, state)) {
      return null;
    }
    // A method the inference read is of this compilation, even once javac has lowered its file
    // (under -XDcompilePolicy=byfile, which also drops the file's classes from javac's Enter).
    if (inference.knows(method) || CompilationUnits.isCompiledHere(owner, state)) {
      BlockingPath path = inference.pathOf(method);
      BlockingInference.ParameterAwait await = inference.parameterAwaitOf(method);
      if (path != null || await != null) {
        if (!inference.runsItsBody(method, viaSuper(tree), state) || isNonBlocking(method, state)) {
          return null;
        }
        // What its body does is what the call does: the inference decides, not the name.
        if (path == null) {
          path = BlockingInference.awaitOfArgument(await, state.getPath(), state);
        }
        return path == null
            ? null
            : new BlockingCall(
                tree,
                Reason.INFERRED,
                MethodKeys.shortDisplay(method),
                path.reason(),
                null,
                path,
                null,
                null);
      }
      // A method the inference found not to block, where the call runs its body: not a twin.
      if (declaresABody(method, owner)
          && (AsyncTwins.of(method, state) == null
              || inference.runsItsBody(method, viaSuper(tree), state))) {
        return null;
      }
    } else {
      BlockingSummaries.Found found = BlockingSummaries.of(method, state);
      if (found != null
          && inference.runsItsBody(method, viaSuper(tree), state)
          && !isNonBlocking(method, state)) {
        return new BlockingCall(
            tree,
            Reason.INFERRED,
            MethodKeys.shortDisplay(method),
            found.path().reason(),
            null,
            found.path(),
            found.from(),
            null);
      }
    }
    return twin(tree, method, state);
  }

  /**
   * The blocking call that {@code tree} is by itself, for the inference, where it runs: an await
   * (whether its future is known done there is the inference's question), a catalog method, an
   * annotated one, or the blocking twin of an async method read from a class file or without a body
   * (a method of the compilation with a body is judged by it).
   */
  @Nullable BlockingCall directAt(Tree tree, VisitorState state) {
    BlockingCall call = of(tree, state);
    if (call != null
        || !(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)
        || !(method.owner instanceof ClassSymbol owner)
        || !saysNothing(method, state)
        || (CompilationUnits.isCompiledHere(owner, state) && declaresABody(method, owner))) {
      return call;
    }
    return twin(tree, method, state);
  }

  /** True if {@code method}, of {@code owner}, has a body: neither abstract nor an interface's. */
  static boolean declaresABody(MethodSymbol method, ClassSymbol owner) {
    return (method.flags() & Flags.ABSTRACT) == 0 && (owner.flags() & Flags.INTERFACE) == 0;
  }

  /** The call as the blocking twin of an async method, unless its method says it never blocks. */
  private @Nullable BlockingCall twin(Tree tree, MethodSymbol method, VisitorState state) {
    MethodSymbol twin = AsyncTwins.of(method, state);
    return twin == null || isNonBlocking(method, state)
        ? null
        : new BlockingCall(
            tree,
            Reason.TWIN,
            MethodKeys.display(method),
            "is the blocking twin of " + MethodKeys.shortDisplay(twin),
            null,
            null,
            null,
            twin);
  }

  /**
   * True if the tables, the catalog and the annotations say nothing of {@code method}: neither that
   * it blocks (an await known done there is not blocked on) nor that it never does.
   */
  private boolean saysNothing(MethodSymbol method, VisitorState state) {
    Facts known = facts.get(method, state, m -> factsOf(m, state));
    return known != Facts.NEVER_BLOCKS
        && !known.await()
        && known.entry() == null
        && known.annotation() == null;
  }

  /**
   * The annotation on {@code symbol} itself (not inherited) that says it may block, or null: {@code
   * dev.asyncprone.annotations.Blocking}, JetBrains', SmallRye's, or one a flag names.
   */
  public @Nullable String blockingContract(@Nullable Symbol symbol, VisitorState state) {
    return Annotations.annotationIn(symbol, blockingAnnotations, state);
  }

  /** The annotation on {@code symbol} itself that says it never blocks, or null. */
  public @Nullable String nonBlockingContract(@Nullable Symbol symbol, VisitorState state) {
    return Annotations.annotationIn(symbol, nonBlockingAnnotations, state);
  }

  /** True if {@code method} says it never blocks: annotated non-blocking, or overriding one. */
  boolean isNonBlocking(MethodSymbol method, VisitorState state) {
    return nonBlocking.get(
        method, state, m -> Annotations.governing(m, nonBlockingAnnotations, state) != null);
  }

  /**
   * Brings the compilation's inference up to date with the files ready now, for a check that asks
   * {@link #blockingAt} only of some calls: under {@code -XDcompilePolicy=byfile} a file can be
   * read only while the checks are on it.
   */
  public void keepInferenceUpToDate(VisitorState state) {
    inference(state);
  }

  /** The compilation's inference, brought up to date with the files ready now. */
  private BlockingInference inference(VisitorState state) {
    BlockingInference inference =
        inferences.get(
            state,
            () ->
                new BlockingInference(
                    this, contexts, writeSummary ? SummaryWriter.register(state) : null));
    inference.ensure(state);
    return inference;
  }

  /** True for a call {@code super.m(...)}, which runs the body of the method it names. */
  static boolean viaSuper(Tree tree) {
    return tree instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("super");
  }
}
