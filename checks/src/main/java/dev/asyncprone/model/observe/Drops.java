package dev.asyncprone.model.observe;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.ErrorProne;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Mockito;
import dev.asyncprone.model.api.libraries.Vertx;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Uses;
import dev.asyncprone.model.support.ErrorProneChecks;
import org.jspecify.annotations.Nullable;

/**
 * A future or publisher dropped where nobody can see it finish or fail, and what that loses: a
 * publisher that is never subscribed (its work never happens), the Future of a submitted task (the
 * task's exception is kept in it, unread), a future dropped by a callback that returns void, or a
 * future chain dropped with no stage that handles failure.
 *
 * <p>Values that are returned, stored, passed on or chained on are not drops; nor are chains that
 * handle failure ({@link Chains#handlesFailure}), publishers that something subscribes to, results
 * of methods annotated {@code @CanIgnoreReturnValue}, and plain {@code
 * java.util.concurrent.Future}s other than a submitted task's (Error Prone's
 * FutureReturnValueIgnored covers those).
 */
public final class Drops {
  /** What is lost. */
  public enum Shape {
    /** A publisher created and dropped without a subscriber: its work never happens. */
    NEVER_SUBSCRIBED,
    /**
     * {@code executor.submit(task)} dropped: the task's exception is kept in a Future nobody reads.
     */
    SUBMITTED_TASK,
    /** A future dropped by a lambda or method reference that returns void: nothing waits for it. */
    IN_VOID_CALLBACK,
    /** A future chain dropped as a statement, no stage of which handles failure. */
    UNHANDLED_CHAIN
  }

  /**
   * A drop.
   *
   * @param shape what is lost
   * @param tree the call or method reference whose value is dropped
   * @param kind the dropped value's type
   * @param type the dropped value's type, as declared where it is produced
   * @param use where it is dropped
   */
  public record Drop(Shape shape, Tree tree, AsyncKind kind, Type type, Uses.Use use) {}

  /**
   * UnobservedFuture, as the other checks that could report one of its drops see it (AsyncVoid says
   * nothing where it reports).
   */
  public static final ErrorProneChecks.Check UNOBSERVED_FUTURE =
      new ErrorProneChecks.Check("UnobservedFuture", SeverityLevel.WARNING, true);

  private static final ImmutableSet<AsyncKind> CHAINS =
      ImmutableSet.of(
          AsyncKind.COMPLETABLE_FUTURE,
          AsyncKind.COMPLETION_STAGE,
          AsyncKind.LISTENABLE_FUTURE,
          AsyncKind.VERTX_FUTURE);

  private Drops() {}

  /**
   * True if {@code tree} is a call (or method reference) of a method that returns a future or
   * publisher: what {@link #of} may call a drop, asked without a path.
   */
  public static boolean yieldsAsyncValue(@Nullable Tree tree, VisitorState state) {
    return AsyncTypes.kindOf(valueType(tree), state) != null;
  }

  /**
   * The type of what a call or method reference of a method (not a constructor) yields, or null.
   */
  private static @Nullable Type valueType(@Nullable Tree tree) {
    if (!(tree instanceof MethodInvocationTree || tree instanceof MemberReferenceTree)
        || !(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)
        || method.isConstructor()) {
      return null;
    }
    return tree instanceof MethodInvocationTree ? ASTHelpers.getType(tree) : method.getReturnType();
  }

  /** The drop that the call or method reference at {@code path} is, or null. */
  public static @Nullable Drop of(TreePath path, VisitorState state) {
    Tree tree = path.getLeaf();
    Type type = valueType(tree);
    AsyncKind kind = AsyncTypes.kindOf(type, state);
    if (kind == null) {
      return null;
    }
    MethodSymbol method = (MethodSymbol) ASTHelpers.getSymbol(tree);
    Uses.Use use = Uses.of(path, state);
    if (!use.isDiscarded()
        || Annotations.canIgnoreReturnValue(method, state)
        || returnsHeldReceiver(tree, method)
        || returnsExistingValue(method, state)
        || isIdiomaticDrop(tree, method, use, state)
        || isStatusOfFailureHandOff(tree, method, type, kind, state)
        || BranchDecisions.keptOnTheOtherBranch(path, state)
        || suppressedAsFutureReturnValueIgnored(path)
        || reportedElsewhere(tree, method, kind, use, path, state)
        || StoredResults.storesWhatItReturns(method, state)) {
      return null;
    }
    ExpressionTree chain = tree instanceof MethodInvocationTree ? (ExpressionTree) tree : null;
    if (kind.isLazy()) {
      return Chains.subscription(chain, state) == null
          ? new Drop(Shape.NEVER_SUBSCRIBED, tree, kind, type, use)
          : null;
    }
    if (isSubmit(method, state)) {
      return tree instanceof MethodInvocationTree call && HandledInside.taskCatchesAll(call, state)
          ? null
          : new Drop(Shape.SUBMITTED_TASK, tree, kind, type, use);
    }
    if (!CHAINS.contains(kind)
        || Chains.handlesFailure(chain, state)
        || (tree instanceof MethodInvocationTree call
            ? HandledInside.seesItsOwnFailure(call, state)
            : HandledInside.seesItsOwnFailure(method, state))
        || (chain instanceof MethodInvocationTree call
            && SideContinuations.onObservedSource(call, path, state))) {
      return null;
    }
    return new Drop(
        use.kind() == Uses.Kind.STATEMENT ? Shape.UNHANDLED_CHAIN : Shape.IN_VOID_CALLBACK,
        tree,
        kind,
        type,
        use);
  }

