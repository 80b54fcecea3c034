package dev.asyncprone.model.observe;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Uses;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.Iterator;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * A continuation that only consumes the value of a future someone else observes: {@code
 * connectionFuture.thenAccept(c -> c.setAutoFlush(flag)); return connectionFuture;}. Dropping it
 * loses no failure of the work: the source's failure reaches whoever holds the source (the method's
 * caller, the array the method combines, every caller of the getter that hands out the field), and
 * the dropped stage fails only with that same failure, or with what its callback throws. Also a
 * continuation on a signal future that cannot fail: a private field completed only normally by its
 * own class ({@code firstRequest.complete(null)}), never failed, cancelled or handed out.
 *
 * <p>Only a single stage directly on a variable, whose callbacks return nothing ({@code
 * thenAccept}, {@code thenRun}, Vert.x {@code onSuccess}): a stage that makes a value or composes
 * starts a chain of its own.
 */
public final class SideContinuations {
  /** The calls that fail a completer or replace its outcome. */
  private static final ImmutableSet<String> FAILERS =
      ImmutableSet.of(
          "completeExceptionally",
          "cancel",
          "obtrudeException",
          "obtrudeValue",
          "fail",
          "tryFail",
          "setException",
          "setFuture",
          "completeAsync",
          "orTimeout");

  private static final PerCompilationCache<Symbol, Boolean> HANDED_OUT =
      new PerCompilationCache<>();
  private static final PerCompilationCache<Symbol, Boolean> NEVER_FAILS =
      new PerCompilationCache<>();

  private SideContinuations() {}

