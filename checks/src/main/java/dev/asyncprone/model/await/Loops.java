package dev.asyncprone.model.await;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.Verbs;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import java.util.ArrayList;
import java.util.Collections;
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
  /** Loop conditions that step an iterator, cursor or result set to its next element. */
  private static final ImmutableSet<String> STEPS =
      ImmutableSet.of("hasNext", "next", "hasMoreElements", "hasMoreTokens");

  /** Methods that take one lambda and run it once per element, in order, on this thread. */
  private static final ImmutableSet<String> PER_ELEMENT =
      ImmutableSet.of("forEach", "forEachOrdered", "map", "mapToObj", "forEachRemaining");

  /** Stream operations that stop early: later elements may never be mapped. */
  private static final ImmutableSet<String> SHORT_CIRCUITS =
      ImmutableSet.of(
          "findFirst",
          "findAny",
          "anyMatch",
          "allMatch",
          "noneMatch",
          "limit",
          "takeWhile",
          "iterator",
          "spliterator");

  /** Calls that bound how fast or how many: a loop that throttles itself is one on purpose. */
  private static final ImmutableSet<String> THROTTLES =
      ImmutableSet.of("acquire", "tryAcquire", "acquirePermission", "sleep", "throttle");

  /**
   * A loop: its tree, the body run once per element, the variables that take the next element's
   * value ({@code x} of {@code for (T x : xs)}, the counter of an indexed {@code for}, the iterator
   * of {@code while (it.hasNext())}, the lambda's parameters), what it runs over in words, and
   * whether a {@code return} in the body leaves the loop (not so in a lambda).
   */
  public record Loop(
      Tree tree, Tree body, Set<Symbol> iteration, String over, boolean returnLeaves) {}

  /**
   * An await in a loop's body that starts a new round trip per element: the await, the call that
   * starts the work, the kind of future it waits for, and the local variable whose initializer it
   * is in, if any (where a {@code @SuppressWarnings} for it would go).
   */
  public record PerElementAwait(
      Awaits.Await await,
      MethodInvocationTree call,
      AsyncKind kind,
      @Nullable VariableTree declaration) {}

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
      if (element == null || isBatch(element.type, state)) {
        return null;
      }
      return new Loop(
          tree,
          loop.getStatement(),
          Set.of(element),
          "element of " + label(loop.getExpression(), state),
          true);
    }
    if (tree instanceof ForLoopTree) {
      ForLoopTree loop = (ForLoopTree) tree;
      Set<Symbol> counters = new HashSet<>();
      for (StatementTree init : loop.getInitializer()) {
        if (init instanceof VariableTree) {
          counters.add(ASTHelpers.getSymbol(init));
        }
      }
      for (ExpressionStatementTree update : loop.getUpdate()) {
        if (!(update.getExpression() instanceof UnaryTree)
            || !counters.containsAll(
                Variables.targets(((UnaryTree) update.getExpression()).getExpression()))) {
          return null;
        }
      }
      return counters.isEmpty()
          ? null
          : new Loop(tree, loop.getStatement(), counters, "iteration", true);
    }
    if (tree instanceof WhileLoopTree) {
      Set<Symbol> cursor = stepped(((WhileLoopTree) tree).getCondition(), state);
      return cursor.isEmpty()
          ? null
          : new Loop(tree, ((WhileLoopTree) tree).getStatement(), cursor, "element", true);
    }
    if (tree instanceof DoWhileLoopTree) {
      Set<Symbol> cursor = stepped(((DoWhileLoopTree) tree).getCondition(), state);
      return cursor.isEmpty()
          ? null
          : new Loop(tree, ((DoWhileLoopTree) tree).getStatement(), cursor, "element", true);
    }
    if (tree instanceof MethodInvocationTree) {
      return perElementLambda(path, (MethodInvocationTree) tree, state);
    }
    return null;
  }

  /**
   * The awaits in {@code loop}'s body that start new work per element: on a future made by a call
   * that reads the current element (directly or through locals made from it), that is no batch,
   * keeps a value, is not named as a write or gate, reads nothing the loop carries from one element
   * to the next (a cursor, a page token, state changed with a result), and is not made on an object
   * the loop also writes to ({@code users.find(id)} beside {@code users.save(u)}). Empty if the
   * loop may stop early on a result ({@code break}, {@code return}, a labeled jump) or throttles
   * itself ({@code Semaphore.acquire}, {@code RateLimiter.acquire}, {@code Thread.sleep}).
   */
  public static List<PerElementAwait> perElementAwaits(Loop loop, VisitorState state) {
    BodyScan scan = new BodyScan(loop, state);
    scan.scan(loop.body(), null);
    if (scan.found.isEmpty() || scan.stops) {
      return List.of();
    }
    // Only now, with something to report, look into nested loops and lambdas for what they do to
    // this loop: a return or labeled jump out of it, a variable changed from one element to the
    // next.
    for (Tree nested : scan.nested) {
      scan.written.addAll(Variables.writes(nested));
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          scan.noteWrite(node);
          return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
          // Declared in there, such as a lambda's parameter: new each time, carried by nothing.
          scan.declared.add(ASTHelpers.getSymbol(node));
          return super.visitVariable(node, unused);
        }
      }.scan(nested, null);
      if (leavesEnclosingLoop(nested, loop)) {
        return List.of();
      }
    }
    Set<Symbol> carried = new HashSet<>(scan.written);
    carried.removeAll(scan.declared);
    List<PerElementAwait> awaits = new ArrayList<>();
    for (int i = 0; i < scan.found.size(); i++) {
      PerElementAwait await = scan.found.get(i);
      if (Collections.disjoint(carried, scan.reads.get(i))
          && Collections.disjoint(
              scan.changedObjects, FutureCalls.receiverRoots(await.call(), state))) {
        awaits.add(await);
      }
    }
    return awaits;
  }

  /** Reads a loop body once, in source order; nested loops, lambdas and classes are set aside. */
  private static final class BodyScan extends TreeScanner<Void, Void> {
    private final Loop loop;
    private final VisitorState state;
    final Set<Symbol> perElement;
    final Set<Symbol> declared = new HashSet<>();
    final Set<Symbol> results = new HashSet<>();
    final Set<Symbol> written = new HashSet<>();
    final Set<Object> changedObjects = new HashSet<>();
    final List<PerElementAwait> found = new ArrayList<>();
    final List<Set<Symbol>> reads = new ArrayList<>();
    final List<Tree> nested = new ArrayList<>();
    boolean stops;
    private int awaitsSeen;
    private int switches;
    private @Nullable VariableTree declaration;

    BodyScan(Loop loop, VisitorState state) {
      this.loop = loop;
      this.state = state;
      this.perElement = new HashSet<>(loop.iteration());
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      int before = awaitsSeen;
      VariableTree outer = declaration;
      declaration = node;
      super.visitVariable(node, unused);
      declaration = outer;
      Symbol symbol = ASTHelpers.getSymbol(node);
      declared.add(symbol);
      flowInto(Set.of(symbol), node.getInitializer(), before);
      return null;
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
      int before = awaitsSeen;
      super.visitAssignment(node, unused);
      Set<Symbol> targets = Variables.targets(node.getVariable());
      written.addAll(targets);
      flowInto(targets, node.getExpression(), before);
      return null;
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
      written.addAll(Variables.targets(node.getVariable()));
      return super.visitCompoundAssignment(node, unused);
    }

    @Override
    public Void visitUnary(UnaryTree node, Void unused) {
      if (Variables.assigns(node)) {
        written.addAll(Variables.targets(node.getExpression()));
      }
      return super.visitUnary(node, unused);
    }

    /** Locals given a value made from the element, or from a result, become such themselves. */
    private void flowInto(Set<Symbol> targets, @Nullable ExpressionTree value, int awaitsBefore) {
      if (value == null) {
        return;
      }
      Set<Symbol> valueReads = Variables.reads(value);
      if (!Collections.disjoint(perElement, valueReads)) {
        perElement.addAll(targets);
      }
      if (awaitsSeen > awaitsBefore || !Collections.disjoint(results, valueReads)) {
        results.addAll(targets);
      }
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      scan(node.getMethodSelect(), null);
      int before = awaitsSeen;
      scan(node.getArguments(), null);
      if (THROTTLES.contains(Trees.methodName(node))) {
        stops = true;
      }
      ExpressionTree receiver = Trees.receiver(node);
      if (receiver != null
          && !AsyncTypes.isFutureLike(ASTHelpers.getType(node), state)
          && (awaitsSeen > before || argumentsRead(node, results))) {
        // state.advance(page), cursor.set(fetch(...).join().next()): changed with a result.
        written.addAll(Trees.rootSymbols(receiver, state));
      }
      noteWrite(node);
      Awaits.Await await = Awaits.of(node, state);
      if (await != null) {
        awaitsSeen++;
        consider(await);
      }
      return null;
    }

    /** users.update(u): whatever users does next may see it. */
    void noteWrite(MethodInvocationTree node) {
      ExpressionTree receiver = Trees.receiver(node);
      if (Verbs.isOrdered(Trees.methodName(node))
          && (receiver == null || !AsyncTypes.isFutureLike(ASTHelpers.getType(receiver), state))) {
        changedObjects.addAll(FutureCalls.receiverRoots(node, state));
      }
    }

    private static boolean argumentsRead(MethodInvocationTree node, Set<Symbol> variables) {
      if (variables.isEmpty()) {
        return false;
      }
      for (ExpressionTree argument : node.getArguments()) {
        if (Variables.readsAny(argument, variables)) {
          return true;
        }
      }
      return false;
    }

    private void consider(Awaits.Await await) {
      ExpressionTree future = await.future();
      MethodInvocationTree call = FutureCalls.creatingCall(future, state);
      Type type = future == null ? null : ASTHelpers.getType(future);
      AsyncKind kind = AsyncTypes.kindOf(type, state);
      if (call == null
          || kind == null
          || AsyncTypes.isVoidValued(type, state)
          || FutureCalls.containsBatch(future, state)
          || Verbs.orderedAlong(future, state) != null) {
        return;
      }
      Set<Symbol> futureReads = Variables.reads(future);
      if (!Collections.disjoint(perElement, futureReads)) {
        found.add(new PerElementAwait(await, call, kind, declaration));
        reads.add(futureReads);
      }
    }

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
      stops |= loop.returnLeaves();
      return super.visitReturn(node, unused);
    }

    @Override
    public Void visitBreak(BreakTree node, Void unused) {
      stops |= node.getLabel() != null || switches == 0;
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree node, Void unused) {
      stops |= node.getLabel() != null;
      return null;
    }

    @Override
    public Void visitSwitch(SwitchTree node, Void unused) {
      switches++;
      super.visitSwitch(node, unused);
      switches--;
      return null;
    }

    /** Nested loops are read by their own match; lambdas and classes run later, or are loops. */
    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree instanceof ForLoopTree
          || tree instanceof EnhancedForLoopTree
          || tree instanceof WhileLoopTree
          || tree instanceof DoWhileLoopTree
          || tree instanceof LambdaExpressionTree
          || tree instanceof ClassTree) {
        nested.add(tree);
        return null;
      }
      return super.scan(tree, unused);
    }
  }

  /** True if {@code nested} (inside {@code loop}'s body) returns or jumps out of {@code loop}. */
  private static boolean leavesEnclosingLoop(Tree nested, Loop loop) {
    if (nested instanceof LambdaExpressionTree || nested instanceof ClassTree) {
      return false;
    }
    Boolean leaves =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitReturn(ReturnTree node, Void unused) {
            return loop.returnLeaves();
          }

          @Override
          public Boolean visitBreak(BreakTree node, Void unused) {
            return node.getLabel() != null;
          }

          @Override
          public Boolean visitContinue(ContinueTree node, Void unused) {
            return node.getLabel() != null;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree node, Void unused) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(nested, null);
    return Boolean.TRUE.equals(leaves);
  }

  /** {@code it} for {@code it.hasNext()}, {@code rs} for {@code rs.next()}; else empty. */
  private static Set<Symbol> stepped(ExpressionTree condition, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    if (!(e instanceof MethodInvocationTree)
        || !((MethodInvocationTree) e).getArguments().isEmpty()
        || !STEPS.contains(Trees.methodName(e))
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
        || !PER_ELEMENT.contains(Symbols.name(method, state))) {
      return null;
    }
    ExpressionTree receiver = Trees.receiver(call);
    boolean stream = AsyncTypes.isOwnedBy(method, "java.util.stream.BaseStream", state);
    boolean inline =
        AsyncTypes.isOwnedBy(method, "java.lang.Iterable", state)
            || AsyncTypes.isOwnedBy(method, "java.util.Map", state)
            || AsyncTypes.isOwnedBy(method, "java.util.Iterator", state);
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
    for (VariableTree parameter : lambda.getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      if (symbol == null || isBatch(symbol.type, state)) {
        return null;
      }
      parameters.add(symbol);
    }
    return new Loop(
        call, lambda.getBody(), parameters, "element of " + label(receiver, state), false);
  }

  /** A sequential stream: no parallel() or parallelStream() along its chain. */
  private static boolean isParallel(ExpressionTree receiver) {
    for (ExpressionTree e = receiver; e instanceof MethodInvocationTree; e = Trees.receiver(e)) {
      String name = Trees.methodName(e);
      if (name.equals("parallel") || name.equals("parallelStream")) {
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
      if (SHORT_CIRCUITS.contains(
          ((MemberSelectTree) select.getLeaf()).getIdentifier().toString())) {
        return true;
      }
      p = call;
    }
    return false;
  }

  /** An element that is already a batch: a collection, an array, a map. */
  private static boolean isBatch(@Nullable Type type, VisitorState state) {
    return type != null
        && (type.hasTag(com.sun.tools.javac.code.TypeTag.ARRAY)
            || AsyncTypes.isSubtypeNamed(type, "java.util.Collection", state)
            || AsyncTypes.isSubtypeNamed(type, "java.util.Map", state));
  }

  /**
   * The one call that is the whole of a loop body, braced or not ({@code out.add(...)}); or null.
   */
  public static @Nullable MethodInvocationTree onlyCall(StatementTree body) {
    StatementTree only = body;
    if (body instanceof BlockTree) {
      List<? extends StatementTree> statements = ((BlockTree) body).getStatements();
      only = statements.size() == 1 ? statements.get(0) : null;
    }
    return only instanceof ExpressionStatementTree
            && ((ExpressionStatementTree) only).getExpression() instanceof MethodInvocationTree
        ? (MethodInvocationTree) ((ExpressionStatementTree) only).getExpression()
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
