package dev.asyncprone.model.await;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Loops, and the awaits in them that cost one round trip per element: {@code for}, enhanced {@code
 * for}, {@code while} and {@code do} over an iterator or result set, and the lambdas of {@code
 * forEach} and of a sequential stream's {@code map}. Each loop is read once, its nested loops and
 * lambdas left to their own match, so the cost stays linear in the code.
 */
public final class Loops {
  /**
   * A loop: its tree, the body run once per element, the variables that take the next element's
   * value ({@code x} of {@code for (T x : xs)}, the counter of an indexed {@code for}, the iterator
   * of {@code while (it.hasNext())}, the lambda's parameters), what it runs over in words, and
   * whether a {@code return} in the body leaves the loop (not so in a lambda).
   */
  public record Loop(
      Tree tree,
      Tree body,
      Set<Symbol> iteration,
      String over,
      boolean returnLeaves,
      Set<Symbol> batchElements) {}

  /**
   * An await in a loop's body that starts a new round trip per element: the await, the call that
   * starts the work, the kind of future it waits for, the local variable whose initializer it is
   * in, if any (where a {@code @SuppressWarnings} for it would go), and whether it is a step whose
   * order may be the point: a future of no value ({@code publish(o)}, whose only news is that it is
   * done), or a call named as a write or a gate ({@code save}, {@code connect}).
   */
  public record PerElementAwait(
      Awaits.Await await,
      MethodInvocationTree call,
      AsyncKind kind,
      @Nullable VariableTree declaration,
      boolean ordered) {}

  private Loops() {}

  /**
   * The loop {@code tree} is, or null: an enhanced {@code for} whose element is not itself a batch,
   * an indexed {@code for} stepping by one, a {@code while} or {@code do} stepping an iterator, or
   * a {@code forEach} / sequential stream {@code map} given a lambda. {@code path} is the tree's.
   */
  public static @Nullable Loop of(TreePath path, VisitorState state) {
    Tree tree = path.getLeaf();
    if (tree instanceof EnhancedForLoopTree) {
      EnhancedForLoopTree loop = (EnhancedForLoopTree) tree;
      Symbol element = ASTHelpers.getSymbol(loop.getVariable());
      if (element == null) {
        return null;
      }
      return new Loop(
          tree,
          loop.getStatement(),
          Set.of(element),
          "element of " + label(loop.getExpression(), state),
          true,
          isBatch(element.type, state) ? Set.of(element) : Set.of());
    }
    if (tree instanceof ForLoopTree loop) {
      Set<Symbol> counters = new HashSet<>();
      for (StatementTree init : loop.getInitializer()) {
        if (init instanceof VariableTree) {
          counters.add(ASTHelpers.getSymbol(init));
        }
      }
      for (ExpressionStatementTree update : loop.getUpdate()) {
        if (!(update.getExpression() instanceof UnaryTree step)
            || !counters.containsAll(Variables.targets(step.getExpression()))) {
          return null;
        }
      }
      return counters.isEmpty()
          ? null
          : new Loop(tree, loop.getStatement(), counters, "iteration", true, Set.of());
    }
    if (tree instanceof WhileLoopTree loop) {
      Set<Symbol> cursor = stepped(loop.getCondition(), state);
      return cursor.isEmpty()
          ? null
          : new Loop(tree, loop.getStatement(), cursor, "element", true, Set.of());
    }
    if (tree instanceof DoWhileLoopTree loop) {
      Set<Symbol> cursor = stepped(loop.getCondition(), state);
      return cursor.isEmpty()
          ? null
          : new Loop(tree, loop.getStatement(), cursor, "element", true, Set.of());
    }
    if (tree instanceof MethodInvocationTree call) {
      return perElementLambda(path, call, state);
    }
    return null;
  }

  /**
   * The awaits in {@code loop}'s body that start new work per element: on a future made by a call
   * that reads the current element (directly or through locals made from it, {@code String host =
   * node.get("ip")}), that is no batch and is not handed an element that is a batch whole, reads
   * nothing the loop carries from one element to the next (a cursor, a page token, state changed
   * with a result), and is not made on an object another call of the loop writes to ({@code
   * users.find(id)} beside {@code users.save(u)}). Those of no value or named as a write or gate
   * are marked {@link PerElementAwait#ordered}. Empty if the loop may stop early on a result
   * ({@code break}, {@code return}, a labeled jump) or throttles itself ({@code Semaphore.acquire},
   * {@code RateLimiter.acquire}, {@code Thread.sleep}).
   */
  public static List<PerElementAwait> perElementAwaits(Loop loop, VisitorState state) {
    return LoopBodies.perElementAwaits(loop, state);
  }

  /** {@code it} for {@code it.hasNext()}, {@code rs} for {@code rs.next()}; else empty. */
  private static Set<Symbol> stepped(ExpressionTree condition, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    if (!(e instanceof MethodInvocationTree)
        || !((MethodInvocationTree) e).getArguments().isEmpty()
        || !JdkTypes.ITERATION_STEPS.contains(Trees.methodName(e))
        || Trees.receiver(e) == null) {
      return Set.of();
    }
    return Trees.rootSymbols(Trees.receiver(e), state);
  }

