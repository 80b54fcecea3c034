package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.Awaits.Await;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The futures known to be complete where an await runs, so that the await returns at once. */
public final class KnownDone {
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";

  private KnownDone() {}

  /**
   * True if the future that {@code await} waits for is known to be complete where the await runs,
   * so the await returns at once: it was passed to the {@code allOf} (or Guava {@code
   * whenAllSucceed}, {@code allAsList}, ...) whose continuation this is; it is the source of the
   * stage whose callback this is; it is the other input of a {@code thenCombine}; or an {@code
   * isDone()} test guards the await, or an {@code instanceof} test for a source whose value is
   * known when it is assembled (Reactor's {@code Fuseable.ScalarCallable}, RxJava's {@code
   * ScalarSupplier}), as in {@code if (this instanceof ScalarCallable) { T v = block(); ... }}; an
   * earlier early exit, {@code if (f == null || !f.isDone()) return null;} or Guava's {@code
   * checkState(f.isDone())}, left it done; it is an instance of a class whose {@code isDone()} is
   * {@code return true;} (Guava's ImmediateFuture); or it was taken from a {@code
   * CompletionService} ({@code service.take().get()}).
   */
  public static boolean isKnownDone(Await await, VisitorState state) {
    Set<Symbol> awaited = awaitedRoots(await, state);
    Symbol self = selfAwaited(await, state);
    if (self != null) {
      awaited.add(self);
    }
    if (isDoneFromConstruction(await, self, state) || isTakenFromCompletionService(await, state)) {
      return true;
    }
    return !awaited.isEmpty() && isDoneAt(state.getPath(), awaited, 0, state);
  }

  /**
   * True if one of {@code awaited} is known done where the tree at {@code start} runs, by the
   * guards, early exits and callbacks around it, up to its method. {@code depth}: how many helper
   * methods deep this question is asked ({@link #doneWhenHolds}); 0 in the code being checked.
   */
  private static boolean isDoneAt(
      TreePath start, Set<Symbol> awaited, int depth, VisitorState state) {
    Set<Symbol> done = new HashSet<>();
    TreePath child = start;
    for (TreePath path = child.getParentPath();
        path != null;
        child = path, path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      if (leaf instanceof BlockTree) {
        // if (f == null || !f.isDone()) { return null; } ... f.join()
        List<StatementTree> before =
            Trees.statementsBefore((BlockTree) leaf, child.getLeaf(), EARLIER_STATEMENTS);
        for (int i = 0; i < before.size(); i++) {
          Set<Symbol> guarded = doneAfterExitGuard(before.get(i), depth, state);
          if (!guarded.isEmpty()) {
            for (StatementTree between : before.subList(0, i)) {
              guarded.removeAll(Variables.writes(between));
            }
            done.addAll(guarded);
          }
        }
      } else if (leaf instanceof IfTree) {
        IfTree ifTree = (IfTree) leaf;
        if (ifTree.getThenStatement() == child.getLeaf()) {
          done.addAll(isDoneTested(ifTree.getCondition(), depth, state));
        }
      } else if (leaf instanceof ConditionalExpressionTree) {
        ConditionalExpressionTree conditional = (ConditionalExpressionTree) leaf;
        if (conditional.getTrueExpression() == child.getLeaf()) {
          done.addAll(isDoneTested(conditional.getCondition(), depth, state));
        }
      } else if (leaf instanceof EnhancedForLoopTree) {
        EnhancedForLoopTree loop = (EnhancedForLoopTree) leaf;
        if (awaited.contains(ASTHelpers.getSymbol(loop.getVariable()))) {
          awaited.addAll(Trees.rootSymbols(loop.getExpression(), state));
        }
      } else if (leaf instanceof MethodInvocationTree
          && child.getLeaf() instanceof LambdaExpressionTree
          && Trees.isArgument(child.getLeaf(), (MethodInvocationTree) leaf)) {
        MethodInvocationTree invocation = (MethodInvocationTree) leaf;
        for (VariableTree parameter : ((LambdaExpressionTree) child.getLeaf()).getParameters()) {
          if (awaited.contains(ASTHelpers.getSymbol(parameter))) {
            // futures.forEach(f -> f.join()), futures.stream().map(f -> f.join())
            awaited.addAll(Trees.rootSymbols(ASTHelpers.getReceiver(invocation), state));
          }
        }
        done.addAll(completedBefore(invocation, state));
      } else if (leaf.getKind() == Tree.Kind.METHOD || leaf.getKind() == Tree.Kind.CLASS) {
        break;
      }
      if (!Collections.disjoint(done, awaited)) {
        return true;
      }
    }
    return false;
  }

