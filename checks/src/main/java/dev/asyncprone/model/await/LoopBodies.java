package dev.asyncprone.model.await;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.Verbs;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The reading of a loop's body behind {@link Loops#perElementAwaits}: one pass in source order that
 * notes the awaits, what the element flows into, what is written, and whether the loop may stop
 * early or throttles itself; nested loops and lambdas are read only when there is something to
 * report.
 */
final class LoopBodies {
  private LoopBodies() {}

  /** {@link Loops#perElementAwaits}. */
  static List<Loops.PerElementAwait> perElementAwaits(Loops.Loop loop, VisitorState state) {
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
    List<Loops.PerElementAwait> awaits = new ArrayList<>();
    for (int i = 0; i < scan.found.size(); i++) {
      Loops.PerElementAwait await = scan.found.get(i);
      if (Collections.disjoint(carried, scan.reads.get(i))
          && !scan.changedByAnotherCall(await.call(), state)) {
        awaits.add(await);
      }
    }
    return awaits;
  }

  /** Reads a loop body once, in source order; nested loops, lambdas and classes are set aside. */
  private static final class BodyScan extends TreeScanner<Void, Void> {
    private final Loops.Loop loop;
    private final VisitorState state;
    final Set<Symbol> perElement;
    final Set<Symbol> declared = new HashSet<>();
    final Set<Symbol> results = new HashSet<>();
    final Set<Symbol> written = new HashSet<>();

    /** The objects written to by a call named as a write, each with the calls that write it. */
    final Map<Object, Set<MethodInvocationTree>> changedObjects = new HashMap<>();

    final List<Loops.PerElementAwait> found = new ArrayList<>();
    final List<Set<Symbol>> reads = new ArrayList<>();
    final List<Tree> nested = new ArrayList<>();
    boolean stops;
    private int awaitsSeen;
    private int switches;
    private @Nullable VariableTree declaration;

    BodyScan(Loops.Loop loop, VisitorState state) {
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
      if (Verbs.isThrottle(Trees.methodName(node))) {
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
        for (Object root : FutureCalls.receiverRoots(node, state)) {
          changedObjects.computeIfAbsent(root, r -> new HashSet<>()).add(node);
        }
      }
    }

    /**
     * True if a call of the loop other than {@code call} itself writes to an object {@code call}
     * works on: a read there may see that write, so its await is not independent of the loop's
     * order. A write's own await is the write; whether its order matters is what {@link
     * Loops.PerElementAwait#ordered} says.
     */
    boolean changedByAnotherCall(MethodInvocationTree call, VisitorState state) {
      for (Object root : FutureCalls.receiverRoots(call, state)) {
        Set<MethodInvocationTree> writers = changedObjects.get(root);
        if (writers != null && (writers.size() > 1 || !writers.contains(call))) {
          return true;
        }
      }
      return false;
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
          || FutureCalls.containsBatch(future, state)
          || handedBatchWhole(call)) {
        return;
      }
      Set<Symbol> futureReads = Variables.reads(future);
      if (!Collections.disjoint(perElement, futureReads)) {
        boolean ordered =
            AsyncTypes.isVoidValued(type, state) || Verbs.orderedAlong(future, state) != null;
        found.add(new Loops.PerElementAwait(await, call, kind, declaration, ordered));
        reads.add(futureReads);
      }
    }

    /**
     * True if {@code call} is made on, or handed, an element that is a batch, whole ({@code
     * client.putAll(chunk)}, {@code send(batch.values())}, {@code chunk.flush()}): one round trip
     * per batch is the batching itself.
     */
    private boolean handedBatchWhole(MethodInvocationTree call) {
      if (loop.batchElements().isEmpty()) {
        return false;
      }
      List<ExpressionTree> handed = new ArrayList<>(call.getArguments());
      ExpressionTree receiver = Trees.receiver(call);
      if (receiver != null) {
        handed.add(receiver);
      }
      for (ExpressionTree e : handed) {
        ExpressionTree whole = ASTHelpers.stripParentheses(e);
        while (whole instanceof MethodInvocationTree view
            && Loops.isBatch(ASTHelpers.getType(view), state)) {
          whole = ASTHelpers.stripParentheses(Trees.receiver(view)); // batch.values()
        }
        if (whole instanceof IdentifierTree
            && loop.batchElements().contains(ASTHelpers.getSymbol(whole))) {
          return true;
        }
      }
      return false;
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
      if (Trees.isLoop(tree) || tree instanceof LambdaExpressionTree || tree instanceof ClassTree) {
        nested.add(tree);
        return null;
      }
      return super.scan(tree, unused);
    }
  }

  /** True if {@code nested} (inside {@code loop}'s body) returns or jumps out of {@code loop}. */
  private static boolean leavesEnclosingLoop(Tree nested, Loops.Loop loop) {
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
}
