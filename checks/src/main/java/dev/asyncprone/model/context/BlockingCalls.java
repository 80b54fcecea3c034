package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.BlockingCatalog;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.LastTreeMemo;
import dev.asyncprone.model.support.Options;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.List;
import java.util.Optional;
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
  private final Options options;

  /**
   * What a method's symbol alone says about its calls, computed once per method and compilation so
   * that a call costs one lookup. Static, so that the checks of one compilation share it: they all
   * run with the same flags, so with the same catalog and annotations.
   */
  private record Facts(
      boolean await,
      BlockingCatalog.@Nullable Entry entry,
      Annotations.@Nullable Found annotation) {
    static final Facts NEVER_BLOCKS = new Facts(false, null, null);
    static final Facts AWAIT = new Facts(true, null, null);
  }

  private static final PerCompilationCache<MethodSymbol, Facts> FACTS = new PerCompilationCache<>();
  private static final LastTreeMemo<BlockingCall> WAITING = new LastTreeMemo<>();
  private static final PerCompilationCache<BlockingCatalog.Entry, Optional<Symbol>> CATALOG_OWNERS =
      new PerCompilationCache<>();

  public BlockingCalls(Options options) {
    this.options = options;
    this.catalog = BlockingCatalog.withExtra(options.extraBlockingMethods());
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
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (!(symbol instanceof MethodSymbol)) {
      return null;
    }
    MethodSymbol method = (MethodSymbol) symbol;
    Facts facts = FACTS.get(method, state, m -> facts(m, state));
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
  private Facts facts(MethodSymbol method, VisitorState state) {
    if (Awaits.isNonBlockingRead(method, state)) {
      return Facts.NEVER_BLOCKS;
    }
    if (Awaits.isAwaitMethod(method, state)) {
      return Facts.AWAIT;
    }
    BlockingCatalog.Entry entry = findCatalogEntry(method, state);
    return new Facts(
        false,
        entry,
        entry != null ? null : Annotations.governing(method, options.blockingAnnotations(), state));
  }

  /**
   * The blocking call that {@code tree} is, if it waits where it runs: not an await of a future
   * known to be done there ({@link KnownDone#isKnownDone}), which returns at once.
   */
  public @Nullable BlockingCall waitingAt(Tree tree, VisitorState state) {
    return WAITING.get(
        tree,
        state,
        t -> {
          BlockingCall call = of(t, state);
          return call == null || (call.isAwait() && KnownDone.isKnownDone(call.await(), state))
              ? null
              : call;
        });
  }

  private BlockingCatalog.@Nullable Entry findCatalogEntry(
      MethodSymbol method, VisitorState state) {
    String name = method.isConstructor() ? "<init>" : Symbols.name(method, state);
    if (!method.isConstructor()) {
      BlockingCatalog.Entry wildcard =
          catalog.wildcardFor(Symbols.qualifiedName(method.owner, state));
      if (wildcard != null) {
        return wildcard;
      }
    }
    List<BlockingCatalog.Entry> entries = catalog.entriesNamed(name);
    if (entries.isEmpty()) {
      return null;
    }
    Type owner = method.owner.type;
    if (owner == null) {
      return null;
    }
    Types types = state.getTypes();
    if (entries.stream().noneMatch(entry -> extendsOwnerOf(method, entry, state))) {
      return null; // most methods of a catalog name (accept, write, execute) are others' methods
    }
    for (Type supertype : types.closure(types.erasure(owner))) {
      String ownerName = Symbols.qualifiedName(supertype.tsym, state);
      for (BlockingCatalog.Entry entry : entries) {
        if (entry.owner().equals(ownerName) && declaresOrInherits(supertype, method, types)) {
          return entry;
        }
      }
    }
    return null;
  }

  /**
   * True if {@code method}'s class is, or extends, the class of the catalog entry {@code entry}.
   */
  private static boolean extendsOwnerOf(
      MethodSymbol method, BlockingCatalog.Entry entry, VisitorState state) {
    Symbol owner =
        CATALOG_OWNERS
            .get(entry, state, e -> Optional.ofNullable(state.getSymbolFromString(e.owner())))
            .orElse(null);
    return owner != null && method.owner.isSubClass(owner, state.getTypes());
  }

  /**
   * True if {@code method} is, or overrides, a method of the catalog type {@code declaring}, so
   * that an unrelated method of the same name in a subclass does not count.
   */
  private static boolean declaresOrInherits(Type declaring, MethodSymbol method, Types types) {
    if (method.owner == declaring.tsym || method.isConstructor()) {
      return method.owner == declaring.tsym;
    }
    for (Symbol member : declaring.tsym.members().getSymbolsByName(method.name)) {
      if (member instanceof MethodSymbol
          && method.overrides(
              member, (com.sun.tools.javac.code.Symbol.TypeSymbol) method.owner, types, true)) {
        return true;
      }
    }
    return false;
  }

  private static String display(MethodSymbol method) {
    String owner = method.owner.getSimpleName().toString();
    if (method.isConstructor()) {
      return "new " + owner + "(...)";
    }
    return owner + "." + method.getSimpleName() + "()";
  }
}
