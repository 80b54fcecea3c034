package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Methods whose result is a value their object already holds: one they store as they return it
 * ({@code WindowFlux<T> newWindow() { WindowFlux<T> g = new WindowFlux<>(...); window = g; return
 * g; }}), a field ({@code CompletionStage<Void> forceCloseAsync() { ...; return closeFuture; }},
 * the object's one future for that outcome, which every caller that asks is handed), or the object
 * itself ({@code HttpServerOperations keepAlive(boolean k) { ...; return this; }}, a fluent setter
 * on a type that happens to be a publisher). The caller that drops such a result drops a value that
 * the object still holds, as it does {@code Map.put}'s previous value; it starts nothing that
 * nobody holds, and, for {@code this}, the work was done by the call. Read from the method's own
 * source when it is in the same compilation; a method read from a class file is never one. Answered
 * once per method and compilation.
 */
public final class StoredResults {
  private static final PerCompilationCache<MethodSymbol, Boolean> STORES =
      new PerCompilationCache<>();

  private StoredResults() {}

  /**
   * True if every {@code return} of {@code method} returns {@code null}, {@code this}, a field
   * ({@code closeFuture}, {@code this.result}, {@code state.closeFuture}), a local variable that
   * the method also assigns to a field, or the assignment to a field itself ({@code return window =
   * g;}), and at least one returns such a value.
   */
  public static boolean storesWhatItReturns(MethodSymbol method, VisitorState state) {
    if (method.isConstructor() || (method.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) != 0) {
      return false;
    }
    return STORES.get(method, state, m -> compute(m, state));
  }

  private static boolean compute(MethodSymbol method, VisitorState state) {
    BlockTree body = Trees.sourceBody(method, state);
    if (body == null) {
      return false;
    }
    List<ExpressionTree> returned = new ArrayList<>();
    Set<Symbol> storedInFields = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null; // returns and assignments of another method
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        returned.add(node.getExpression());
        return super.visitReturn(node, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        Symbol local = localVariable(node.getExpression());
        if (local != null && isField(ASTHelpers.getSymbol(node.getVariable()))) {
          storedInFields.add(local);
        }
        return super.visitAssignment(node, unused);
      }
    }.scan(body, null);
    boolean stores = false;
    for (ExpressionTree expression : returned) {
      ExpressionTree e = expression == null ? null : ASTHelpers.stripParentheses(expression);
      if (e == null || e.getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      if ((e instanceof AssignmentTree
              && isField(ASTHelpers.getSymbol(((AssignmentTree) e).getVariable())))
          || Trees.isThis(e)
          || ((e instanceof IdentifierTree || e instanceof MemberSelectTree)
              && isField(ASTHelpers.getSymbol(e)))) {
        stores = true;
        continue;
      }
      Symbol local = localVariable(e);
      if (local == null || !storedInFields.contains(local)) {
        return false;
      }
      stores = true;
    }
    return stores;
  }

  private static @Nullable Symbol localVariable(ExpressionTree expression) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (!(e instanceof IdentifierTree)) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol(e);
    return symbol != null && symbol.getKind() == ElementKind.LOCAL_VARIABLE ? symbol : null;
  }

  private static boolean isField(@Nullable Symbol symbol) {
    return symbol != null && symbol.getKind() == ElementKind.FIELD;
  }
}