  /**
   * How many helper methods deep a guard is followed: {@code isReady(f)} calls {@code
   * getIfReady(f)}.
   */
  private static final int HELPER_DEPTH = 3;

  private static final PerCompilationCache<MethodSymbol, Set<Integer>> DONE_WHEN_HOLDS =
      new PerCompilationCache<>();

  /**
   * The futures that the helper call {@code call} proves done when it returns true ({@code
   * wantBoolean}: {@code if (isReady(f))}) or non-null ({@code getIfReady(f) != null}): the
   * arguments at the positions {@link #doneWhenHolds} finds.
   */
  private static Set<Symbol> doneByHelper(
      MethodInvocationTree call, boolean wantBoolean, int depth, VisitorState state) {
    if (call.getArguments().isEmpty() || depth >= HELPER_DEPTH) {
      return Set.of();
    }
    MethodSymbol helper = ASTHelpers.getSymbol(call);
    if (helper == null
        || helper.isVarArgs()
        || (helper.getReturnType().getTag() == TypeTag.BOOLEAN) != wantBoolean) {
      return Set.of();
    }
    Set<Integer> positions = doneWhenHolds(helper, depth, state);
    if (positions.isEmpty()) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    int i = 0;
    for (ExpressionTree argument : call.getArguments()) {
      if (positions.contains(i++)) {
        done.addAll(Trees.rootSymbols(argument, state));
      }
    }
    return done;
  }

  /**
   * The positions of the parameters of {@code helper}, a method compiled from source that no
   * subclass can override, known done whenever it returns true (a {@code boolean} helper) or a
   * value other than null (any other reference type): every {@code return} of it that is not {@code
   * false} (or {@code null}) sits where the parameter is known done by the rules of {@link
   * #isKnownDone} (an early exit on {@code !f.isDone()}, an {@code if (f.isDone())}, another such
   * helper), or returns a condition that requires it ({@code return f.isDone() && ...}). The
   * parameter must not be assigned in the helper. Followed {@link #HELPER_DEPTH} helpers deep;
   * answers for the code being checked are kept for the compilation.
   */
  private static Set<Integer> doneWhenHolds(MethodSymbol helper, int depth, VisitorState state) {
    if (depth == 0) {
      return DONE_WHEN_HOLDS.get(helper, state, h -> computeDoneWhenHolds(h, 0, state));
    }
    Set<Integer> kept = DONE_WHEN_HOLDS.peek(helper, state);
    return kept != null ? kept : computeDoneWhenHolds(helper, depth, state);
  }

