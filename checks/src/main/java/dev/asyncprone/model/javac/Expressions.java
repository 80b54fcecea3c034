package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * What an expression costs to evaluate and whether it can be null: the questions to ask before a
 * fix moves an expression to another time or thread ({@code supplyAsync(() -> e)} to {@code
 * completedFuture(e)}), or from a place that tolerates null to one that does not.
 */
public final class Expressions {
  private Expressions() {}

  /**
   * True for a value that is already there and reads the same wherever and whenever it is read,
   * without side effects and without throwing: a literal ({@code null} included), a compile-time
   * constant, a class literal, an enum constant, a static final field of an enclosing class or of
   * {@code java.lang}, a local variable or parameter (a lambda captures it effectively final),
   * {@code this}, and a final field of {@code this}. Not a non-final field, which another thread
   * may change between two reads, nor {@code other.field}, which throws if {@code other} is null.
   */
  public static boolean isTrivial(@Nullable ExpressionTree expression, VisitorState state) {
    if (expression == null) {
      return false;
    }
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (e instanceof LiteralTree
        || ASTHelpers.constValue(e) != null
        || isThis(e)
        || isClassLiteral(e)) {
      return true;
    }
    if (!(e instanceof IdentifierTree || e instanceof MemberSelectTree)) {
      return false;
    }
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (!(symbol instanceof VarSymbol)) {
      return false;
    }
    switch (symbol.getKind()) {
      case LOCAL_VARIABLE:
      case PARAMETER:
      case EXCEPTION_PARAMETER:
      case RESOURCE_VARIABLE:
        return e instanceof IdentifierTree;
      case ENUM_CONSTANT:
        return true;
      case FIELD:
        return isTrivialField((VarSymbol) symbol, e, state);
      default:
        return symbol.getKind().name().equals("BINDING_VARIABLE") && e instanceof IdentifierTree;
    }
  }

  private static boolean isTrivialField(VarSymbol field, ExpressionTree e, VisitorState state) {
    if (!field.getModifiers().contains(Modifier.FINAL)) {
      return false;
    }
    if (field.isStatic()) {
      String owner = Symbols.qualifiedName(field.owner, state);
      return (owner.startsWith("java.lang.") && owner.indexOf('.', "java.lang.".length()) < 0)
          || isEnclosingClass(field.owner, state);
    }
    // An instance field: of this object (x, this.x, Outer.this.x), which is never null.
    return e instanceof IdentifierTree || isThis(((MemberSelectTree) e).getExpression());
  }

  /**
   * True for an expression that is never null: a compile-time constant, a non-null literal, a value
   * of primitive type, {@code new}, a lambda or method reference, a string concatenation, {@code
   * this}, a class literal, an enum constant; a conditional whose both branches are.
   */
  public static boolean isNonNull(@Nullable ExpressionTree expression, VisitorState state) {
    if (expression == null) {
      return false;
    }
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (e.getKind() == Tree.Kind.NULL_LITERAL) {
      return false;
    }
    Type type = ASTHelpers.getType(e);
    if (ASTHelpers.constValue(e) != null
        || e instanceof LiteralTree
        || (type != null && type.isPrimitive())
        || isThis(e)) {
      return true;
    }
    switch (e.getKind()) {
      case NEW_CLASS:
      case NEW_ARRAY:
      case LAMBDA_EXPRESSION:
      case MEMBER_REFERENCE:
        return true;
      case PLUS:
        return type != null && ASTHelpers.isSameType(type, state.getSymtab().stringType, state);
      case CONDITIONAL_EXPRESSION:
        ConditionalExpressionTree conditional = (ConditionalExpressionTree) e;
        return isNonNull(conditional.getTrueExpression(), state)
            && isNonNull(conditional.getFalseExpression(), state);
      case TYPE_CAST:
        return isNonNull(((TypeCastTree) e).getExpression(), state);
      case MEMBER_SELECT:
        if (isClassLiteral(e)) {
          return true;
        }
        break;
      default:
        break;
    }
    Symbol symbol = ASTHelpers.getSymbol(e);
    return symbol != null && symbol.getKind() == ElementKind.ENUM_CONSTANT;
  }

  private static boolean isClassLiteral(ExpressionTree e) {
    return e instanceof MemberSelectTree
        && ((MemberSelectTree) e).getIdentifier().contentEquals("class");
  }

  /** True for {@code this} and {@code Outer.this}. */
  private static boolean isThis(ExpressionTree e) {
    if (e instanceof IdentifierTree) {
      return ((IdentifierTree) e).getName().contentEquals("this");
    }
    return e instanceof MemberSelectTree
        && ((MemberSelectTree) e).getIdentifier().contentEquals("this");
  }

  private static boolean isEnclosingClass(Symbol owner, VisitorState state) {
    for (Tree tree : state.getPath()) {
      if (tree instanceof com.sun.source.tree.ClassTree
          && ASTHelpers.getSymbol((com.sun.source.tree.ClassTree) tree) == owner) {
        return true;
      }
    }
    return false;
  }
}
