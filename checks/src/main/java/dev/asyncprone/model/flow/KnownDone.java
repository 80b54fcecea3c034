package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.Awaits.Await;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerCompilationCache;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * Whether the future an await waits for is already complete where the await runs, so that it
 * returns at once. Answered by a forward analysis of the method, once per method ({@link Flow}):
 *
 * <ul>
 *   <li>an await that returned (timed or not) leaves its future done, and with it the futures it
 *       completes after: the inputs of an all-of, the source of a stage;
 *   <li>where {@code f.isDone()}, {@code isSuccess()}, {@code isCompletedExceptionally()}, {@code
 *       f.getNow(x) != x}, {@code f.state() == SUCCESS}, or a helper method that says so ({@link
 *       DoneSummaries}) is true; after a Guava {@code checkState(f.isDone())}; past an early exit
 *       on the opposite ({@code if (!f.isDone()) return;});
 *   <li>in a callback of a stage, the stage's sources, the inputs of the all-of it continues
 *       (through locals, and through {@code toArray} of the list whose elements are then joined),
 *       and the future a listener is handed;
 *   <li>a future taken from a completion queue ({@link CompletionQueues});
 * </ul>
 *
 * and, read from the await alone: an instance of a class whose {@code isDone()} is {@code return
 * true;} (Guava's ImmediateFuture), and a stream's elements past a {@code filter} that proves them
 * done. A loop variable or a lambda parameter stands for the elements of what it ranges over.
 * Assigning a variable forgets what was known of it, on the path where it is assigned.
 */
public final class KnownDone {
  private static final ContextLocal<PerUnitCache<Tree, Flow<DoneFacts>>> FLOWS =
      new ContextLocal<>();
  private static final ContextLocal<PerUnitCache<Tree, Map<Symbol, Integer>>> MENTIONS =
      new ContextLocal<>();
  private static final PerCompilationCache<Symbol, Boolean> DONE_FROM_CONSTRUCTION =
      new PerCompilationCache<>();
  private static final PerCompilationCache<Tree, Boolean> ANSWERS = new PerCompilationCache<>();

  private KnownDone() {}

  /**
   * True if the future that {@code await} (at {@code state}'s path) waits for is known done. Kept
   * for the compilation: the inference asks it of the awaits of every file before the checks reach
   * them, and by then the flows of that file are gone.
   */
  public static boolean isKnownDone(Await await, VisitorState state) {
    return ANSWERS.get(await.call(), state, call -> isKnownDoneNow(await, state));
  }

  private static boolean isKnownDoneNow(Await await, VisitorState state) {
    Symbol self = selfAwaited(await, state);
    if (isDoneFromConstruction(await, self, state)
        || CompletionQueues.isTakeOfDone(await.future(), state)
        || isFilteredToDone(await, state)
        || isRunOnDoneFutures(await, state)) {
      return true;
    }
    Set<Symbol> awaited = awaitedAt(await.future(), await.call(), state);
    if (self != null) {
      awaited.add(self);
    } else if (await.future() != null && !mayBeLearned(awaited, await.future(), state)) {
      return false;
    }
    return isDoneBefore(awaited, state);
  }

  /**
   * False where the analysis cannot find any of {@code awaited} done at {@code state}'s path, so
   * that it need not run (it is most of what this question costs). It learns that a future is done
   * only from what the code does with it first (an await, a probe, an all-of, a stage it is the
   * source of, a helper it is handed, the value it is first given), from the callers of a private
   * method, from what a callback is handed, or from an earlier turn of a loop; where the await is
   * in no lambda and no loop of a method that is not private, and the method names none of them
   * outside {@code future}, nor gives one a value, there is nothing to learn it from.
   */
  private static boolean mayBeLearned(
      Set<Symbol> awaited, ExpressionTree future, VisitorState state) {
    MethodTree method = null;
    for (TreePath p = state.getPath(); p != null && method == null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree || Trees.isLoop(leaf)) {
        return true;
      }
      if (leaf instanceof MethodTree found) {
        method = found;
      }
    }
    MethodSymbol symbol = method == null ? null : ASTHelpers.getSymbol(method);
    if (symbol == null || symbol.isPrivate()) {
      return true;
    }
    Map<Symbol, Integer> inMethod =
        MENTIONS.get(state, PerUnitCache::new).get(method, state, Variables::mentions);
    Map<Symbol, Integer> inFuture = Variables.mentions(future);
    for (Symbol variable : awaited) {
      if (inMethod.getOrDefault(variable, 0) > inFuture.getOrDefault(variable, 0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code future}, an argument of the call at {@code state}'s path to a method that waits
   * for the future it is handed, is known done there, so that the call returns at once.
   */
  public static boolean isKnownDoneArgument(ExpressionTree future, VisitorState state) {
    return CompletionQueues.isTakeOfDone(future, state)
        || isDoneBefore(
            ArgumentAliases.of(awaitedAt(future, state.getPath().getLeaf(), state), state), state);
  }

  private static boolean isDoneBefore(Set<Symbol> awaited, VisitorState state) {
    if (awaited.isEmpty()) {
      return false;
    }
    DoneFacts facts =
        Flow.before(
            state.getPath(),
            FLOWS.get(state, PerUnitCache::new),
            new Analysis(0, true, true, state),
            state);
    return facts != null && facts.anyDone(awaited);
  }

  /**
   * True if the future in {@code variable} is known done before the tree at {@code path}, by the
   * same analysis: an await of it returned on every path there ({@code f.join(); return f;}), a
   * probe said so, ... A publisher never is: it runs again for each subscriber.
   */
  public static boolean isKnownDoneAt(TreePath path, Symbol variable, VisitorState state) {
    DoneFacts facts =
        Flow.before(
            path, FLOWS.get(state, PerUnitCache::new), new Analysis(0, true, true, state), state);
    return facts != null && facts.isDone(variable);
  }

  /**
   * The analysis; {@code depth} counts the helper methods a question has gone through; {@code
   * intoLambdas}, whether lambdas are analysed; {@code fromCallers}, whether a private method
   * starts from what holds at every call of it ({@link CallSiteFacts}).
   */
  static final class Analysis implements Flow.Analysis<DoneFacts> {
    private final int depth;
    private final boolean intoLambdas;
    private final boolean fromCallers;
    private final VisitorState state;

    Analysis(int depth, boolean intoLambdas, boolean fromCallers, VisitorState state) {
      this.depth = depth;
      this.intoLambdas = intoLambdas;
      this.fromCallers = fromCallers;
      this.state = state;
    }

    @Override
    public DoneFacts entry(TreePath code) {
      if (code.getLeaf() instanceof LambdaExpressionTree) {
        DoneFacts entry = lambdaEntry(DoneFacts.NONE, code);
        return entry == null ? DoneFacts.NONE : entry;
      }
      return fromCallers && depth == 0 && code.getLeaf() instanceof MethodTree
          ? DoneFacts.NONE.withDone(CallSiteFacts.doneAtEntry(code, state))
          : DoneFacts.NONE;
    }

    @Override
    public @Nullable DoneFacts lambdaEntry(DoneFacts atCreation, TreePath lambda) {
      if (!intoLambdas) {
        return null;
      }
      TreePath handedTo = Trees.callTakingAsArgument(lambda);
      if (handedTo == null) {
        return atCreation;
      }
      Set<Symbol> done = new HashSet<>(ranBy(handedTo.getLeaf(), lambda, depth, state));
      DoneFacts entry = atCreation;
      if (handedTo.getLeaf() instanceof MethodInvocationTree invocation) {
        done.addAll(Completions.doneWhenCallbackRuns(invocation, state));
        done.addAll(Completions.listenedFutures(invocation, lambda, state));
        Symbol handedOn = Completions.valueHandedOn(invocation, state);
        List<? extends VariableTree> parameters =
            ((LambdaExpressionTree) lambda.getLeaf()).getParameters();
        Symbol value = parameters.isEmpty() ? null : ASTHelpers.getSymbol(parameters.get(0));
        if (handedOn != null && value != null) {
          // the value is that variable's object: done when it is
          entry = entry.withImplied(value, Set.of(handedOn)).withImplied(handedOn, Set.of(value));
        }
      }
      return entry.withDone(done);
    }

    @Override
    public RecordingTransfer<DoneFacts> transfer(
        TreePath code, DoneFacts entry, Map<Node, DoneFacts> recorded) {
      return new DoneTransfer(entry, recorded, depth, state);
    }
  }

  /**
   * What a method or constructor of the build that is handed the function at {@code function} (a
   * lambda or method reference) proves where it runs it ({@link FunctionSummaries}): the futures
   * passed to the parameters it knows done there, and, where it runs the function only on done
   * futures, the lambda's parameters.
   */
  private static Set<Symbol> ranBy(Tree call, TreePath function, int depth, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol callee)) {
      return Set.of();
    }
    List<? extends ExpressionTree> arguments = Trees.arguments(call);
    int position = -1;
    for (int i = 0; i < arguments.size(); i++) {
      if (ASTHelpers.stripParentheses(arguments.get(i)) == function.getLeaf()) {
        position = i;
      }
    }
    if (position < 0) {
      return Set.of();
    }
    FunctionSummaries.Summary summary = FunctionSummaries.of(callee, position, depth, state);
    Set<Symbol> done = new HashSet<>();
    for (int i : summary.doneParameters()) {
      if (i < arguments.size()) {
        done.addAll(Trees.rootSymbols(arguments.get(i), state));
      }
    }
    if (summary.argumentsDone() && function.getLeaf() instanceof LambdaExpressionTree lambda) {
      for (VariableTree parameter : lambda.getParameters()) {
        done.add(ASTHelpers.getSymbol(parameter));
      }
    }
    return done;
  }

  /**
   * True for an await by method reference ({@code CompletableFuture::join}) handed to a method of
   * the build that runs it only on done futures.
   */
  private static boolean isRunOnDoneFutures(Await await, VisitorState state) {
    if (!(await.call() instanceof MemberReferenceTree) || await.future() != null) {
      return false;
    }
    TreePath handedTo = Trees.callTakingAsArgument(state.getPath());
    if (handedTo == null || !(ASTHelpers.getSymbol(handedTo.getLeaf()) instanceof MethodSymbol c)) {
      return false;
    }
    List<? extends ExpressionTree> arguments = Trees.arguments(handedTo.getLeaf());
    for (int i = 0; i < arguments.size(); i++) {
      if (ASTHelpers.stripParentheses(arguments.get(i)) == await.call()) {
        return FunctionSummaries.of(c, i, 0, state).argumentsDone();
      }
    }
    return false;
  }

  /**
   * The variables {@code future}, awaited by {@code call}, comes from; a loop variable or a lambda
   * parameter brings in what it ranges over ({@code for (f : futures) f.join()}, {@code
   * futures.forEach(f -> f.join())}), and a method reference the receiver of the call it is handed
   * to ({@code futures.stream().map(CompletableFuture::join)}).
   */
  private static Set<Symbol> awaitedAt(
      @Nullable ExpressionTree future, Tree call, VisitorState state) {
    Set<Symbol> awaited = new HashSet<>(Trees.rootSymbols(future, state));
    if (future == null && call instanceof MemberReferenceTree) {
      Tree parent = state.getPath().getParentPath().getLeaf();
      if (parent instanceof MethodInvocationTree handedTo) {
        awaited.addAll(Trees.rootSymbols(ASTHelpers.getReceiver(handedTo), state));
      }
    }
    TreePath child = state.getPath();
    for (TreePath p = child.getParentPath(); p != null; child = p, p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof EnhancedForLoopTree loop) {
        if (awaited.contains(ASTHelpers.getSymbol(loop.getVariable()))) {
          awaited.addAll(Trees.rootSymbols(loop.getExpression(), state));
        }
      } else if (leaf instanceof MethodInvocationTree invocation
          && child.getLeaf() instanceof LambdaExpressionTree lambda
          && Trees.isArgument(lambda, invocation)) {
        for (VariableTree parameter : lambda.getParameters()) {
          if (awaited.contains(ASTHelpers.getSymbol(parameter))) {
            awaited.addAll(Trees.rootSymbols(ASTHelpers.getReceiver(invocation), state));
          }
        }
      } else if (leaf.getKind() == Tree.Kind.METHOD || leaf.getKind() == Tree.Kind.CLASS) {
        break;
      }
    }
    return awaited;
  }

  /**
   * True for an await of a stream's element past a {@code filter} that proves it done: {@code
   * futures.stream().filter(f -> f.getNow(null) != null).map(CompletableFuture::join)}.
   */
  private static boolean isFilteredToDone(Await await, VisitorState state) {
    TreePath path = state.getPath();
    Tree handedTo = path.getParentPath().getLeaf();
    if (await.future() != null) {
      // f -> f.join(): the await is the lambda's whole result, on its parameter
      TreePath lambda = path.getParentPath();
      if (!(lambda.getLeaf() instanceof LambdaExpressionTree l)
          || l.getParameters().size() != 1
          || ASTHelpers.getSymbol(await.future())
              != ASTHelpers.getSymbol(l.getParameters().get(0))) {
        return false;
      }
      handedTo = lambda.getParentPath().getLeaf();
    }
    if (!(handedTo instanceof MethodInvocationTree map)) {
      return false;
    }
    for (ExpressionTree e = Trees.receiver(map); e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof MethodInvocationTree filter
          && Trees.methodName(filter).equals("filter")
          && filter.getArguments().size() == 1
          && ASTHelpers.stripParentheses(filter.getArguments().get(0))
              instanceof LambdaExpressionTree test
          && test.getParameters().size() == 1
          && test.getBody() instanceof ExpressionTree condition
          && DoneConditions.whenTrue(condition, 0, state)
              .contains(ASTHelpers.getSymbol(test.getParameters().get(0)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The class whose {@code this} the await waits on, explicitly ({@code this.block()}) or
   * implicitly ({@code block()} inside a Mono subclass), or null.
   */
  private static @Nullable Symbol selfAwaited(Await await, VisitorState state) {
    ExpressionTree future = await.future();
    if (future != null) {
      return DoneConditions.thisClass(future);
    }
    if (!(await.call() instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof IdentifierTree)) {
      return null;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || method.isStatic()) {
      return null;
    }
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      if (path.getLeaf() instanceof ClassTree classTree) {
        Symbol.ClassSymbol owner = ASTHelpers.getSymbol(classTree);
        if (owner != null && method.isMemberOf(owner, state.getTypes())) {
          return owner;
        }
      }
    }
    return null;
  }

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
    return type instanceof Symbol.ClassSymbol c
        && DONE_FROM_CONSTRUCTION.get(c, state, t -> isDoneAlwaysTrue(c, state));
  }

  private static boolean isDoneAlwaysTrue(Symbol.ClassSymbol type, VisitorState state) {
    Types types = state.getTypes();
    for (Type t = type.type;
        t != null && t.tsym instanceof Symbol.ClassSymbol;
        t = types.supertype(t)) {
      for (Symbol member : t.tsym.members().getSymbolsByName(state.getName("isDone"))) {
        if (member instanceof MethodSymbol m && m.getParameters().isEmpty()) {
          BlockTree body = Trees.sourceBody(m, state);
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
    return only instanceof ReturnTree ret
        && ret.getExpression() != null
        && ASTHelpers.stripParentheses(ret.getExpression()) instanceof LiteralTree value
        && Boolean.TRUE.equals(value.getValue());
  }
}