  private static Set<Integer> computeDoneWhenHolds(
      MethodSymbol helper, int depth, VisitorState state) {
    Type returned = helper.getReturnType();
    boolean bool = returned.getTag() == TypeTag.BOOLEAN;
    if (helper.getParameters().isEmpty()
        || (!bool && !returned.isReference())
        || !Symbols.cannotBeOverridden(helper)) {
      return Set.of();
    }
    Tree declaration = Trees.sourceTree(helper, state);
    if (!(declaration instanceof MethodTree) || ((MethodTree) declaration).getBody() == null) {
      return Set.of();
    }
    MethodTree method = (MethodTree) declaration;
    List<Symbol> parameters = new ArrayList<>();
    for (VariableTree parameter : method.getParameters()) {
      parameters.add(ASTHelpers.getSymbol(parameter));
    }
    Set<Symbol> proven = new HashSet<>(parameters);
    proven.removeAll(Variables.writes(method.getBody()));
    boolean[] anyReturn = {false};
    TreePath methodPath = Trees.detachedPath(method, state);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        ExpressionTree value =
            tree.getExpression() == null ? null : ASTHelpers.stripParentheses(tree.getExpression());
        if (proven.isEmpty() || value == null || holdsNever(value, bool)) {
          return null;
        }
        anyReturn[0] = true;
        Set<Symbol> tested = bool ? isDoneTested(value, depth + 1, state) : Set.of();
        proven.removeIf(
            p ->
                !tested.contains(p)
                    && !isDoneAt(getCurrentPath(), new HashSet<>(Set.of(p)), depth + 1, state));
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null; // its returns are the lambda's
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(new TreePath(methodPath, method.getBody()), null);
    if (!anyReturn[0] || proven.isEmpty()) {
      return Set.of();
    }
    Set<Integer> positions = new HashSet<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (proven.contains(parameters.get(i))) {
        positions.add(i);
      }
    }
    return Set.copyOf(positions);
  }

  /** {@code false} in a boolean helper, {@code null} in another: a return that never holds. */
  private static boolean holdsNever(ExpressionTree value, boolean bool) {
    return bool
        ? value instanceof LiteralTree && Boolean.FALSE.equals(((LiteralTree) value).getValue())
        : value.getKind() == Tree.Kind.NULL_LITERAL;
  }

  /**
   * The futures known done after {@code statement} if it is an early exit, {@code if (c) return
   * ...;} (or throw, break, continue; no else), whose condition holds when one of them is not done:
   * {@code !f.isDone()}, alone or as one side of an {@code ||}.
   */
  private static Set<Symbol> doneAfterExitGuard(
      StatementTree statement, int depth, VisitorState state) {
    if (statement instanceof ExpressionStatementTree) {
      return doneAfterPrecondition(
          ((ExpressionStatementTree) statement).getExpression(), depth, state);
    }
    if (!(statement instanceof IfTree)) {
      return Set.of();
    }
    IfTree guard = (IfTree) statement;
    if (guard.getElseStatement() != null || !exits(guard.getThenStatement())) {
      return Set.of();
    }
    Set<Symbol> done = new HashSet<>();
    collectNotDone(guard.getCondition(), done, depth, state);
    return done;
  }

  /**
   * The futures known done after a Guava precondition that throws unless its condition holds:
   * {@code checkState(f.isDone(), ...)}, also {@code checkArgument} and {@code Verify.verify}.
   */
  private static Set<Symbol> doneAfterPrecondition(
      ExpressionTree expression, int depth, VisitorState state) {
    if (!(expression instanceof MethodInvocationTree)
        || ((MethodInvocationTree) expression).getArguments().isEmpty()) {
      return Set.of();
    }
    MethodSymbol m = ASTHelpers.getSymbol((MethodInvocationTree) expression);
    if (m == null || !m.isStatic()) {
      return Set.of();
    }
    String name = Symbols.name(m, state);
    boolean throwsUnlessTrue =
        ((name.equals("checkState") || name.equals("checkArgument"))
                && Symbols.isOwner(m, "com.google.common.base.Preconditions", state))
            || (name.equals("verify")
                && Symbols.isOwner(m, "com.google.common.base.Verify", state));
    return throwsUnlessTrue
        ? isDoneTested(((MethodInvocationTree) expression).getArguments().get(0), depth, state)
        : Set.of();
  }

  /**
   * The futures {@code f} such that {@code !f.isDone()} alone makes {@code condition} hold, or a
   * helper's {@code !isReady(f)} or {@code getIfReady(f) == null} ({@link #doneByHelper}).
   */
  private static void collectNotDone(
      ExpressionTree condition, Set<Symbol> notDone, int depth, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    if (e.getKind() == Tree.Kind.CONDITIONAL_OR) {
      collectNotDone(((BinaryTree) e).getLeftOperand(), notDone, depth, state);
      collectNotDone(((BinaryTree) e).getRightOperand(), notDone, depth, state);
    } else if (e.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      ExpressionTree operand = ASTHelpers.stripParentheses(((UnaryTree) e).getExpression());
      if (operand instanceof MethodInvocationTree) {
        MethodInvocationTree call = (MethodInvocationTree) operand;
        if (isIsDone(call, state)) {
          notDone.addAll(Trees.rootSymbols(ASTHelpers.getReceiver(operand), state));
        } else {
          notDone.addAll(doneByHelper(call, true, depth, state));
        }
      }
    } else if (e.getKind() == Tree.Kind.EQUAL_TO) {
      ExpressionTree compared = Trees.comparedWithNull((BinaryTree) e);
      if (compared instanceof MethodInvocationTree) {
        notDone.addAll(doneByHelper((MethodInvocationTree) compared, false, depth, state));
      }
    }
  }

  private static boolean isIsDone(MethodInvocationTree call, VisitorState state) {
    MethodSymbol m = ASTHelpers.getSymbol(call);
    return m != null && m.getParameters().isEmpty() && Symbols.name(m, state).equals("isDone");
  }

  /** True if {@code statement} never completes normally: return, throw, break, continue. */
  private static boolean exits(StatementTree statement) {
    if (statement instanceof BlockTree) {
      List<? extends StatementTree> statements = ((BlockTree) statement).getStatements();
      return !statements.isEmpty() && exits(statements.get(statements.size() - 1));
    }
    return statement instanceof ReturnTree
        || statement instanceof ThrowTree
        || statement instanceof BreakTree
        || statement instanceof ContinueTree;
  }

  /**
   * True if the future of {@code await} was taken from where only completed futures are put ({@link
   * CompletionQueues#isTakeOfDone}: a {@code CompletionService}, a queue that only completion
   * callbacks fill): the call itself, {@code service.take().get()}, or a local initialized with it
   * in a block around the await and, if it is assigned again, given only such takes ({@code
   * Future<T> f = queue.poll(); ... f = queue.take(); ... f.get()}).
   */
  private static boolean isTakenFromCompletionService(Await await, VisitorState state) {
    ExpressionTree future =
        await.future() == null ? null : ASTHelpers.stripParentheses(await.future());
    if (!(future instanceof IdentifierTree)) {
      return CompletionQueues.isTakeOfDone(future, state);
    }
    Symbol local = ASTHelpers.getSymbol(future);
    if (!Variables.isLocal(local)
        || !CompletionQueues.isTakeOfDone(initializerInScope(local, state), state)) {
      return false;
    }
    return (local.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0
        || CompletionQueues.isAssignedOnlyTakesOfDone((Symbol.VarSymbol) local, state);
  }

  /** The initializer of {@code local}, declared in a statement of a block around the path. */
  private static @Nullable ExpressionTree initializerInScope(Symbol local, VisitorState state) {
    for (StatementTree statement :
        Trees.statementsBeforeInBlocks(state.getPath(), EARLIER_STATEMENTS, true)) {
      if (statement instanceof VariableTree && ASTHelpers.getSymbol(statement) == local) {
        ExpressionTree initializer = ((VariableTree) statement).getInitializer();
        return initializer == null ? null : ASTHelpers.stripParentheses(initializer);
      }
    }
    return null;
  }

  private static final PerCompilationCache<Symbol, Boolean> DONE_FROM_CONSTRUCTION =
      new PerCompilationCache<>();

  /**
   * True if {@code await} waits on an instance of a class whose {@code isDone()} is {@code return
   * true;} (Guava's ImmediateFuture: {@code get()} inside {@code get(timeout, unit)}), as far as
   * this compilation's sources show; {@code self}, the class whose {@code this} an unqualified
   * await waits on, for an await that shows no future.
   */
  private static boolean isDoneFromConstruction(
      Await await, @Nullable Symbol self, VisitorState state) {
    Symbol type = self;
    if (await.future() != null) {
      Type futureType = ASTHelpers.getType(await.future());
      type = futureType == null ? null : futureType.tsym;
    }
    if (!(type instanceof Symbol.ClassSymbol)) {
      return false;
    }
    return DONE_FROM_CONSTRUCTION.get(
        type, state, t -> isDoneAlwaysTrue((Symbol.ClassSymbol) t, state));
  }

  private static boolean isDoneAlwaysTrue(Symbol.ClassSymbol type, VisitorState state) {
    Types types = state.getTypes();
    for (Type t = type.type;
        t != null && t.tsym instanceof Symbol.ClassSymbol;
        t = types.supertype(t)) {
      for (Symbol member : t.tsym.members().getSymbolsByName(state.getName("isDone"))) {
        if (member instanceof MethodSymbol && ((MethodSymbol) member).getParameters().isEmpty()) {
          BlockTree body = Trees.sourceBody((MethodSymbol) member, state);
          return body != null && returnsTrue(body);
        }
      }
    }
    return false;
  }

  private static boolean returnsTrue(BlockTree body) {
    if (body.getStatements().size() != 1) {
      return false;
    }
    StatementTree only = body.getStatements().get(0);
    if (!(only instanceof ReturnTree) || ((ReturnTree) only).getExpression() == null) {
      return false;
    }
    ExpressionTree value = ASTHelpers.stripParentheses(((ReturnTree) only).getExpression());
    return value instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) value).getValue());
  }

  /** The variables the future of {@code await} (at {@code state}'s path) comes from. */
  private static Set<Symbol> awaitedRoots(Await await, VisitorState state) {
    Set<Symbol> awaited = new HashSet<>(Trees.rootSymbols(await.future(), state));
    if (await.future() == null && await.call() instanceof MemberReferenceTree) {
      // futures.stream().map(CompletableFuture::join): the elements come from the stream's source.
      Tree parent = state.getPath().getParentPath().getLeaf();
      if (parent instanceof MethodInvocationTree) {
        awaited.addAll(Trees.rootSymbols(ASTHelpers.getReceiver((ExpressionTree) parent), state));
      }
    }
    return awaited;
  }

  /** How many statements before an await {@link #isAwaitedEarlier} reads, in each block. */
  private static final int EARLIER_STATEMENTS = 32;

  private static final PerCompilationCache<Tree, Set<Symbol>> CHAIN_SOURCES =
      new PerCompilationCache<>();

  /**
   * True if an earlier statement of a block around the await already waited for its future (not a
   * publisher, which runs again), alone or through an all-of combinator over it, so this await
   * returns at once: {@code a.join()} after {@code CompletableFuture.allOf(a, b).join()}, or after
   * {@code a.get(5, SECONDS)}. Reads only the statements themselves ({@code x.join();}, {@code T v
   * = x.join();}) and only the last few of each block, so its cost does not grow with the size of a
   * method.
   */
  public static boolean isAwaitedEarlier(Await await, VisitorState state) {
    Set<Symbol> awaited = awaitedRoots(await, state);
    if (awaited.isEmpty()) {
      return false;
    }
    for (StatementTree statement :
        Trees.statementsBeforeInBlocks(state.getPath(), EARLIER_STATEMENTS, false)) {
      if (!Collections.disjoint(awaitedBy(statement, state), awaited)) {
        return true;
      }
    }
    return false;
  }

  /** The futures a statement waits for: {@code x.join();} or {@code T v = allOf(a, b).get();}. */
  private static Set<Symbol> awaitedBy(StatementTree statement, VisitorState state) {
    ExpressionTree expression = null;
    if (statement instanceof ExpressionStatementTree) {
      expression = ((ExpressionStatementTree) statement).getExpression();
    } else if (statement instanceof VariableTree) {
      expression = ((VariableTree) statement).getInitializer();
    }
    if (!(expression instanceof MethodInvocationTree)) {
      return Set.of();
    }
    Await earlier = Awaits.of(expression, state);
    if (earlier == null || earlier.future() == null) {
      return Set.of();
    }
    AsyncKind kind = AsyncTypes.kindOf(earlier.future(), state);
    if (kind == null || kind.isLazy()) {
      return Set.of(); // a publisher runs again for each subscriber: blocking once proves nothing
    }
    Set<Symbol> done = new HashSet<>();
    done.addAll(chainSources(earlier.future(), state));
    return done;
  }

  /**
   * The futures complete when a callback passed to {@code invocation} runs: its receiver chain's
   * sources and the inputs of any all-of combinator in that chain, and the other inputs of a
   * two-input stage method.
   */
  private static Set<Symbol> completedBefore(MethodInvocationTree invocation, VisitorState state) {
    Set<Symbol> done = new HashSet<>();
    MethodSymbol method = ASTHelpers.getSymbol(invocation);
    if (method == null) {
      return done;
    }
    boolean stageCallback =
        AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETION_STAGE.className(), state)
            || AsyncTypes.isOwnedBy(method, AsyncKind.VERTX_FUTURE.className(), state)
            || Symbols.isOwner(
                method, "com.google.common.util.concurrent.Futures.FutureCombiner", state)
            || Symbols.isOwner(method, "com.google.common.util.concurrent.FluentFuture", state)
            || Symbols.isOwner(method, GUAVA_FUTURES, state);
    if (!stageCallback) {
      return done;
    }
    String name = Symbols.name(method, state);
    if (name.startsWith("thenCombine")
        || name.startsWith("thenAcceptBoth")
        || name.startsWith("runAfterBoth")) {
      done.addAll(Trees.rootSymbols(invocation.getArguments().get(0), state));
    }
    if (Symbols.isOwner(method, GUAVA_FUTURES, state) && !invocation.getArguments().isEmpty()) {
      // Futures.transform(input, fn, executor): fn runs once input is done.
      done.addAll(chainSources(invocation.getArguments().get(0), state));
    }
    done.addAll(chainSources(ASTHelpers.getReceiver(invocation), state));
    return done;
  }

  /**
   * The sources of the receiver chain that ends at {@code expression}, and the inputs of the all-of
   * combinators along it. Each call of a chain keeps its answer for the compilation, and a call
   * that adds nothing shares the set of its receiver, so asking at every stage of a chain of n
   * stages costs n steps in all, not n squared.
   */
  private static Set<Symbol> chainSources(@Nullable ExpressionTree expression, VisitorState state) {
    return CHAIN_SOURCES.along(
        expression == null ? null : ASTHelpers.stripParentheses(expression),
        e -> {
          ExpressionTree receiver = e instanceof MethodInvocationTree ? Trees.receiver(e) : null;
          return receiver == null ? null : ASTHelpers.stripParentheses(receiver);
        },
        e -> e,
        Set.of(),
        (e, below) -> {
          if (!(e instanceof MethodInvocationTree)) {
            return Set.copyOf(tailSources(e, state));
          }
          MethodSymbol m = ASTHelpers.getSymbol((MethodInvocationTree) e);
          if (m == null || !isAllOfCombinator(m)) {
            return below;
          }
          Set<Symbol> withInputs = new HashSet<>(below);
          for (ExpressionTree argument : ((MethodInvocationTree) e).getArguments()) {
            withInputs.addAll(Trees.rootSymbols(argument, state));
          }
          return Set.copyOf(withInputs);
        },
        state);
  }

  /** The sources from a chain's first link that is not a call ({@code this.f}) down. */
  private static Set<Symbol> tailSources(ExpressionTree tail, VisitorState state) {
    Set<Symbol> sources = new HashSet<>();
    for (ExpressionTree e = tail; e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof MethodInvocationTree) {
        MethodSymbol m = ASTHelpers.getSymbol((MethodInvocationTree) e);
        if (m != null && isAllOfCombinator(m)) {
          for (ExpressionTree argument : ((MethodInvocationTree) e).getArguments()) {
            sources.addAll(Trees.rootSymbols(argument, state));
          }
        }
      } else {
        sources.addAll(Trees.rootSymbols(e, state));
      }
    }
    return sources;
  }

  private static boolean isAllOfCombinator(MethodSymbol m) {
    String name = m.getSimpleName().toString();
    String owner = m.owner.getQualifiedName().toString();
    switch (owner) {
      case "java.util.concurrent.CompletableFuture":
        return name.equals("allOf");
      case GUAVA_FUTURES:
        return name.equals("whenAllSucceed")
            || name.equals("whenAllComplete")
            || name.equals("allAsList")
            || name.equals("successfulAsList");
      case "io.vertx.core.Future":
        return name.equals("all") || name.equals("join");
      default:
        return false;
    }
  }

  /**
   * Types whose instances hold their value from assembly on: an await on one returns at once.
   * Reactor's {@code Fuseable.ScalarCallable}, RxJava 3's {@code ScalarSupplier}.
   */
  private static final List<String> SCALAR_SOURCES =
      List.of(
          "reactor.core.Fuseable.ScalarCallable", "io.reactivex.rxjava3.operators.ScalarSupplier");

  /**
   * The class whose {@code this} the await waits on, explicitly ({@code this.block()}) or
   * implicitly ({@code block()} inside a Mono subclass), or null.
   */
  private static @Nullable Symbol selfAwaited(Await await, VisitorState state) {
    ExpressionTree future = await.future();
    if (future != null) {
      return thisClass(future);
    }
    if (!(await.call() instanceof MethodInvocationTree)) {
      return null;
    }
    MethodInvocationTree call = (MethodInvocationTree) await.call();
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || method.isStatic()
        || !(call.getMethodSelect() instanceof IdentifierTree)) {
      return null;
    }
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      if (path.getLeaf() instanceof ClassTree) {
        Symbol.ClassSymbol owner = ASTHelpers.getSymbol((ClassTree) path.getLeaf());
        if (owner != null && method.isMemberOf(owner, state.getTypes())) {
          return owner;
        }
      }
    }
    return null;
  }

  /** For the expression {@code this} (or {@code Outer.this}), the class it is; else null. */
  private static @Nullable Symbol thisClass(ExpressionTree expression) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    Symbol symbol = ASTHelpers.getSymbol(e);
    return symbol instanceof Symbol.VarSymbol && symbol.getSimpleName().contentEquals("this")
        ? symbol.owner
        : null;
  }

  /**
   * The futures known done where {@code condition} holds: those whose {@code isDone()} it requires,
   * and those it requires to be scalar sources.
   */
  private static Set<Symbol> isDoneTested(ExpressionTree condition, int depth, VisitorState state) {
    Set<Symbol> tested = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitInstanceOf(InstanceOfTree tree, Void unused) {
        Type type = tree.getType() == null ? null : ASTHelpers.getType(tree.getType());
        if (type == null && tree.getPattern() instanceof BindingPatternTree) {
          type = ASTHelpers.getType(((BindingPatternTree) tree.getPattern()).getVariable());
        }
        for (String scalar : SCALAR_SOURCES) {
          if (AsyncTypes.isSubtypeNamed(type, scalar, state)) {
            tested.addAll(Trees.rootSymbols(tree.getExpression(), state));
            Symbol self = thisClass(tree.getExpression());
            if (self != null) {
              tested.add(self);
            }
            break;
          }
        }
        return super.visitInstanceOf(tree, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        MethodSymbol m = ASTHelpers.getSymbol(tree);
        if (m != null && Symbols.name(m, state).equals("isDone") && m.getParameters().isEmpty()) {
          tested.addAll(Trees.rootSymbols(ASTHelpers.getReceiver(tree), state));
        }
        return null; // log(f.isDone()) may be true either way
      }

      @Override
      public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
        return null; // c ? f.isDone() : true
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitUnary(com.sun.source.tree.UnaryTree tree, Void unused) {
        // !f.isDone() says the opposite; what it guards is not known to be done.
        return tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
            ? null
            : super.visitUnary(tree, unused);
      }

      @Override
      public Void visitBinary(com.sun.source.tree.BinaryTree tree, Void unused) {
        // Either side of || may be the one that held; f.isDone() == false says the opposite.
        return tree.getKind() == Tree.Kind.CONDITIONAL_OR
                || tree.getKind() == Tree.Kind.EQUAL_TO
                || tree.getKind() == Tree.Kind.NOT_EQUAL_TO
            ? null
            : super.visitBinary(tree, unused);
      }
    }.scan(condition, null);
    collectDoneByHelpers(condition, tested, depth, state);
    return tested;
  }

  /**
   * The futures that helper calls among the conjuncts of {@code condition} prove done where it
   * holds: {@code isReady(f)}, {@code getIfReady(f) != null} ({@link #doneByHelper}). Only a call
   * that must itself hold counts, not one passed to another call.
   */
  private static void collectDoneByHelpers(
      ExpressionTree condition, Set<Symbol> done, int depth, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(condition);
    if (e.getKind() == Tree.Kind.CONDITIONAL_AND) {
      collectDoneByHelpers(((BinaryTree) e).getLeftOperand(), done, depth, state);
      collectDoneByHelpers(((BinaryTree) e).getRightOperand(), done, depth, state);
    } else if (e instanceof MethodInvocationTree) {
      done.addAll(doneByHelper((MethodInvocationTree) e, true, depth, state));
    } else if (e.getKind() == Tree.Kind.NOT_EQUAL_TO) {
      ExpressionTree compared = Trees.comparedWithNull((BinaryTree) e);
      if (compared instanceof MethodInvocationTree) {
        done.addAll(doneByHelper((MethodInvocationTree) compared, false, depth, state));
      }
    }
  }
}
