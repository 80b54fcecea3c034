package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Every value a variable of the file is given: its initializer and the right-hand sides of the
 * assignments to it. Known only where the file shows them all: a local variable of the file, or a
 * field that is private or final (a final field is assigned only where it is declared or in its
 * class's constructors). Found with one scan of the file, the first time a question is asked.
 */
public final class AssignedValues {
  private static final ContextLocal<PerUnitCache<CompilationUnitTree, Index>> INDEX =
      new ContextLocal<>();

  private static final Set<Tree.Kind> INCREMENTS =
      EnumSet.of(
          Tree.Kind.PREFIX_INCREMENT,
          Tree.Kind.PREFIX_DECREMENT,
          Tree.Kind.POSTFIX_INCREMENT,
          Tree.Kind.POSTFIX_DECREMENT);

  private record Index(Map<Symbol, List<ExpressionTree>> values, Set<Symbol> otherWrites) {}

  private AssignedValues() {}

  /**
   * The values {@code variable} is given in the file at {@code state}'s path, or null where they
   * are not all known: a parameter, a field others may assign, a variable changed by {@code +=} or
   * {@code ++}.
   */
  public static @Nullable List<ExpressionTree> of(@Nullable Symbol variable, VisitorState state) {
    if (!(variable instanceof VarSymbol var)) {
      return null;
    }
    ElementKind kind = var.getKind();
    boolean knowable =
        kind == ElementKind.LOCAL_VARIABLE
            || (kind == ElementKind.FIELD && (var.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0);
    if (!knowable) {
      return null;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    Index index = INDEX.get(state, PerUnitCache::new).get(unit, state, AssignedValues::scan);
    return index.otherWrites().contains(var) ? null : index.values().getOrDefault(var, List.of());
  }

  /**
   * The one constant that {@code condition} always has, or null: a compile-time constant, or a
   * final field or local variable (with a {@code !} in front or not) that every value the file
   * gives it sets to the same constant, as a flag that each constructor sets to {@code true}. A
   * branch on such a condition is no choice the code offers: only one side ever runs.
   */
  public static @Nullable Object fixedValue(
      @Nullable ExpressionTree condition, VisitorState state) {
    if (condition == null) {
      return null;
    }
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    Object constant = ASTHelpers.constValue(e);
    if (constant != null) {
      return constant;
    }
    if (e instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return fixedValue(not.getExpression(), state) instanceof Boolean b ? !b : null;
    }
    Symbol variable = ASTHelpers.getSymbol(e);
    // A final field is never read before its class's constructors assign it; another variable
    // may be, with its default value, which no assignment shows.
    boolean assignedBeforeRead =
        variable instanceof VarSymbol var
            && (var.getKind() == ElementKind.LOCAL_VARIABLE
                || (var.getKind() == ElementKind.FIELD && (var.flags() & Flags.FINAL) != 0));
    List<ExpressionTree> values = assignedBeforeRead ? of(variable, state) : null;
    if (values == null || values.isEmpty()) {
      return null;
    }
    Object first = ASTHelpers.constValue(values.get(0));
    for (ExpressionTree value : values) {
      if (!Objects.equals(first, ASTHelpers.constValue(value))) {
        return null;
      }
    }
    return first;
  }

  private static Index scan(CompilationUnitTree unit) {
    Map<Symbol, List<ExpressionTree>> values = new HashMap<>();
    Set<Symbol> otherWrites = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(variable);
        if (symbol != null && variable.getInitializer() != null) {
          values.computeIfAbsent(symbol, s -> new ArrayList<>(1)).add(variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(assignment.getVariable());
        if (symbol != null) {
          values.computeIfAbsent(symbol, s -> new ArrayList<>(1)).add(assignment.getExpression());
        }
        return super.visitAssignment(assignment, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(assignment.getVariable());
        if (symbol != null) {
          otherWrites.add(symbol);
        }
        return super.visitCompoundAssignment(assignment, null);
      }

      @Override
      public Void visitUnary(UnaryTree unary, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(unary.getExpression());
        if (symbol instanceof VarSymbol && INCREMENTS.contains(unary.getKind())) {
          otherWrites.add(symbol);
        }
        return super.visitUnary(unary, null);
      }
    }.scan(unit, null);
    return new Index(values, otherWrites);
  }
}
