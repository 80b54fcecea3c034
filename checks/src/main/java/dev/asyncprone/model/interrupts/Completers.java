package dev.asyncprone.model.interrupts;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.javac.AssignedValues;
import dev.asyncprone.model.javac.Symbols;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Futures made by hand: a {@code new CompletableFuture<>()} that the code completes itself. No task
 * computes one, so nothing runs on it that an interrupt could stop; cancelling it is a signal to
 * whoever waits on it or is registered on it, which is how such code propagates cancellation.
 */
public final class Completers {
  /** How many variables deep a completer is followed: {@code local = field = new ...}. */
  private static final int DEPTH = 3;

  private Completers() {}

  /**
   * True if {@code expression} is a {@code new CompletableFuture<>()}, or a variable whose every
   * value in the file is one (or {@code null}): a local, or a private or final field ({@link
   * AssignedValues}).
   */
  public static boolean isCompleter(@Nullable ExpressionTree expression, VisitorState state) {
    return isCompleter(expression, DEPTH, state);
  }

  private static boolean isCompleter(
      @Nullable ExpressionTree expression, int depth, VisitorState state) {
    ExpressionTree e = expression == null ? null : ASTHelpers.stripParentheses(expression);
    while (e instanceof TypeCastTree cast) {
      e = ASTHelpers.stripParentheses(cast.getExpression());
    }
    if (e instanceof NewClassTree created) {
      Type type = ASTHelpers.getType(created);
      return created.getClassBody() == null
          && type != null
          && Symbols.qualifiedName(type.tsym, state).equals(Jdk.COMPLETABLE_FUTURE);
    }
    if (depth == 0 || !(e instanceof IdentifierTree || e instanceof MemberSelectTree)) {
      return false;
    }
    List<ExpressionTree> values = AssignedValues.of(ASTHelpers.getSymbol(e), state);
    if (values == null || values.isEmpty()) {
      return false;
    }
    for (ExpressionTree value : values) {
      if (value.getKind() != Tree.Kind.NULL_LITERAL && !isCompleter(value, depth - 1, state)) {
        return false;
      }
    }
    return true;
  }
}
