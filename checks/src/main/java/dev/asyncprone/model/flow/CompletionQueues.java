package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library.CompletionListener;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.Iterator;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Futures taken from where only completed futures are put, so an await on one returns at once: a
 * {@code CompletionService} ({@code take()}, {@code poll()}: done by that interface's contract),
 * and a hand-made one, a queue that only completion callbacks fill: {@code future.addListener(() ->
 * queue.add(future), directExecutor())}, as in Guava's {@code MoreExecutors.invokeAnyImpl}. A queue
 * filled when the work is submitted, to keep the results in order, holds futures that may still
 * run, and is not one.
 */
public final class CompletionQueues {
  /** How many methods deep a queue is followed when it is passed on. */
  private static final int DEPTH = 3;

  private static final PerCompilationCache<Symbol, Boolean> FILLED_ON_COMPLETION =
      new PerCompilationCache<>();

  private CompletionQueues() {}

  /**
   * True if {@code expression} takes a completed future: {@code take()} or {@code poll()} of a
   * CompletionService, or {@code take()}, {@code poll()}, {@code poll(timeout, unit)} or {@code
   * remove()} of a local queue (or a private field) created in place ({@code new ...} or a {@code
   * new...} factory) and filled only by completion callbacks ({@link #isFilledOnCompletion}).
   */
  public static boolean isTakeOfDone(@Nullable ExpressionTree expression, VisitorState state) {
    ExpressionTree e = expression == null ? null : ASTHelpers.stripParentheses(expression);
    if (!(e instanceof MethodInvocationTree)) {
      return false;
    }
    MethodSymbol m = ASTHelpers.getSymbol((MethodInvocationTree) e);
    if (m == null || m.isStatic()) {
      return false;
    }
    String name = Symbols.name(m, state);
    int arity = m.getParameters().size();
    boolean take =
        (name.equals("take") && arity == 0)
            || (name.equals("poll") && (arity == 0 || arity == 2))
            || (name.equals("remove") && arity == 0);
    if (!take) {
      return false;
    }
    if (AsyncTypes.isOwnedBy(m, Jdk.COMPLETION_SERVICE, state)) {
      return !name.equals("remove");
    }
    if (!AsyncTypes.isOwnedBy(m, JdkTypes.QUEUE, state)) {
      return false;
    }
    ExpressionTree receiver = Trees.receiver(e);
    Symbol queue = receiver == null ? null : ASTHelpers.getSymbol(receiver);
    return queue instanceof VarSymbol
        && (queue.getKind() == ElementKind.LOCAL_VARIABLE
            || (queue.getKind() == ElementKind.FIELD && (queue.flags() & Flags.PRIVATE) != 0))
        && FILLED_ON_COMPLETION.get(
            queue, state, q -> isFilledOnCompletion((VarSymbol) q, 0, state));
  }

  /**
   * True if nothing but completed futures is ever put in {@code queue}: a local or private field
   * created in place, or (for {@code depth} above 0) a parameter, whose every use in the code that
   * can see it takes from it, reads it, adds to it inside a completion callback of the very future
   * it adds ({@code future.addListener(() -> queue.add(future), executor)}, {@code whenComplete},
   * {@code handle}, Vert.x {@code onComplete}, Guava {@code Futures.addCallback(future, ...)}), or
   * passes it to a method compiled from source, that no subclass overrides, whose parameter is such
   * a queue in turn (followed {@link #DEPTH} methods deep).
   */
  private static boolean isFilledOnCompletion(VarSymbol queue, int depth, VisitorState state) {
    ElementKind kind = queue.getKind();
    Tree scope;
    if (kind == ElementKind.LOCAL_VARIABLE || (kind == ElementKind.PARAMETER && depth > 0)) {
      scope = Trees.sourceTree(queue.owner, state);
      if (!(scope instanceof MethodTree)) {
        return false;
      }
    } else if (kind == ElementKind.FIELD) {
      Symbol.ClassSymbol outermost = ASTHelpers.outermostClass(queue);
      scope = outermost == null ? null : Trees.sourceTree(outermost, state);
      if (!(scope instanceof ClassTree)) {
        return false;
      }
    } else {
      return false;
    }
    return Variables.everyUse(
        queue,
        Trees.detachedPath(scope, state),
        kind == ElementKind.PARAMETER ? null : initializer -> isCreatedInPlace(initializer, state),
        use -> fillsOnlyOnCompletion(use, queue, depth, state));
  }

  /**
   * {@code new LinkedBlockingQueue<>()}, {@code new ArrayBlockingQueue<>(n)}, {@code
   * Queues.newLinkedBlockingQueue()}.
   */
  private static boolean isCreatedInPlace(
      @Nullable ExpressionTree initializer, VisitorState state) {
    ExpressionTree e = initializer == null ? null : ASTHelpers.stripParentheses(initializer);
    if (e instanceof NewClassTree) {
      return ((NewClassTree) e).getClassBody() == null
          && primitiveOnly(((NewClassTree) e).getArguments());
    }
    if (e instanceof MethodInvocationTree) {
      MethodSymbol m = ASTHelpers.getSymbol((MethodInvocationTree) e);
      return m != null
          && m.isStatic()
          && Symbols.name(m, state).startsWith("new")
          && primitiveOnly(((MethodInvocationTree) e).getArguments());
    }
    return false;
  }

  private static boolean primitiveOnly(List<? extends ExpressionTree> arguments) {
    for (ExpressionTree argument : arguments) {
      Type type = ASTHelpers.getType(argument);
      if (type == null || !type.isPrimitive()) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if the use of {@code queue} at {@code path} (its name, or {@code this.queue}) puts nothing
   * in it but completed futures.
   */
  private static boolean fillsOnlyOnCompletion(
      TreePath path, VarSymbol queue, int depth, VisitorState state) {
    Tree reference = path.getLeaf();
    TreePath parentPath = path.getParentPath();
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree
        && ((MemberSelectTree) parent).getExpression() == reference
        && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree) {
      MethodInvocationTree call = (MethodInvocationTree) parentPath.getParentPath().getLeaf();
      if (call.getMethodSelect() != parent) {
        return false;
      }
      MethodSymbol m = ASTHelpers.getSymbol(call);
      String name = m == null ? "" : Symbols.name(m, state);
      if (JdkTypes.QUEUE_READS.contains(name)) {
        return true;
      }
      return (name.equals("add") || name.equals("offer") || name.equals("put"))
          && call.getArguments().size() == 1
          && isInCompletionCallbackOf(
              call.getArguments().get(0), parentPath.getParentPath(), state);
    }
    if (parent instanceof MethodInvocationTree && Trees.isArgument(reference, parent)) {
      return depth + 1 < DEPTH
          && isPassedToFiller((MethodInvocationTree) parent, reference, depth, state);
    }
    return false; // assigned, returned, stored, handed to a constructor: others may fill it
  }

  /**
   * True if {@code call}, a method compiled from source that no subclass overrides, takes {@code
   * argument} as a parameter that only completion callbacks fill.
   */
  private static boolean isPassedToFiller(
      MethodInvocationTree call, Tree argument, int depth, VisitorState state) {
    MethodSymbol m = ASTHelpers.getSymbol(call);
    if (m == null || m.isVarArgs() || !Symbols.cannotBeOverridden(m)) {
      return false;
    }
    Tree declaration = Trees.sourceTree(m, state);
    if (!(declaration instanceof MethodTree)) {
      return false;
    }
    Iterator<? extends VariableTree> parameters =
        ((MethodTree) declaration).getParameters().iterator();
    for (ExpressionTree a : call.getArguments()) {
      if (!parameters.hasNext()) {
        return false;
      }
      VariableTree parameter = parameters.next();
      if (a == argument || ASTHelpers.stripParentheses(a) == argument) {
        VarSymbol symbol = ASTHelpers.getSymbol(parameter);
        if (symbol == null) {
          return false;
        }
        Boolean kept = FILLED_ON_COMPLETION.peek(symbol, state);
        return kept != null ? kept : isFilledOnCompletion(symbol, depth + 1, state);
      }
    }
    return false;
  }

  /**
   * True if {@code element}, a local future, is added by the call at {@code addPath} inside a
   * callback that runs once that very future completes: a lambda or anonymous class passed to
   * {@code element.addListener(...)}, {@code whenComplete}, {@code handle}, Vert.x {@code
   * onComplete}, or Guava's {@code Futures.addCallback(element, ...)}.
   */
  private static boolean isInCompletionCallbackOf(
      ExpressionTree element, TreePath addPath, VisitorState state) {
    ExpressionTree added = ASTHelpers.stripParentheses(element);
    Symbol future = ASTHelpers.getSymbol(added);
    if (!(added instanceof IdentifierTree) || !Variables.isLocal(future)) {
      return false; // a local captured by a callback is effectively final: the same future
    }
    TreePath registration = null;
    for (TreePath p = addPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        registration = Trees.callTakingAsArgument(p);
        break;
      }
      if (leaf instanceof ClassTree) {
        TreePath creation = p.getParentPath();
        registration =
            creation != null && creation.getLeaf() instanceof NewClassTree
                ? Trees.callTakingAsArgument(creation)
                : null;
        break;
      }
    }
    if (registration == null || !(registration.getLeaf() instanceof MethodInvocationTree)) {
      return false;
    }
    MethodInvocationTree call = (MethodInvocationTree) registration.getLeaf();
    MethodSymbol m = ASTHelpers.getSymbol(call);
    if (m == null) {
      return false;
    }
    CompletionListener listener = Libraries.completionListener(m, state);
    ExpressionTree watched;
    if (listener == null) {
      watched = null;
    } else if (listener.futureIsFirstArgument()) {
      watched = call.getArguments().isEmpty() ? null : call.getArguments().get(0);
    } else {
      watched = Trees.receiver(call);
    }
    return watched != null
        && ASTHelpers.stripParentheses(watched) instanceof IdentifierTree
        && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(watched)) == future
        && isEager(AsyncTypes.kindOf(watched, state));
  }

  /** A future, not a publisher: Reactor's {@code handle} is an operator, not a callback. */
  private static boolean isEager(@Nullable AsyncKind kind) {
    return kind != null && !kind.isLazy();
  }
}
