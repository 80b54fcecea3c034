package dev.asyncprone.model.flow;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which lock or monitor an expression denotes, by symbols rather than by its text: a local, a field
 * of {@code this} ({@code lock} and {@code this.lock} alike), a field of a local, a no-argument
 * method of one ({@code rw.writeLock()}), {@code this} of a class. Two expressions with the same
 * path denote the same object as long as no variable on the path is assigned in between, which the
 * analysis tracks ({@link LockFacts}).
 *
 * @param path the symbols from the root (a local, a field, or a class for its {@code this}) on
 * @param takenBy for a lock whose name was lost (its variable was assigned while it was held), the
 *     call that took it; null otherwise
 * @param text for an expression whose path is not made of symbols ({@code locks[i]}), its text;
 *     null otherwise
 */
record LockRef(ImmutableList<Symbol> path, @Nullable Tree takenBy, @Nullable String text) {
  /**
   * The lock {@code expression} denotes (null: {@code this}); where its path is not made of
   * symbols, named by {@code text}.
   */
  static LockRef of(@Nullable ExpressionTree expression, ClassSymbol self, String text) {
    if (expression == null) {
      return new LockRef(ImmutableList.of(self), null, null);
    }
    List<Symbol> path = new ArrayList<>();
    return collect(expression, path, self)
        ? new LockRef(ImmutableList.copyOf(path), null, null)
        : new LockRef(ImmutableList.of(), null, text);
  }

  /** True if the expression this came from had a path of symbols. */
  boolean hasPath() {
    return !path.isEmpty();
  }

  /** A lock that no expression names any more, known only by the call that took it. */
  static LockRef lost(Tree takenBy) {
    return new LockRef(ImmutableList.of(), takenBy, null);
  }

  /** The local or field at the root of the path, or null for {@code this} or a lost lock. */
  @Nullable Symbol root() {
    return path.isEmpty() || path.get(0) instanceof ClassSymbol ? null : path.get(0);
  }

  /** True if the path goes through {@code variable}: assigning it changes what this denotes. */
  boolean passesThrough(Symbol variable) {
    return path.contains(variable);
  }

  /** This path with its root local replaced by {@code alias}, the path the local was given. */
  LockRef rootedAt(LockRef alias) {
    return new LockRef(
        ImmutableList.<Symbol>builder()
            .addAll(alias.path)
            .addAll(path.subList(1, path.size()))
            .build(),
        null,
        null);
  }

  private static boolean collect(ExpressionTree expression, List<Symbol> path, ClassSymbol self) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (e instanceof TypeCastTree cast) {
      return collect(cast.getExpression(), path, self);
    }
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (e instanceof IdentifierTree) {
      if (symbol instanceof VarSymbol && symbol.getSimpleName().contentEquals("this")) {
        path.add(self);
      } else if (symbol instanceof VarSymbol || symbol instanceof ClassSymbol) {
        path.add(symbol);
      } else {
        return false;
      }
      return true;
    }
    if (e instanceof MemberSelectTree select) {
      if (select.getIdentifier().contentEquals("this")
          || select.getIdentifier().contentEquals("class")) {
        // Outer.this, Outer.class: the class is the whole path (Outer.class: its monitor)
        Symbol type = ASTHelpers.getSymbol(select.getExpression());
        if (type == null) {
          return false;
        }
        path.add(type);
        if (select.getIdentifier().contentEquals("class")) {
          path.add(symbol == null ? type : symbol);
        }
        return true;
      }
      if (!(symbol instanceof VarSymbol)) {
        return false;
      }
      if (isThis(select.getExpression()) || symbol.isStatic()) {
        path.add(symbol); // this.lock is lock
        return true;
      }
      if (!collect(select.getExpression(), path, self)) {
        return false;
      }
      path.add(symbol);
      return true;
    }
    if (e instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && symbol instanceof MethodSymbol) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      if (receiver != null && !isThis(receiver) && !collect(receiver, path, self)) {
        return false;
      }
      path.add(symbol);
      return true;
    }
    return false;
  }

  private static boolean isThis(ExpressionTree expression) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    return e instanceof IdentifierTree id && id.getName().contentEquals("this");
  }
}
