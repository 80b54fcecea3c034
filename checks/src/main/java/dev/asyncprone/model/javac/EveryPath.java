package dev.asyncprone.model.javac;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Name;
import org.jspecify.annotations.Nullable;

/**
 * Does every path through a block meet a statement that marks it before the path leaves the block?
 * Answered in one walk over the block's statements (not into lambdas or classes), as definite
 * assignment is: an {@code if} without {@code else} that marks only its branch leaves the other
 * path unmarked; a {@code finally} that marks covers every way out of its {@code try}.
 *
 * <p>Loops are read conservatively: a loop whose condition may be false at once may run its body no
 * time at all. A {@code throw} inside the block leaves it (an inner catch is not followed).
 */
public final class EveryPath {
  /** What marks a path, and which branches need no mark. */
  public interface Marks {
    /**
     * True if running {@code tree} marks the path: a statement, or the expression body of an arrow
     * case ({@code case X -> expression}).
     */
    boolean marks(Tree tree);

    /**
     * True if a path on which {@code condition} is false needs no mark: with {@code catch
     * (InterruptedException | ExecutionException e)}, the path where {@code e instanceof
     * InterruptedException} is false.
     */
    default boolean excusedWhenFalse(ExpressionTree condition) {
      return false;
    }
  }

  /** A way out of the block that some unmarked path takes. */
  public record Exit(Kind kind, @Nullable StatementTree statement) {
    /** How a path leaves the block. */
    public enum Kind {
      /** It runs off the end of the block. */
      FALLS_THROUGH,
      RETURN,
      THROW,
      /** A {@code break} to a statement outside the block. */
      BREAK,
      /** A {@code continue} of a loop outside the block. */
      CONTINUE
    }
  }

  /** The unmarked exits of a block, and whether any statement in it marks at all. */
  public record Result(List<Exit> unmarkedExits, boolean marksSomewhere) {
    public boolean everyPathMarked() {
      return unmarkedExits.isEmpty();
    }
  }

  /** The state of a path: marked, unmarked, or not reaching this point at all. */
  private enum State {
    MARKED,
    UNMARKED,
    DEAD;

    State merge(State other) {
      if (this == DEAD) {
        return other;
      }
      if (other == DEAD) {
        return this;
      }
      return this == MARKED && other == MARKED ? MARKED : UNMARKED;
    }
  }

  /** A statement inside the block that {@code break} or {@code continue} may jump to. */
  private static final class Target {
    final Tree statement;
    final @Nullable Name label;
    State breaks = State.DEAD;
    State continues = State.DEAD;

    Target(Tree statement, @Nullable Name label) {
      this.statement = statement;
      this.label = label;
    }

    boolean isLoopOrSwitch() {
      return !(statement instanceof LabeledStatementTree);
    }

    boolean isLoop() {
      return !(statement instanceof LabeledStatementTree || statement instanceof SwitchTree);
    }
  }

  private final Marks marks;
  private final List<Exit> exits = new ArrayList<>();
  private final Deque<Target> targets = new ArrayDeque<>();
  private boolean marksSomewhere;

  private EveryPath(Marks marks) {
    this.marks = marks;
  }

  /** Walks {@code block} once and reports the ways out that unmarked paths take. */
  public static Result check(BlockTree block, Marks marks) {
    EveryPath walk = new EveryPath(marks);
    State end = walk.statements(block.getStatements(), State.UNMARKED);
    if (end == State.UNMARKED) {
      walk.exits.add(new Exit(Exit.Kind.FALLS_THROUGH, null));
    }
    return new Result(List.copyOf(walk.exits), walk.marksSomewhere);
  }

  /**
   * True if a path that leaves the block at {@code blockPath} by {@code exit} runs nothing more of
   * {@code body} (a method or lambda around it): it returns, or it falls off the end of the block
   * or breaks out of a statement, and what it comes to is the last thing {@code body} does.
   */
  public static boolean endsBody(TreePath blockPath, Exit exit, Tree body) {
    switch (exit.kind()) {
      case RETURN:
        return true;
      case FALLS_THROUGH:
        return isLast(blockPath, body);
      case BREAK:
        TreePath target = breakTarget(blockPath, (BreakTree) exit.statement());
        return target != null && isLast(target, body);
      default:
        return false;
    }
  }