  /**
   * True if {@code call}, at {@code path}, is handed a future that is observed elsewhere and
   * returns a future of the very same type, so that what it returns is, or stands for, that future
   * ({@code addTimeoutHandling(combinedFuture, ...)}, then {@code combinedFuture.handle(...)}): a
   * helper that works on the future it is given. The future is a local or parameter that the method
   * also returns, passes on, stores or handles, or a field the object hands out.
   */
  public static boolean onObservedArgument(
      MethodInvocationTree call, TreePath path, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    Type returned = state.getTypes().erasure(method.getReturnType());
    if (AsyncTypes.kindOf(returned, state) == null) {
      return false;
    }
    // javac's lists are linked: walk them side by side, never index them.
    Iterator<Symbol.VarSymbol> parameters = method.getParameters().iterator();
    Iterator<? extends ExpressionTree> arguments = call.getArguments().iterator();
    while (parameters.hasNext() && arguments.hasNext()) {
      Symbol.VarSymbol parameter = parameters.next();
      ExpressionTree argument = ASTHelpers.stripParentheses(arguments.next());
      if (!state.getTypes().isSameType(state.getTypes().erasure(parameter.type), returned)) {
        continue;
      }
      Symbol given =
          argument instanceof IdentifierTree || argument instanceof MemberSelectTree
              ? ASTHelpers.getSymbol(argument)
              : null;
      if (given == null) {
        continue;
      }
      if (given.getKind() == ElementKind.FIELD && handedOut(given, state)) {
        return true;
      }
      TreePath method1 = Trees.enclosingMethodPath(path);
      if ((given.getKind() == ElementKind.LOCAL_VARIABLE
              || given.getKind() == ElementKind.PARAMETER)
          && method1 != null
          && observedElsewhere(given, argument, method1, state)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code call}, at {@code path}, is such a side continuation. */
  public static boolean onObservedSource(
      MethodInvocationTree call, TreePath path, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.stripParentheses(Trees.receiver(call));
    if (method == null
        || method.isStatic()
        || !(receiver instanceof IdentifierTree || receiver instanceof MemberSelectTree)
        || !onlyConsumes(call, state)) {
      return false;
    }
    AsyncKind kind = AsyncTypes.kindOf(ASTHelpers.getType(receiver), state);
    Symbol source = ASTHelpers.getSymbol(receiver);
    if (kind == null || kind.isLazy() || source == null) {
      return false;
    }
    if (source.getKind() == ElementKind.FIELD) {
      return handedOut(source, state) || neverFails(source, state);
    }
    if (source.getKind() != ElementKind.LOCAL_VARIABLE
        && source.getKind() != ElementKind.PARAMETER) {
      return false;
    }
    TreePath method1 = Trees.enclosingMethodPath(path);
    return method1 != null
        && (observedElsewhere(source, Trees.receiver(call), method1, state)
            || elementOfHandedOutField(source, method1, state));
  }

  /**
   * At least one functional argument (a lambda, a method reference, or a variable of a functional
   * interface, {@code thenAccept(action)}), and each returns void: the stage only consumes.
   */
  private static boolean onlyConsumes(MethodInvocationTree call, VisitorState state) {
    boolean any = false;
    for (ExpressionTree argument : call.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      if (Trees.isFunctional(argument)
          || (type != null && state.getTypes().isFunctionalInterface(type))) {
        Type returned = Uses.descriptorReturnType(argument, state);
        if (returned == null || !returned.hasTag(com.sun.tools.javac.code.TypeTag.VOID)) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * True if the local or parameter {@code source} is, elsewhere in the method, returned, passed to
   * a call or constructor, stored into a field or an array, or ends a chain that handles failure or
   * is itself returned, passed or stored.
   */
  private static boolean observedElsewhere(
      Symbol source, @Nullable ExpressionTree own, TreePath method, VisitorState state) {
    boolean[] observed = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (!observed[0]
            && node != ASTHelpers.stripParentheses(own)
            && ASTHelpers.getSymbol(node) == source) {
          observed[0] = observes(getCurrentPath(), state);
        }
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(method, null);
    return observed[0];
  }

  private static boolean observes(TreePath use, VisitorState state) {
    TreePath p = use;
    Uses.Use how = Uses.of(p, state);
    // Walk up a chain on the value to its end: future.thenApply(...).whenComplete(...).
    while (how.kind() == Uses.Kind.CHAINED) {
      MethodInvocationTree next = how.chainedCall();
      if (Chains.isFailureHandler(next, state)) {
        return true;
      }
      if (!AsyncTypes.isFutureLike(ASTHelpers.getType(next), state)) {
        return false;
      }
      p = Trees.pathOf(next, p);
      if (p == null) {
        return false;
      }
      how = Uses.of(p, state);
    }
    switch (how.kind()) {
      case RETURNED:
      case PASSED:
        return true;
      case STORED:
        return how.user() instanceof AssignmentTree assignment
            && !(ASTHelpers.getSymbol(assignment.getVariable()) != null
                && ASTHelpers.getSymbol(assignment.getVariable()).getKind()
                    == ElementKind.LOCAL_VARIABLE);
      default:
        return false;
    }
  }

  /**
   * True for a lambda parameter or loop variable that takes each element of a field's collection
   * ({@code pool.values().forEach(future -> ...)}, {@code for (F f : pending.values())}) whose
   * elements the object hands out ({@link #handedOut}).
   */
  private static boolean elementOfHandedOutField(
      Symbol element, TreePath method, VisitorState state) {
    ExpressionTree[] collection = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (ASTHelpers.getSymbol(node) == element) {
          Tree parent = getCurrentPath().getParentPath().getLeaf();
          if (parent instanceof LambdaExpressionTree) {
            TreePath call = Trees.callTakingAsArgument(getCurrentPath().getParentPath());
            if (call != null && call.getLeaf() instanceof MethodInvocationTree each) {
              collection[0] = Trees.receiver(each);
            }
          } else if (parent instanceof EnhancedForLoopTree loop) {
            collection[0] = loop.getExpression();
          }
        }
        return super.visitVariable(node, unused);
      }
    }.scan(method, null);
    if (collection[0] == null) {
      return false;
    }
    for (Symbol root : Trees.rootSymbols(collection[0], state)) {
      if (root.getKind() == ElementKind.FIELD && handedOut(root, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if a method of the field's class returns it, or what a call on it returns ({@code return
   * closeFuture;}, {@code return pool.computeIfAbsent(key, this::connect);}): the object hands it
   * out, and whoever asked observes it.
   */
  static boolean handedOut(Symbol field, VisitorState state) {
    return HANDED_OUT.get(
        field,
        state,
        f -> {
          TreePath owner = classOf(f, state);
          if (owner == null) {
            return false;
          }
          boolean[] found = {false};
          new TreePathScanner<Void, Void>() {
            @Override
            public Void visitReturn(ReturnTree node, Void unused) {
              ExpressionTree e = node.getExpression();
              if (e != null && Trees.rootSymbols(e, state).contains(f)) {
                found[0] = true;
              }
              return super.visitReturn(node, unused);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
              // readLock.map(__ -> currentAckFuture): the lambda hands it to what returns it.
              Type returns = Uses.descriptorReturnType(node, state);
              if (node.getBody() instanceof ExpressionTree e
                  && returns != null
                  && !returns.hasTag(com.sun.tools.javac.code.TypeTag.VOID)
                  && Trees.rootSymbols(e, state).contains(f)) {
                found[0] = true;
              }
              return super.visitLambdaExpression(node, unused);
            }
          }.scan(owner, null);
          return found[0];
        });
  }

  /**
   * True for a private field that holds a completer made in its declaration ({@code new
   * CompletableFuture<>()}), never assigned again, on which its class only ever calls {@code
   * complete}, reads, or registers callbacks: nothing fails, cancels or replaces it, and it is
   * never handed out, so it can only complete normally.
   */
  private static boolean neverFails(Symbol field, VisitorState state) {
    return NEVER_FAILS.get(
        field,
        state,
        f -> {
          if (!f.getModifiers().contains(Modifier.PRIVATE)
              || !f.getModifiers().contains(Modifier.FINAL)) {
            return false;
          }
          TreePath owner = classOf(f, state);
          return owner != null
              && Variables.everyUse(
                  f,
                  owner,
                  initializer -> initializer instanceof NewClassTree,
                  use -> {
                    // Only calls on it that do not fail it: complete, reads, callbacks.
                    MethodInvocationTree next = Uses.of(use, state).chainedCall();
                    return next != null && !FAILERS.contains(Trees.methodName(next));
                  });
        });
  }

  /** A path to the source of the top-level class that declares {@code field}, or null. */
  private static @Nullable TreePath classOf(Symbol field, VisitorState state) {
    Symbol.ClassSymbol outermost = ASTHelpers.outermostClass(field);
    Tree source = outermost == null ? null : Trees.sourceTree(outermost, state);
    return source instanceof ClassTree ? Trees.detachedPath(source, state) : null;
  }
}
