package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Javadocs;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where replacing a returned {@code null} by the empty value of a future (NullFutureReturned's fix)
 * would change what the code does rather than only stop a NullPointerException: where the null is a
 * signal someone reads. The finding stands in each case; the fix is the author's to choose.
 */
public final class NullFixes {
  private static final ContextLocal<PerUnitCache<CompilationUnitTree, Set<Symbol>>> TESTED =
      new ContextLocal<>();

  private NullFixes() {}

  /**
   * Why the null at {@code nullPath} (a null literal a method or lambda returns) should not become
   * an empty future, in words for the message; null where the fix keeps behaviour.
   */
  public static @Nullable String whyNot(TreePath nullPath, VisitorState state) {
    String relayed = relayedNull(nullPath, state);
    if (relayed != null) {
      return "it passes on the null of '"
          + relayed
          + "', and an empty future would turn that missing result into a success: the fix"
          + " belongs where the null is made";
    }
    TreePath methodPath = null;
    for (TreePath p = nullPath; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return null;
      }
      if (p.getLeaf() instanceof MethodTree) {
        methodPath = p;
        break;
      }
    }
    MethodSymbol method =
        methodPath == null ? null : ASTHelpers.getSymbol((MethodTree) methodPath.getLeaf());
    if (method == null) {
      return null;
    }
    if (Javadocs.documentsNull(methodPath, state)) {
      return "the Javadoc documents null as a result: if that is the contract, annotate the"
          + " return type @Nullable, so that callers see they must check and this check stays"
          + " quiet";
    }
    if (testedForNull(state).contains(method)) {
      return "its callers in this file test the result for null, so null is a signal here: an"
          + " empty future would read as a result; say so in the type (@Nullable, or an Optional)";
    }
    if (implementsAFunction(method, state)) {
      return "it implements a functional interface whose consumers, not this code, decide what a"
          + " null result means ("
          + method.owner.getSimpleName()
          + "."
          + method.getSimpleName()
          + "()): state the contract in the type (@Nullable), or return the empty value if no"
          + " consumer expects null";
    }
    return null;
  }

  /**
   * The variable whose null the null at {@code nullPath} passes on: {@code if (f == null) return
   * null;}, {@code f == null ? null : ...}, where {@code f} holds a future; null otherwise.
   */
  private static @Nullable String relayedNull(TreePath nullPath, VisitorState state) {
    Tree child = nullPath.getLeaf();
    for (TreePath p = nullPath.getParentPath();
        p != null;
        child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      ExpressionTree condition = null;
      if (leaf instanceof ConditionalExpressionTree c && c.getTrueExpression() == child) {
        condition = c.getCondition();
      } else if (leaf instanceof IfTree i && i.getThenStatement() == child) {
        condition = i.getCondition();
      } else if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return null;
      }
      ExpressionTree tested =
          condition != null
                  && ASTHelpers.stripParentheses(condition) instanceof BinaryTree comparison
                  && comparison.getKind() == Tree.Kind.EQUAL_TO
              ? Trees.comparedWithNull(comparison)
              : null;
      if (tested != null && AsyncTypes.isFutureLike(ASTHelpers.getType(tested), state)) {
        return Trees.label(tested, state);
      }
    }
    return null;
  }

  /**
   * The methods of the file whose result some call in the file compares with null, directly ({@code
   * checkSendHeaders(false) == null}) or through the local it initializes ({@code Future<WebSocket>
   * res = tryAcquire(...); if (res == null)}).
   */
  private static Set<Symbol> testedForNull(VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    return TESTED
        .get(state, PerUnitCache::new)
        .get(
            unit,
            state,
            u -> {
              Set<Symbol> tested = new HashSet<>();
              Set<Symbol> comparedLocals = new HashSet<>();
              Map<Symbol, Symbol> localOf = new HashMap<>();
              new TreePathScanner<Void, Void>() {
                @Override
                public Void visitBinary(BinaryTree comparison, Void unused) {
                  ExpressionTree other = Trees.comparedWithNull(comparison);
                  if (other != null
                      && (comparison.getKind() == Tree.Kind.EQUAL_TO
                          || comparison.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
                    ExpressionTree e = ASTHelpers.stripParentheses(other);
                    if (e instanceof MethodInvocationTree call
                        && ASTHelpers.getSymbol(call) != null) {
                      tested.add(ASTHelpers.getSymbol(call));
                    } else if (Variables.isLocal(ASTHelpers.getSymbol(e))) {
                      comparedLocals.add(ASTHelpers.getSymbol(e));
                    }
                  }
                  return super.visitBinary(comparison, null);
                }

                @Override
                public Void visitVariable(VariableTree variable, Void unused) {
                  if (variable.getInitializer() != null
                      && ASTHelpers.stripParentheses(variable.getInitializer())
                          instanceof MethodInvocationTree call
                      && ASTHelpers.getSymbol(call) != null) {
                    localOf.put(ASTHelpers.getSymbol(variable), ASTHelpers.getSymbol(call));
                  }
                  return super.visitVariable(variable, null);
                }
              }.scan(new TreePath(u), null);
              for (Symbol local : comparedLocals) {
                Symbol method = localOf.get(local);
                if (method != null) {
                  tested.add(method);
                }
              }
              return tested;
            });
  }

  /**
   * True if {@code method} implements the method of a functional interface ({@code
   * Function.apply}): it is called through the interface, by consumers this code cannot see.
   */
  private static boolean implementsAFunction(MethodSymbol method, VisitorState state) {
    if (method.isStatic() || method.isConstructor()) {
      return false;
    }
    for (MethodSymbol overridden : Symbols.superMethods(method, state)) {
      if (overridden.owner != null
          && state.getTypes().isFunctionalInterface(overridden.owner.type)) {
        return true;
      }
    }
    return false;
  }
}
