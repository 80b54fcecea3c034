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
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.Verbs;
import dev.asyncprone.model.await.Compositions;
import dev.asyncprone.model.await.FutureCalls;
import dev.asyncprone.model.javac.NewLocals;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * {@code T v = call(...).join();} or {@code v = call(...).join();}: a result kept as a value.
   * {@code command} if the call's name says it runs whatever it is given ({@code execute}); {@code
   * callKey} the call's name and arguments, as written.
   */
  private record Step(
      StatementTree statement,
      Symbol result,
      Awaits.Await await,
      MethodInvocationTree call,
      Set<Symbol> reads,
      Set<Object> receivers,
      boolean getter,
      boolean command,
      String callKey,
      boolean declaredHere,
      AsyncKind kind) {}

  /**
   * Adjacent steps that could all start at once, with what they write and the objects they call, so
   * that joining a step costs the size of that step, not of the run.
   */
  private static final class Run {
    final List<Step> steps = new ArrayList<>();
    final Set<Symbol> writes = new HashSet<>();
    final Map<Object, List<Step>> byReceiver = new HashMap<>();

    /**
     * True if {@code step} could start before this run's awaits without them noticing: it reads no
     * variable they write, and it is independent of every earlier step on the same object, as
     * {@link FutureCalls#mayShareState} decides: both getters by name (a read, or the name of the
     * value: {@code client.user(id)}, {@code client.orders(id)}), neither a command ({@code
     * session.execute(...)}), and not the same call again ({@code cursor.fetchNext()} twice). Calls
     * named as writes or gates never make steps.
     */
    boolean admits(Step step) {
      // Collections.disjoint iterates its second argument when the first is a set: the step's.
      if (!Collections.disjoint(writes, step.reads())) {
        return false;
      }
      for (Object receiver : step.receivers()) {
        List<Step> earlier = byReceiver.get(receiver);
        if (earlier == null) {
          continue;
        }
        for (Step before : earlier) {
          if (!step.getter()
              || !before.getter()
              || step.command()
              || before.command()
              || before.callKey().equals(step.callKey())) {
            return false;
          }
        }
      }
      return true;
    }

    void add(Step step) {
      steps.add(step);
      writes.addAll(Variables.writes(step.statement()));
      for (Object receiver : step.receivers()) {
        byReceiver.computeIfAbsent(receiver, r -> new ArrayList<>()).add(step);
      }
    }
  }

  /** Splits the block into runs of adjacent steps that could all start at once; one pass. */
  @Override
  public Description matchBlock(BlockTree block, VisitorState state) {
    return Guard.safely(
        () -> {
          // Most blocks hold no step at all: nothing is allocated for them.
          Run run = null;
          Set<String> taken = new HashSet<>();
          // javac's lists are linked: walk them, never index them.
          for (StatementTree statement : block.getStatements()) {
            Step step = step(statement, block, state);
            if (run != null && (step == null || !run.admits(step))) {
              report(run.steps, taken, state);
              run = null;
            }
            if (step != null) {
              if (run == null) {
                run = new Run();
              }
              run.add(step);
            }
          }
          if (run != null) {
            report(run.steps, taken, state);
          }
          return Description.NO_MATCH;
        });
  }

  /** {@code a.thenCompose(x -> g(y))}: g(y) starts only once a completes, yet ignores its value. */
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          Compositions.Composition c = Compositions.of(tree, state);
          ExpressionTree next = c == null ? null : Compositions.independentNext(c, state);
          if (next == null) {
            return Description.NO_MATCH;
          }
          String nextLabel = Trees.label(next, state);
          return buildDescription(tree)
              .setMessage(
                  String.format(
                      "this %s ignores the value of %s and starts %s only once it completes,"
                          + " though %s does not need it: the two round trips run one after the"
                          + " other. Start both, then combine them: %s",
                      c.operator(),
                      Trees.label(c.source(), state),
                      nextLabel,
                      nextLabel,
                      c.combineAdvice(next, state)))
              .build();
        });
  }

  /** The step {@code statement}, one of {@code block}'s, is; or null. */
  private @Nullable Step step(StatementTree statement, BlockTree block, VisitorState state) {
    ExpressionTree value = null;
    Symbol result = null;
    if (statement instanceof VariableTree) {
      value = ((VariableTree) statement).getInitializer();
      result = ASTHelpers.getSymbol(statement);
    } else if (statement instanceof ExpressionStatementTree
        && ((ExpressionStatementTree) statement).getExpression() instanceof AssignmentTree) {
      AssignmentTree assignment =
          (AssignmentTree) ((ExpressionStatementTree) statement).getExpression();
      value = assignment.getExpression();
      result = ASTHelpers.getSymbol(assignment.getVariable());
    }
    Awaits.Await await =
        value == null || !Variables.isLocal(result)
            ? null
            : Awaits.of(ASTHelpers.stripParentheses(value), state);
    ExpressionTree future = await == null ? null : await.future();
    Type type = future == null ? null : ASTHelpers.getType(future);
    AsyncKind kind = AsyncTypes.kindOf(type, state);
    MethodInvocationTree call = FutureCalls.creatingCall(future, state);
    if (kind == null
        || call == null
        || AsyncTypes.isVoidValued(type, state)
        || FutureCalls.containsBatch(future, state)
        || Verbs.orderedAlong(future, state) != null
        || Variables.assigns(future)
        || (statement instanceof VariableTree && isSuppressed(statement, state))) {
      return null;
    }
    return new Step(
        statement,
        result,
        await,
        call,
        Variables.reads(future),
        FutureCalls.receiverRoots(call, state),
        FutureCalls.isGetter(call, state),
        Verbs.isCommand(Trees.methodName(call)),
        callKey(call, state),
        statement instanceof VariableTree || declaredBefore(result, statement, block),
        kind);
  }

  /** {@code next()}, {@code find(a)}: the call's name and arguments as written. */
  private static String callKey(MethodInvocationTree call, VisitorState state) {
    StringBuilder key = new StringBuilder(Trees.methodName(call)).append('(');
    for (ExpressionTree argument : call.getArguments()) {
      key.append(state.getSourceForNode(argument)).append(',');
    }
    return key.append(')').toString();
  }

  /** True if {@code variable} is declared by a statement of {@code block} before {@code here}. */
  private static boolean declaredBefore(Symbol variable, StatementTree here, BlockTree block) {
    for (StatementTree earlier : block.getStatements()) {
      if (earlier == here) {
        return false;
      }
      if (earlier instanceof VariableTree && ASTHelpers.getSymbol(earlier) == variable) {
        return true;
      }
    }
    return false;
  }

  /** Reports a run of two or more; {@code taken} holds the names fixes in this block declare. */
  private void report(List<Step> run, Set<String> taken, VisitorState state) {
    if (run.size() < 2) {
      return;
    }
    if (taken.isEmpty()) {
      taken.addAll(NewLocals.takenNames(state));
    }
    List<String> calls = new ArrayList<>();
    for (Step step : run.subList(0, Math.min(run.size(), 4))) {
      calls.add(Trees.label(step.call(), state));
    }
    if (run.size() > 4) {
      calls.set(3, (run.size() - 3) + " more");
    }
    AsyncKind kind = run.get(1).kind();
    String advice =
        kind.isLazy()
            ? String.format(
                "A %s does no work until it is subscribed, so subscribe to them together: %s",
                kind.simpleName(), Compositions.awaitAll(kind.family(), String.join(", ", calls)))
            : "Start them all before the first "
                + run.get(0).await().display()
                + ", then wait for each in the same order";
    String message =
        String.join(", ", calls.subList(0, calls.size() - 1))
            + " and "
            + calls.get(calls.size() - 1)
            + " are awaited one after the other, though none of them uses another's result: this"
            + " waits for the sum of their round trips instead of the longest. "
            + advice
            + ". If the order is intended, make the dependency explicit or suppress the warning on"
            + " the later variable (see the docs)";
    Description.Builder description =
        buildDescription(run.get(1).await().call()).setMessage(message);
    SuggestedFix fix = startAllFirst(run, taken, state);
    if (fix != null) {
      description.addFix(fix);
    }
    state.reportMatch(description.build());
  }

  /**
   * Declares a future for every call of the run in front of its first statement, in source order,
   * and awaits each where it was: the same results, in the same order, failing with the same first
   * exception. Only for futures whose work starts when they are made, and results declared in this
   * block (so that no fix elsewhere picks the same names in an overlapping scope).
   */
  private static @Nullable SuggestedFix startAllFirst(
      List<Step> run, Set<String> taken, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String indent = NewLocals.indentOf(run.get(0).statement(), state);
    StringBuilder declarations = new StringBuilder();
    Map<String, String> typeSources = new HashMap<>();
    for (Step step : run) {
      ExpressionTree future = step.await().future();
      Type futureType = ASTHelpers.getType(future);
      String type =
          typeSources.computeIfAbsent(
              String.valueOf(futureType), t -> NewLocals.typeSource(futureType, fix, state));
      String source = state.getSourceForNode(future);
      if (step.kind().isLazy() || type == null || source == null || !step.declaredHere()) {
        return null;
      }
      String name = NewLocals.freshName(step.result().getSimpleName() + "Future", taken);
      declarations.append(type).append(' ').append(name).append(" = ").append(source);
      declarations.append(";\n").append(indent);
      fix.replace(future, name);
    }
    return fix.prefixWith(run.get(0).statement(), declarations.toString()).build();
  }
}