  /** True if nothing of {@code body} runs after the statement or block at {@code path}. */
  private static boolean isLast(TreePath path, Tree body) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent == body) {
        return true;
      }
      if (parent instanceof BlockTree) {
        List<? extends StatementTree> statements = ((BlockTree) parent).getStatements();
        if (statements.isEmpty() || statements.get(statements.size() - 1) != p.getLeaf()) {
          return false;
        }
      } else if (!(parent instanceof IfTree
          || parent instanceof LabeledStatementTree
          || parent instanceof SynchronizedTree
          || parent instanceof TryTree
          || parent instanceof CatchTree)) {
        return false;
      }
    }
    return false;
  }

  /** The loop, switch or labeled statement around {@code from} that {@code exit} jumps out of. */
  private static @Nullable TreePath breakTarget(TreePath from, BreakTree exit) {
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (exit.getLabel() == null
          ? leaf instanceof SwitchTree || Trees.isLoop(leaf)
          : leaf instanceof LabeledStatementTree
              && ((LabeledStatementTree) leaf).getLabel().equals(exit.getLabel())) {
        return p;
      }
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private State statements(List<? extends StatementTree> statements, State in) {
    State state = in;
    for (StatementTree statement : statements) {
      if (state == State.DEAD) {
        break;
      }
      state = statement(statement, state);
    }
    return state;
  }

  private boolean marks(Tree tree) {
    if (marks.marks(tree)) {
      marksSomewhere = true;
      return true;
    }
    return false;
  }

  private State statement(StatementTree tree, State in) {
    if (tree instanceof BlockTree) {
      return statements(((BlockTree) tree).getStatements(), in);
    }
    if (tree instanceof IfTree) {
      IfTree ifTree = (IfTree) tree;
      State elseIn = excusedWhenFalse(ifTree.getCondition()) ? State.MARKED : in;
      State thenIn = excusedWhenTrue(ifTree.getCondition()) ? State.MARKED : in;
      State thenOut = statement(ifTree.getThenStatement(), thenIn);
      State elseOut =
          ifTree.getElseStatement() == null ? elseIn : statement(ifTree.getElseStatement(), elseIn);
      return thenOut.merge(elseOut);
    }
    if (tree instanceof TryTree) {
      return tryStatement((TryTree) tree, in);
    }
    if (tree instanceof SynchronizedTree) {
      return statement(((SynchronizedTree) tree).getBlock(), in);
    }
    if (tree instanceof LabeledStatementTree) {
      LabeledStatementTree labeled = (LabeledStatementTree) tree;
      StatementTree body = labeled.getStatement();
      if (Trees.isLoop(body)) {
        return loop(body, labeled.getLabel(), in);
      }
      Target target = push(tree, labeled.getLabel());
      State out = statement(body, in);
      targets.pop();
      return out.merge(target.breaks);
    }
    if (Trees.isLoop(tree)) {
      return loop(tree, null, in);
    }
    if (tree instanceof SwitchTree) {
      return switchStatement((SwitchTree) tree, in);
    }
    if (tree instanceof BreakTree) {
      Target target = find(((BreakTree) tree).getLabel(), false);
      if (target != null) {
        target.breaks = target.breaks.merge(in);
      } else {
        exit(Exit.Kind.BREAK, tree, in);
      }
      return State.DEAD;
    }
    if (tree instanceof ContinueTree) {
      Target target = find(((ContinueTree) tree).getLabel(), true);
      if (target != null) {
        target.continues = target.continues.merge(in);
      } else {
        exit(Exit.Kind.CONTINUE, tree, in);
      }
      return State.DEAD;
    }
    if (tree.getKind() == Tree.Kind.RETURN || tree.getKind() == Tree.Kind.THROW) {
      if (!marks(tree)) {
        exit(tree.getKind() == Tree.Kind.RETURN ? Exit.Kind.RETURN : Exit.Kind.THROW, tree, in);
      }
      return State.DEAD;
    }
    return marks(tree) ? State.MARKED : in;
  }

  private void exit(Exit.Kind kind, StatementTree statement, State state) {
    if (state == State.UNMARKED) {
      exits.add(new Exit(kind, statement));
    }
  }

  private State tryStatement(TryTree tree, State in) {
    State start = in;
    BlockTree finallyBlock = tree.getFinallyBlock();
    if (finallyBlock != null && in == State.UNMARKED && finallyAlwaysMarks(finallyBlock)) {
      start = State.MARKED;
    }
    State out = statement(tree.getBlock(), start);
    for (CatchTree catchTree : tree.getCatches()) {
      out = out.merge(statement(catchTree.getBlock(), start));
    }
    if (finallyBlock == null) {
      return out;
    }
    // A finally runs after normal and abrupt completion alike; its own exits are real exits.
    State finallyIn = out == State.DEAD ? start : out;
    State finallyOut = statement(finallyBlock, finallyIn);
    return out == State.DEAD ? State.DEAD : finallyOut;
  }

  private boolean finallyAlwaysMarks(BlockTree finallyBlock) {
    EveryPath probe = new EveryPath(marks);
    probe.targets.addAll(targets);
    State end = probe.statements(finallyBlock.getStatements(), State.UNMARKED);
    return end != State.UNMARKED && probe.exits.isEmpty();
  }

  private State loop(StatementTree loop, @Nullable Name label, State in) {
    Target target = push(loop, label);
    StatementTree body;
    ExpressionTree condition;
    if (loop instanceof WhileLoopTree) {
      body = ((WhileLoopTree) loop).getStatement();
      condition = ((WhileLoopTree) loop).getCondition();
    } else if (loop instanceof DoWhileLoopTree) {
      body = ((DoWhileLoopTree) loop).getStatement();
      condition = ((DoWhileLoopTree) loop).getCondition();
    } else if (loop instanceof ForLoopTree) {
      body = ((ForLoopTree) loop).getStatement();
      condition = ((ForLoopTree) loop).getCondition();
    } else {
      body = ((EnhancedForLoopTree) loop).getStatement();
      condition = null;
    }
    State bodyOut = statement(body, in);
    targets.pop();
    boolean forever =
        condition == null
            ? loop instanceof ForLoopTree
            : Boolean.TRUE.equals(ASTHelpers.constValue(condition, Boolean.class));
    if (forever) {
      return target.breaks;
    }
    if (loop instanceof DoWhileLoopTree) {
      return bodyOut.merge(target.continues).merge(target.breaks);
    }
    // The condition may be false before the body ever runs.
    return in.merge(bodyOut).merge(target.continues).merge(target.breaks);
  }

  private State switchStatement(SwitchTree tree, State in) {
    Target target = push(tree, null);
    State out = State.DEAD;
    boolean hasDefault = false;
    State fallsIn = State.DEAD;
    for (CaseTree caseTree : tree.getCases()) {
      hasDefault |= ASTHelpers.isSwitchDefault(caseTree);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        State caseOut;
        if (body instanceof StatementTree) {
          caseOut = statement((StatementTree) body, in);
        } else {
          caseOut = body != null && marks(body) ? State.MARKED : in;
        }
        out = out.merge(caseOut);
      } else {
        fallsIn = statements(caseTree.getStatements(), in.merge(fallsIn));
      }
    }
    targets.pop();
    out = out.merge(fallsIn).merge(target.breaks);
    return hasDefault || coversEveryConstant(tree) ? out : out.merge(in);
  }

  /** True for a switch on an enum with a case for each of its constants. */
  private static boolean coversEveryConstant(SwitchTree tree) {
    com.sun.tools.javac.code.Type type = ASTHelpers.getType(tree.getExpression());
    if (type == null || type.tsym == null || type.tsym.getKind() != ElementKind.ENUM) {
      return false;
    }
    long constants =
        type.tsym.getEnclosedElements().stream()
            .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
            .count();
    long cases = tree.getCases().stream().mapToLong(c -> c.getExpressions().size()).sum();
    return cases >= constants;
  }

  private Target push(Tree statement, @Nullable Name label) {
    Target target = new Target(statement, label);
    targets.push(target);
    return target;
  }

  /** The target of a break or continue inside the block, or null if it jumps out of the block. */
  private @Nullable Target find(@Nullable Name label, boolean isContinue) {
    for (Target target : targets) {
      if (label == null
          ? (isContinue ? target.isLoop() : target.isLoopOrSwitch())
          : label.equals(target.label)) {
        return target;
      }
    }
    return null;
  }

  private boolean excusedWhenFalse(ExpressionTree condition) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return excusedWhenTrue(((UnaryTree) c).getExpression());
    }
    return marks.excusedWhenFalse(c);
  }

  private boolean excusedWhenTrue(ExpressionTree condition) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    return c.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        && excusedWhenFalse(((UnaryTree) c).getExpression());
  }
}
