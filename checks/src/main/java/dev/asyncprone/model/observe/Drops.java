package dev.asyncprone.model.observe;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Mockito;
import dev.asyncprone.model.api.libraries.Vertx;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Uses;
import java.util.Arrays;
import java.util.List;
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

  /** Exceptions whose catch clause catches whatever a task throws. */
  private static final ImmutableSet<String> CATCH_ALL =
      ImmutableSet.of(JdkTypes.THROWABLE, JdkTypes.EXCEPTION, JdkTypes.RUNTIME_EXCEPTION);

  private static final ImmutableSet<AsyncKind> CHAINS =
      ImmutableSet.of(
          AsyncKind.COMPLETABLE_FUTURE,
          AsyncKind.COMPLETION_STAGE,
          AsyncKind.LISTENABLE_FUTURE,
          AsyncKind.VERTX_FUTURE);

  private Drops() {}

  /** The drop that the call or method reference at {@code path} is, or null. */
  public static @Nullable Drop of(TreePath path, VisitorState state) {
    Tree tree = path.getLeaf();
    if (!(tree instanceof MethodInvocationTree || tree instanceof MemberReferenceTree)) {
      return null;
    }
    if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method) || method.isConstructor()) {
      return null;
    }
    Type type =
        tree instanceof MethodInvocationTree ? ASTHelpers.getType(tree) : method.getReturnType();
    AsyncKind kind = AsyncTypes.kindOf(type, state);
    if (kind == null) {
      return null;
    }
    Uses.Use use = Uses.of(path, state);
    if (!use.isDiscarded()
        || Annotations.canIgnoreReturnValue(method, state)
        || returnsHeldReceiver(tree, method)
        || returnsExistingValue(method, state)
        || isIdiomaticDrop(tree, method, use, state)
        || suppressedAsFutureReturnValueIgnored(path, type, kind, state)
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
      return taskCatchesAll(tree) ? null : new Drop(Shape.SUBMITTED_TASK, tree, kind, type, use);
    }
    if (!CHAINS.contains(kind) || Chains.handlesFailure(chain, state)) {
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
        || HandedOutcomes.givenToReturnedCompleter(call, use.user(), path, state);
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
   * The void method whose body ends with the statement that drops {@code drop} (the shape of async
   * void), found from {@code state}'s path at the dropped tree; null if the drop is anywhere else,
   * or is a publisher (which starts nothing).
   */
  public static @Nullable MethodTree endOfVoidMethod(Drop drop, VisitorState state) {
    if (drop.use().kind() != Uses.Kind.STATEMENT
        || (drop.shape() != Shape.UNHANDLED_CHAIN && drop.shape() != Shape.SUBMITTED_TASK)) {
      return null;
    }
    TreePath statement = Trees.pathOf(drop.use().user(), state.getPath());
    TreePath block = statement == null ? null : statement.getParentPath();
    TreePath method = block == null ? null : block.getParentPath();
    if (method == null
        || !(method.getLeaf() instanceof MethodTree methodTree)
        || !(block.getLeaf() instanceof BlockTree body)) {
      return null;
    }
    List<? extends StatementTree> statements = body.getStatements();
    MethodSymbol symbol = ASTHelpers.getSymbol(methodTree);
    return statements.get(statements.size() - 1) == drop.use().user()
            && symbol != null
            && !symbol.isConstructor()
            && symbol.getReturnType().hasTag(TypeTag.VOID)
        ? methodTree
        : null;
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
    for (MethodSymbol superMethod : ASTHelpers.findSuperMethods(method, state.getTypes())) {
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
   * True for a {@code java.util.concurrent.Future} (the values Error Prone's
   * FutureReturnValueIgnored reports) dropped inside a declaration annotated
   * {@code @SuppressWarnings("FutureReturnValueIgnored")}: its author has decided in writing that
   * futures dropped there are not to be read, as with a variable named {@code unused}. Not a
   * publisher or a Vert.x future, which FutureReturnValueIgnored does not see, so that suppressing
   * it says nothing about them.
   */
  private static boolean suppressedAsFutureReturnValueIgnored(
      TreePath path, Type type, AsyncKind kind, VisitorState state) {
    if (kind.isLazy() || !AsyncTypes.isSubtypeNamed(type, Jdk.FUTURE, state)) {
      return false;
    }
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree || leaf instanceof VariableTree) {
        Symbol declared = ASTHelpers.getSymbol(leaf);
        SuppressWarnings suppressed =
            declared == null ? null : declared.getAnnotation(SuppressWarnings.class);
        if (suppressed != null
            && Arrays.asList(suppressed.value()).contains("FutureReturnValueIgnored")) {
          return true;
        }
      }
    }
    return false;
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

  /**
   * True if the task passed to {@code submit} is a lambda whose whole body is a try that catches
   * Throwable, Exception or RuntimeException: its failures are handled inside it.
   */
  private static boolean taskCatchesAll(Tree submit) {
    if (!(submit instanceof MethodInvocationTree call) || call.getArguments().isEmpty()) {
      return false;
    }
    if (!(ASTHelpers.stripParentheses(call.getArguments().get(0))
            instanceof LambdaExpressionTree task)
        || !(task.getBody() instanceof BlockTree body)
        || body.getStatements().size() != 1
        || !(body.getStatements().get(0) instanceof TryTree whole)) {
      return false;
    }
    for (CatchTree handler : whole.getCatches()) {
      Type caught = ASTHelpers.getType(handler.getParameter());
      String name = caught == null ? "" : caught.tsym.getQualifiedName().toString();
      if (CATCH_ALL.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