  /**
   * {@code xs.forEach(x -> ...)}, {@code map.forEach((k, v) -> ...)}, {@code xs.stream().map(x ->
   * ...)} on a sequential stream that maps every element.
   */
  private static @Nullable Loop perElementLambda(
      TreePath path, MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || method.isStatic()
        || call.getArguments().size() != 1
        || !(call.getArguments().get(0) instanceof LambdaExpressionTree)
        || !JdkTypes.PER_ELEMENT_CALLS.contains(Symbols.name(method, state))) {
      return null;
    }
    ExpressionTree receiver = Trees.receiver(call);
    boolean stream = AsyncTypes.isOwnedBy(method, JdkTypes.BASE_STREAM, state);
    boolean inline =
        AsyncTypes.isOwnedBy(method, JdkTypes.ITERABLE, state)
            || AsyncTypes.isOwnedBy(method, JdkTypes.MAP, state)
            || AsyncTypes.isOwnedBy(method, JdkTypes.ITERATOR, state);
    if (receiver == null
        || !(stream || inline)
        || (stream && (isParallel(receiver) || shortCircuits(path)))) {
      return null;
    }
    if (!stream && !Symbols.name(method, state).startsWith("forEach")) {
      return null;
    }
    LambdaExpressionTree lambda = (LambdaExpressionTree) call.getArguments().get(0);
    Set<Symbol> parameters = new HashSet<>();
    Set<Symbol> batches = new HashSet<>();
    for (VariableTree parameter : lambda.getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      if (symbol == null) {
        return null;
      }
      parameters.add(symbol);
      if (isBatch(symbol.type, state)) {
        batches.add(symbol);
      }
    }
    return new Loop(
        call, lambda.getBody(), parameters, "element of " + label(receiver, state), false, batches);
  }

  /** A sequential stream: no parallel() or parallelStream() along its chain. */
  private static boolean isParallel(ExpressionTree receiver) {
    for (ExpressionTree e = receiver; e instanceof MethodInvocationTree; e = Trees.receiver(e)) {
      String name = Trees.methodName(e);
      if (name.equals(JdkTypes.PARALLEL) || name.equals(JdkTypes.PARALLEL_STREAM)) {
        return true;
      }
    }
    return false;
  }

  /** True if a later stage of the stream {@code path}'s call belongs to may stop early. */
  private static boolean shortCircuits(TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; ) {
      TreePath select = p.getParentPath();
      TreePath call = select.getParentPath();
      if (!(select.getLeaf() instanceof MemberSelectTree)
          || call == null
          || !(call.getLeaf() instanceof MethodInvocationTree)) {
        return false;
      }
      if (JdkTypes.SHORT_CIRCUITS.contains(
          ((MemberSelectTree) select.getLeaf()).getIdentifier().toString())) {
        return true;
      }
      p = call;
    }
    return false;
  }

  /**
   * An element that may be a batch: a collection, an array, a map. An await on a call handed it
   * whole is one round trip per batch, the batching itself; one on a call handed what is read out
   * of it ({@code connect(node.get("ip"))}) is one per record.
   */
  static boolean isBatch(@Nullable Type type, VisitorState state) {
    return type != null
        && (type.hasTag(com.sun.tools.javac.code.TypeTag.ARRAY)
            || AsyncTypes.isSubtypeNamed(type, JdkTypes.COLLECTION, state)
            || AsyncTypes.isSubtypeNamed(type, JdkTypes.MAP, state));
  }

  /**
   * The one call that is the whole of a loop body, braced or not ({@code out.add(...)}); or null.
   */
  public static @Nullable MethodInvocationTree onlyCall(StatementTree body) {
    StatementTree only = body;
    if (body instanceof BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      only = statements.size() == 1 ? statements.get(0) : null;
    }
    return only instanceof ExpressionStatementTree statement
            && statement.getExpression() instanceof MethodInvocationTree call
        ? call
        : null;
  }

  /** {@code String id : ids}: the source between the parentheses of {@code for (...)}; or null. */
  public static @Nullable String headerSource(EnhancedForLoopTree loop, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = ASTHelpers.getStartPosition(loop);
    int bodyStart = ASTHelpers.getStartPosition(loop.getStatement());
    if (source == null || start < 0 || bodyStart <= start) {
      return null;
    }
    String head = source.subSequence(start, bodyStart).toString();
    int open = head.indexOf('(');
    int close = head.lastIndexOf(')');
    return open < 0 || close <= open ? null : head.substring(open + 1, close).trim();
  }

  /** {@code ids} for {@code ids} and {@code ids.stream()}. */
  private static String label(ExpressionTree iterable, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(iterable);
    if (e instanceof MethodInvocationTree
        && Trees.methodName(e).equals("stream")
        && Trees.receiver(e) != null) {
      e = Trees.receiver(e);
    }
    return Trees.label(e, state);
  }
}
