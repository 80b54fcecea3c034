package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.BlockTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.AsyncKind;
import dev.asyncprone.model.AsyncTypes;
import dev.asyncprone.model.Awaits;
import dev.asyncprone.model.Compositions;
import dev.asyncprone.model.Docs;
import dev.asyncprone.model.Fixes;
import dev.asyncprone.model.FutureCalls;
import dev.asyncprone.model.Guard;
import dev.asyncprone.model.NewLocals;
import dev.asyncprone.model.Trees;
import dev.asyncprone.model.Variables;
import dev.asyncprone.model.Verbs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Independent futures awaited one after the other, or composed one after the other. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Independent futures awaited one after the other: the caller waits for the sum of the"
            + " round trips instead of the longest",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "SequentialAwait.md")
public final class SequentialAwait extends BugChecker
    implements BlockTreeMatcher, MethodInvocationTreeMatcher {

  /** {@code T v = call(...).join();} or {@code v = call(...).join();}: a result kept as a value. */
  private record Step(
      StatementTree statement,
      Symbol result,
      Awaits.Await await,
      ExpressionTree future,
      MethodInvocationTree call,
      Set<Symbol> reads,
      AsyncKind kind) {}

  @Override
  public Description matchBlock(BlockTree block, VisitorState state) {
    return Guard.safely(
        () -> {
          List<Step> run = new ArrayList<>();
          Set<String> taken = new HashSet<>();
          for (StatementTree statement : block.getStatements()) {
            Step step = step(statement, state);
            if (step == null || !joins(run, step, state)) {
              report(run, block, taken, state);
              run = new ArrayList<>();
            }
            if (step != null) {
              run.add(step);
            }
          }
          report(run, block, taken, state);
          return Description.NO_MATCH;
        });
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> composition(tree, state));
  }

  /** {@code a.thenCompose(x -> g(y))}: g(y) waits for a, though it ignores a's value. */
  private Description composition(MethodInvocationTree tree, VisitorState state) {
    Compositions.Composition c = Compositions.of(tree, state);
    LambdaExpressionTree lambda = c == null ? null : c.lambda();
    ExpressionTree next = lambda == null ? null : Fixes.singleResult(lambda);
    if (next == null
        || Variables.reads(lambda.getBody()).contains(ASTHelpers.getSymbol(lambda.getParameters().get(0)))) {
      return Description.NO_MATCH;
    }
    ExpressionTree source = c.source();
    MethodInvocationTree sourceCall = FutureCalls.creatingCall(source, state);
    MethodInvocationTree nextCall = FutureCalls.creatingCall(next, state);
    if (nextCall == null
        || !carriesValue(ASTHelpers.getType(source), state)
        || !carriesValue(ASTHelpers.getType(next), state)
        || FutureCalls.containsBatch(next, state)
        || Verbs.orderedAlong(source) != null
        || Verbs.orderedAlong(next) != null
        || Variables.readsAny(next, Trees.rootSymbols(source, state))
        || (sourceCall != null && mayShareState(sourceCall, nextCall, state))) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            String.format(
                "this %s ignores the value of %s and starts %s only once it completes, though %s"
                    + " does not need it: the two round trips run one after the other. Start both,"
                    + " then combine them: %s",
                c.operator(),
                Trees.label(source, state),
                Trees.label(next, state),
                Trees.label(next, state),
                c.combineAdvice(next, state)))
        .build();
  }

  /** A future-like type with a value that is neither Void nor a Boolean (a gate's yes or no). */
  private static boolean carriesValue(@Nullable Type type, VisitorState state) {
    AsyncKind kind = AsyncTypes.kindOf(type, state);
    if (kind == null || AsyncTypes.isVoidValued(type, state)) {
      return false;
    }
    Type value = AsyncTypes.valueType(type, kind, state);
    return value == null
        || value.tsym == null
        || !value.tsym.getQualifiedName().contentEquals("java.lang.Boolean");
  }

  /** Two calls on the same object, unless both are reads by name. */
  private static boolean mayShareState(
      MethodInvocationTree a, MethodInvocationTree b, VisitorState state) {
    boolean bothRead = Verbs.isRead(Trees.methodName(a)) && Verbs.isRead(Trees.methodName(b));
    return !bothRead
        && !Collections.disjoint(
            FutureCalls.receiverRoots(a, state), FutureCalls.receiverRoots(b, state));
  }

  private @Nullable Step step(StatementTree statement, VisitorState state) {
    ExpressionTree value;
    Symbol result;
    if (statement instanceof VariableTree) {
      VariableTree variable = (VariableTree) statement;
      if (isSuppressed(variable, state)) {
        return null;
      }
      value = variable.getInitializer();
      result = ASTHelpers.getSymbol(variable);
    } else if (statement instanceof ExpressionStatementTree
        && ((ExpressionStatementTree) statement).getExpression() instanceof AssignmentTree) {
      AssignmentTree assignment =
          (AssignmentTree) ((ExpressionStatementTree) statement).getExpression();
      value = assignment.getExpression();
      result = ASTHelpers.getSymbol(assignment.getVariable());
      if (!Variables.isLocal(result)) {
        return null;
      }
    } else {
      return null;
    }
    if (value == null || result == null) {
      return null;
    }
    Awaits.Await await = Awaits.of(ASTHelpers.stripParentheses(value), state);
    if (await == null || await.future() == null) {
      return null;
    }
    ExpressionTree future = await.future();
    Type futureType = ASTHelpers.getType(future);
    AsyncKind kind = AsyncTypes.kindOf(futureType, state);
    MethodInvocationTree call = FutureCalls.creatingCall(future, state);
    if (kind == null
        || call == null
        || AsyncTypes.isVoidValued(futureType, state)
        || FutureCalls.containsBatch(future, state)
        || Verbs.orderedAlong(future) != null
        || Variables.assigns(future)) {
      return null;
    }
    return new Step(
        statement,
        result,
        await,
        future,
        call,
        Variables.reads(future),
        kind);
  }

  /** True if {@code step} may start before the awaits of {@code run} without telling. */
  private static boolean joins(List<Step> run, Step step, VisitorState state) {
    for (Step earlier : run) {
      if (!Collections.disjoint(step.reads(), Variables.writes(earlier.statement()))) {
        return false;
      }
      if (mayShareState(earlier.call(), step.call(), state)) {
        return false;
      }
    }
    return true;
  }

  /** Reports a run of two or more; {@code taken} holds the names fixes in this block declare. */
  private void report(List<Step> run, BlockTree block, Set<String> taken, VisitorState state) {
    if (run.size() < 2) {
      return;
    }
    Step second = run.get(1);
    Description.Builder description =
        buildDescription(second.await().call()).setMessage(message(run, state));
    if (taken.isEmpty()) {
      taken.addAll(NewLocals.takenNames(state));
    }
    SuggestedFix fix = startAllFirst(run, block, taken, state);
    if (fix != null) {
      description.addFix(fix);
    }
    state.reportMatch(description.build());
  }

  private static String message(List<Step> run, VisitorState state) {
    List<String> labels = new ArrayList<>();
    boolean lazy = false;
    for (Step step : run) {
      labels.add(Trees.label(step.call(), state));
      lazy |= step.kind().isLazy();
    }
    String calls =
        String.join(", ", labels.subList(0, labels.size() - 1))
            + " and "
            + labels.get(labels.size() - 1);
    String advice =
        lazy
            ? "a " + run.get(1).kind().simpleName() + " does no work until it is subscribed, so"
                + " subscribe to them together: " + combineAll(run.get(1).kind(), labels)
            : "start them all before the first " + run.get(0).await().display()
                + ", then wait for each in the same order";
    return calls
        + " are awaited one after the other, though none of them uses another's result: this"
        + " waits for the sum of their round trips instead of the longest. "
        + Character.toUpperCase(advice.charAt(0))
        + advice.substring(1)
        + ". If the order is intended, make the dependency explicit or suppress it on the"
        + " variable; see the docs";
  }

  private static String combineAll(AsyncKind kind, List<String> labels) {
    String all = String.join(", ", labels);
    switch (kind.family()) {
      case REACTOR:
        return "Mono.zip(" + all + ").block()";
      case RXJAVA:
        return "Single.zip(" + all + ", ...).blockingGet()";
      case MUTINY:
        return "Uni.combine().all().unis(" + all + ").asTuple().await().indefinitely()";
      default:
        return "a combinator that waits for all of " + all;
    }
  }

  /**
   * Declares a future for every call of the run in front of its first statement, in source order,
   * and awaits each where it was: the same results, in the same order, failing with the same
   * first exception. Only for futures whose work starts when they are made, and results declared
   * in this block (so that no fix elsewhere picks the same names in an overlapping scope).
   */
  private static @Nullable SuggestedFix startAllFirst(
      List<Step> run, BlockTree block, Set<String> taken, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String indent = NewLocals.indentOf(run.get(0).statement(), state);
    StringBuilder declarations = new StringBuilder();
    for (Step step : run) {
      String type = NewLocals.typeSource(ASTHelpers.getType(step.future()), fix, state);
      String source = state.getSourceForNode(step.future());
      if (step.kind().isLazy() || type == null || source == null || !declaredIn(block, step)) {
        return null;
      }
      String name = NewLocals.freshName(step.result().getSimpleName() + "Future", taken);
      declarations.append(type).append(' ').append(name).append(" = ").append(source);
      declarations.append(";\n").append(indent);
      fix.replace(step.future(), name);
    }
    fix.prefixWith(run.get(0).statement(), declarations.toString());
    return fix.build();
  }

  private static boolean declaredIn(BlockTree block, Step step) {
    for (StatementTree statement : block.getStatements()) {
      if (statement instanceof VariableTree && ASTHelpers.getSymbol(statement) == step.result()) {
        return true;
      }
    }
    return false;
  }
}