  /**
   * Drops whose failure is reported somewhere the caller sees: a handler-style method registering
   * its caller's success handler on the object's own future, whose failures go to the object's
   * {@code exceptionHandler} ({@link ErrorChannels#registersCallersSuccessHandlerOnOwnFuture}); a
   * call handed a completer whose future the method then returns ({@link
   * HandedOutcomes#givenToReturnedCompleter}). Not a publisher: one that nothing subscribes to
   * never runs, so it reports nothing anywhere; nor a submitted task, whose exception stays in the
   * dropped Future whatever the task was given.
   */
  private static boolean reportedElsewhere(
      Tree tree,
      MethodSymbol method,
      AsyncKind kind,
      Uses.Use use,
      TreePath path,
      VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call)
        || kind.isLazy()
        || use.kind() != Uses.Kind.STATEMENT
        || isSubmit(method, state)) {
      return false;
    }
    return ErrorChannels.registersCallersSuccessHandlerOnOwnFuture(call, path, state)
        || HandedOutcomes.givenToReturnedCompleter(call, use.user(), path, state)
        || HandedOutcomes.givenHandedOutFuture(call, state)
        || SideContinuations.onObservedArgument(call, path, state);
  }

  /**
   * True for the status of a failure hand-off, or a chain on one: a call that is given a failure to
   * pass on (a {@code Throwable} parameter: {@code request.abort(cause)}, {@code response.fail(x)},
   * or {@code response::fail} as a failure callback) and returns a future of a {@code Boolean},
   * whether the hand-off took effect. The call is itself the error path; its future reports no work
   * of its own that could fail unseen, only whether the failure it was given was the first to
   * arrive ({@code abort(x).thenRun(() -> notifyComplete(...))} runs once it is known).
   */
  private static boolean isStatusOfFailureHandOff(
      Tree tree, MethodSymbol method, Type type, AsyncKind kind, VisitorState state) {
    if (kind.isLazy()) {
      return false;
    }
    MethodSymbol source = method;
    Type sourceType = type;
    if (tree instanceof MethodInvocationTree call) {
      // The chain's first future: the deepest stage whose value is one (not getRequest()).
      for (MethodInvocationTree stage : Chains.stages(call, state)) {
        if (AsyncTypes.kindOf(ASTHelpers.getType(stage), state) == null) {
          break;
        }
        source = ASTHelpers.getSymbol(stage);
        sourceType = ASTHelpers.getType(stage);
      }
    }
    AsyncKind sourceKind = AsyncTypes.kindOf(sourceType, state);
    Type value =
        source == null || sourceKind == null || sourceKind.isLazy()
            ? null
            : AsyncTypes.valueType(sourceType, sourceKind, state);
    if (value == null
        || value.tsym == null
        || !Symbols.qualifiedName(value.tsym, state).equals(JdkTypes.BOOLEAN)) {
      return false;
    }
    for (Symbol.VarSymbol parameter : source.getParameters()) {
      if (AsyncTypes.isSubtypeNamed(parameter.type, JdkTypes.THROWABLE, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drops that are the idiom of their library or test framework: a write to a Vert.x stream ({@code
   * response.end("ok")}, whose failure also reaches the stream's exceptionHandler); a call on a
   * Mockito {@code verify(mock)}, {@code doReturn(x).when(mock)} or BDD {@code
   * then(mock).should()}; the body of an {@code assertThrows(...)} lambda, which is there to throw.
   */
  private static boolean isIdiomaticDrop(
      Tree tree, MethodSymbol method, Uses.Use use, VisitorState state) {
    if (AsyncTypes.isOwnedBy(method, Vertx.WRITE_STREAM, state)) {
      return true;
    }
    if (use.kind() == Uses.Kind.VOID_CALLBACK
        && Matchers.isThrowingFunctionalInterface(ASTHelpers.getType(use.user()), state)) {
      return true;
    }
    if (tree instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      Symbol stub =
          receiver == null ? null : ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver));
      return stub != null
          && Mockito.STUBS.contains(Symbols.name(stub, state))
          && Symbols.qualifiedName(stub.owner, state).startsWith(Mockito.PACKAGE);
    }
    return false;
  }

  /**
   * The void method that the statement dropping {@code drop} ends (the shape of async void: its
   * last statement, or the last statement of a branch of the {@code if} it ends with, {@link
   * VoidEnds}), found from {@code state}'s path at the dropped tree; null if the drop is anywhere
   * else, or is a publisher (which starts nothing).
   */
  public static @Nullable MethodTree endOfVoidMethod(Drop drop, VisitorState state) {
    if (drop.use().kind() != Uses.Kind.STATEMENT
        || (drop.shape() != Shape.UNHANDLED_CHAIN && drop.shape() != Shape.SUBMITTED_TASK)) {
      return null;
    }
    return VoidEnds.methodEndedBy(Trees.pathOf(drop.use().user(), state.getPath()));
  }

  /**
   * True if {@code execute} on the executor {@code submit} is called on may keep a task's exception
   * in a Future as well: a {@code ScheduledExecutorService} (the JDK's {@code
   * ScheduledThreadPoolExecutor} runs every task, {@code execute}d or not, as a {@code
   * ScheduledFutureTask}, so that {@code execute} hands the failure to no handler either), judged
   * by the receiver's static type, as the code shows it.
   */
  public static boolean executeKeepsFailures(MethodInvocationTree submit, VisitorState state) {
    Type receiver = ASTHelpers.getReceiverType(submit);
    return receiver != null
        && AsyncTypes.isSubtypeNamed(receiver, Jdk.SCHEDULED_EXECUTOR_SERVICE, state);
  }

  /** {@code ExecutorService.submit}, Guava's included; not {@code CompletionService.submit}. */
  public static boolean isSubmit(MethodSymbol method, VisitorState state) {
    return !method.isStatic()
        && Symbols.name(method, state).equals("submit")
        && AsyncTypes.isOwnedBy(method, Jdk.EXECUTOR_SERVICE, state);
  }

  /**
   * True for a method whose declared result is a type variable ({@code V Map.put(K, V)}, {@code T
   * Objects.requireNonNull(T)}, {@code E Queue.poll()}), or that implements or overrides one (a map
   * view's {@code CompletableFuture<V> put(K, CompletableFuture<V>)} that implements {@code
   * Map.put}, its {@code computeIfPresent}): it hands back a value that exists elsewhere (a
   * previous map value, the value now in the map, its own argument, a queued element), so dropping
   * it starts nothing and loses nothing, even when that value is a future. Not a functional
   * interface's method ({@code Supplier.get()}, {@code Callable.call()}), whose result is made by
   * the call.
   */
  private static boolean returnsExistingValue(MethodSymbol method, VisitorState state) {
    if (returnsTypeVariable(method, state)) {
      return true;
    }
    if (method.isStatic() || method.isPrivate()) {
      return false; // overrides nothing
    }
    for (MethodSymbol superMethod : Symbols.superMethods(method, state)) {
      if (returnsTypeVariable(superMethod, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean returnsTypeVariable(MethodSymbol method, VisitorState state) {
    return method.getReturnType().hasTag(TypeTag.TYPEVAR)
        && !state.getTypes().isFunctionalInterface(method.owner.type);
  }

  /**
   * True for a value dropped inside a declaration annotated
   * {@code @SuppressWarnings("FutureReturnValueIgnored")}: its author has decided in writing that
   * values dropped there are dropped on purpose, as with a variable named {@code unused}.
   * UnobservedFuture is the richer form of that check, so the suppression counts for every value it
   * would report as dropped there, a publisher too (reactor-netty writes it over fluent calls on
   * its connections). Not the name as an alias of UnobservedFuture ({@code altNames}): that would
   * make {@code -Xep:FutureReturnValueIgnored:OFF}, the flag that hands those findings to
   * asyncprone, turn UnobservedFuture off as well.
   */
  private static boolean suppressedAsFutureReturnValueIgnored(TreePath path) {
    return ErrorProneChecks.isSuppressedAt(ErrorProne.FUTURE_RETURN_VALUE_IGNORED.name(), path);
  }

  private static boolean returnsHeldReceiver(Tree tree, MethodSymbol method) {
    if (!(tree instanceof MethodInvocationTree)
        || !Libraries.returnsItsReceiver(method.getSimpleName().toString())) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver((ExpressionTree) tree);
    return receiver != null
        && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver)) instanceof Symbol.VarSymbol;
  }
}
