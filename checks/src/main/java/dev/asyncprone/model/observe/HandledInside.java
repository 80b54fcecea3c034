package dev.asyncprone.model.observe;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Work that handles its own failure inside, so that the future a caller drops carries nothing
 * unseen: a method whose every returned future has had its failure seen before it is returned (the
 * last stage of a chain that handles failure, a completed value, a failed one whose exception the
 * method reported first, the object's own future); a submitted task whose work is wrapped in a
 * catch of everything. Read from the source of the compilation; a method read from a class file is
 * never one. Answered once per method and compilation.
 */
public final class HandledInside {
  /** Exceptions whose catch clause catches whatever a task throws. */
  private static final ImmutableSet<String> CATCH_ALL =
      ImmutableSet.of(JdkTypes.THROWABLE, JdkTypes.EXCEPTION, JdkTypes.RUNTIME_EXCEPTION);

  /** How many methods deep a returned call is followed. */
  private static final int DEPTH = 2;

  private static final PerCompilationCache<MethodSymbol, Boolean> HANDLED =
      new PerCompilationCache<>();

  private HandledInside() {}

  /**
   * True if every {@code return} of {@code method} (in source) returns a future whose failure is
   * seen inside: a chain that handles failure ({@code return send(m).whenComplete((v, e) -> { if (e
   * != null) log(e); });}), an already completed value ({@code completedFuture(null)}), a failed
   * value ({@code failedFuture(e)}) whose exception the method passed to a call before ({@code
   * LOG.debug("...", e)}), a field (the object's own future), or the result of another method of
   * the compilation of which all this holds (two methods deep).
   */
  public static boolean seesItsOwnFailure(MethodSymbol method, VisitorState state) {
    if (method.isConstructor()) {
      return false;
    }
    return HANDLED.get(method, state, m -> returnsOnlyHandled(m, state, DEPTH, Map.of()));
  }

  /**
   * {@link #seesItsOwnFailure(MethodSymbol, VisitorState)} of the method {@code call} calls, where
   * a return that calls one of its functional parameters ({@code return ackFunction.apply(id);})
   * returns what the function {@code call} passes there returns: {@code addAck(id,
   * this::queueAck)}, where {@code queueAck} returns only {@code completedFuture(null)}.
   */
  public static boolean seesItsOwnFailure(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || method.isConstructor()) {
      return false;
    }
    if (seesItsOwnFailure(method, state)) {
      return true;
    }
    Map<Symbol, ExpressionTree> functions = new HashMap<>();
    Iterator<Symbol.VarSymbol> parameters = method.getParameters().iterator();
    Iterator<? extends ExpressionTree> arguments = call.getArguments().iterator();
    while (parameters.hasNext() && arguments.hasNext()) {
      Symbol.VarSymbol parameter = parameters.next();
      ExpressionTree argument = ASTHelpers.stripParentheses(arguments.next());
      if (Trees.isFunctional(argument)) {
        functions.put(parameter, argument);
      }
    }
    return !functions.isEmpty() && returnsOnlyHandled(method, state, DEPTH, functions);
  }

  private static boolean returnsOnlyHandled(
      MethodSymbol method, VisitorState state, int depth, Map<Symbol, ExpressionTree> functions) {
    BlockTree body = Trees.sourceBody(method, state);
    Tree declaration = body == null ? null : Trees.sourceTree(method, state);
    if (!(declaration instanceof MethodTree)) {
      return false;
    }
    List<TreePath> returns =
        Lambdas.ownReturnPaths(
            new TreePath(
                Trees.detachedPath(declaration, state), ((MethodTree) declaration).getBody()));
    if (returns.isEmpty()) {
      return false;
    }
    for (TreePath path : returns) {
      ExpressionTree returned = ((ReturnTree) path.getLeaf()).getExpression();
      if (returned == null
          || !handled(ASTHelpers.stripParentheses(returned), path, state, depth, functions)) {
        return false;
      }
    }
    return true;
  }

  private static boolean handled(
      ExpressionTree e,
      TreePath at,
      VisitorState state,
      int depth,
      Map<Symbol, ExpressionTree> functions) {
    if (e.getKind() == Tree.Kind.NULL_LITERAL) {
      return false;
    }
    if (Trees.isThis(e)
        || ((e instanceof IdentifierTree || e instanceof MemberSelectTree)
            && ASTHelpers.getSymbol(e) != null
            && ASTHelpers.getSymbol(e).getKind() == ElementKind.FIELD)) {
      return true; // the object's own future, handed to everyone who asks
    }
    if (!(e instanceof MethodInvocationTree call)) {
      return false;
    }
    MethodSymbol callee = ASTHelpers.getSymbol(call);
    if (callee == null) {
      return false;
    }
    if (Chains.handlesFailure(call, state)) {
      return true;
    }
    if (isKnownValue(callee, state)) {
      for (ExpressionTree argument : call.getArguments()) {
        if (AsyncTypes.isSubtypeNamed(ASTHelpers.getType(argument), JdkTypes.THROWABLE, state)) {
          return reportedBefore(argument, at, call);
        }
      }
      return true;
    }
    ExpressionTree function =
        Trees.receiver(call) instanceof IdentifierTree receiver
            ? functions.get(ASTHelpers.getSymbol(receiver))
            : null;
    if (function != null) {
      return functionHandled(function, state, depth);
    }
    return depth > 0 && returnsOnlyHandled(callee, state, depth - 1, Map.of());
  }

  /**
   * A function passed for a parameter: a method reference, or a lambda, whose result is handled.
   */
  private static boolean functionHandled(ExpressionTree function, VisitorState state, int depth) {
    if (function instanceof MemberReferenceTree reference) {
      MethodSymbol method = ASTHelpers.getSymbol(reference);
      return method != null && depth > 0 && returnsOnlyHandled(method, state, depth - 1, Map.of());
    }
    if (function instanceof LambdaExpressionTree lambda
        && lambda.getBody() instanceof MethodInvocationTree only) {
      MethodSymbol method = ASTHelpers.getSymbol(only);
      return method != null && depth > 0 && returnsOnlyHandled(method, state, depth - 1, Map.of());
    }
    return false;
  }

  /**
   * {@code completedFuture(x)}, {@code failedFuture(e)}, {@code Mono.just(x)}, and a project's own
   * static helper of the same name that returns a future ({@code
   * CompletableFutures.failedFuture(e)}): a value already there.
   */
  private static boolean isKnownValue(MethodSymbol method, VisitorState state) {
    return method.isStatic()
        && Libraries.isCompletedFactoryName(Symbols.name(method, state))
        && AsyncTypes.kindOf(method.getReturnType(), state) != null;
  }

  /**
   * True if the exception {@code failure}, a local or parameter, is passed to a call (other than
   * {@code failed}) in a statement before the return at {@code at}, in a block around it: {@code
   * LOG.debug("Unexpected error", e); return failedFuture(e);}.
   */
  private static boolean reportedBefore(ExpressionTree failure, TreePath at, Tree failed) {
    Symbol exception = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(failure));
    if (exception == null
        || !(exception.getKind() == ElementKind.LOCAL_VARIABLE
            || exception.getKind() == ElementKind.PARAMETER
            || exception.getKind() == ElementKind.EXCEPTION_PARAMETER)) {
      return false;
    }
    Tree child = at.getLeaf();
    for (TreePath p = at.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return false;
      }
      if (!(p.getLeaf() instanceof BlockTree block)) {
        continue;
      }
      for (StatementTree before : block.getStatements()) {
        if (before == child) {
          break;
        }
        if (passes(before, exception, failed)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean passes(Tree tree, Symbol exception, Tree except) {
    return Trees.anyCallRunningNow(
        tree,
        call -> {
          if (call == except) {
            return false;
          }
          for (ExpressionTree argument : call.getArguments()) {
            if (ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument)) == exception) {
              return true;
            }
          }
          return false;
        });
  }

  /**
   * True if the task handed to {@code submit} handles whatever it throws: its code (a lambda's
   * body; the method a method reference names; the {@code run()} or {@code call()} of the object
   * passed, in source) wraps its work in a catch of everything ({@link #wrapsItsWork}).
   */
  public static boolean taskCatchesAll(MethodInvocationTree submit, VisitorState state) {
    if (submit.getArguments().isEmpty()) {
      return false;
    }
    ExpressionTree task = ASTHelpers.stripParentheses(submit.getArguments().get(0));
    if (task instanceof LambdaExpressionTree lambda) {
      if (lambda.getBody() instanceof BlockTree block) {
        return wrapsItsWork(block, state, DEPTH);
      }
      return lambda.getBody() instanceof MethodInvocationTree only
          && wrapsItsWork(ASTHelpers.getSymbol(only), state, DEPTH);
    }
    if (task instanceof MemberReferenceTree reference) {
      return wrapsItsWork(ASTHelpers.getSymbol(reference), state, DEPTH);
    }
    Type type = ASTHelpers.getType(task);
    if (type == null || type.tsym == null) {
      return false;
    }
    for (Symbol member : type.tsym.members().getSymbols()) {
      if (member instanceof MethodSymbol method
          && !method.isStatic()
          && method.getParameters().isEmpty()
          && (method.getSimpleName().contentEquals("run")
              || method.getSimpleName().contentEquals("call"))) {
        return wrapsItsWork(method, state, DEPTH);
      }
    }
    return false;
  }

  private static boolean wrapsItsWork(
      @Nullable MethodSymbol method, VisitorState state, int depth) {
    BlockTree body = method == null ? null : Trees.sourceBody(method, state);
    return body != null && wrapsItsWork(body, state, depth);
  }

  /**
   * True if {@code block} wraps its work in a catch of Throwable, Exception or RuntimeException: it
   * has such a {@code try}, or calls a method of the compilation that does (two methods deep), and
   * nothing outside those {@code try}s throws a checked exception. What stays outside (guards,
   * flags, logging) can fail only by a bug in it, not as the work fails.
   */
  private static boolean wrapsItsWork(BlockTree block, VisitorState state, int depth) {
    boolean wrapped = false;
    for (StatementTree statement : block.getStatements()) {
      if (statement instanceof TryTree attempt && catchesEverything(attempt)) {
        wrapped = true;
        continue;
      }
      if (depth > 0
          && statement instanceof ExpressionStatementTree only
          && only.getExpression() instanceof MethodInvocationTree call
          && wrapsItsWork(ASTHelpers.getSymbol(call), state, depth - 1)) {
        // A call of a method that wraps its work: what it declares to throw, it catches.
        wrapped = true;
        continue;
      }
      if (ASTHelpers.getThrownExceptions(statement, state).stream()
          .anyMatch(t -> ASTHelpers.isCheckedExceptionType(t, state))) {
        return false;
      }
      wrapped |= depth > 0 && callsOneThatWraps(statement, state, depth - 1);
    }
    return wrapped;
  }

  private static boolean callsOneThatWraps(Tree statement, VisitorState state, int depth) {
    return Trees.anyCallRunningNow(
        statement, call -> wrapsItsWork(ASTHelpers.getSymbol(call), state, depth));
  }

  private static boolean catchesEverything(TryTree tryTree) {
    for (CatchTree handler : tryTree.getCatches()) {
      Type caught = ASTHelpers.getType(handler.getParameter());
      String name = caught == null ? "" : caught.tsym.getQualifiedName().toString();
      if (CATCH_ALL.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
