package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CatchTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.fix.Blocks;
import dev.asyncprone.model.interrupts.Interrupts;
import dev.asyncprone.model.interrupts.Interrupts.GoesOnWaiting;
import dev.asyncprone.model.javac.EveryPath;
import dev.asyncprone.model.javac.EveryPath.Exit;
import dev.asyncprone.model.javac.Imports;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A catch of InterruptedException that forgets the thread was asked to stop. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "InterruptedException caught and swallowed: neither rethrown, nor carried by the exception"
            + " thrown, nor the interrupt flag restored",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "InterruptSwallowed.md")
public final class InterruptSwallowed extends BugChecker implements CatchTreeMatcher {

  @Override
  public Description matchCatch(CatchTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(CatchTree tree, VisitorState state) {
    Type caught = ASTHelpers.getType(tree.getParameter());
    Type interrupted = state.getSymtab().interruptedExceptionType;
    List<Type> alternatives = new ArrayList<>();
    if (caught != null && caught.isUnion()) {
      ((Type.UnionClassType) caught).getAlternativeTypes().forEach(alternatives::add);
    } else if (caught != null) {
      alternatives.add(caught);
    }
    if (alternatives.stream().noneMatch(t -> ASTHelpers.isSubtype(t, interrupted, state))) {
      return Description.NO_MATCH;
    }
    boolean multiCatch = alternatives.size() > 1;
    Symbol parameter = ASTHelpers.getSymbol(tree.getParameter());
    Set<Symbol> carriers = new HashSet<>();
    carriers.add(parameter);
    EveryPath.Result result =
        EveryPath.check(
            tree.getBlock(),
            new EveryPath.Marks() {
              @Override
              public boolean marks(Tree statement) {
                if (statement instanceof VariableTree
                    && Variables.readsAny(((VariableTree) statement).getInitializer(), carriers)) {
                  carriers.add(ASTHelpers.getSymbol(statement));
                }
                if (statement instanceof ThrowTree) {
                  return Variables.readsAny(((ThrowTree) statement).getExpression(), carriers)
                      || Interrupts.throwsInterruptSignal(statement, state);
                }
                Tree expression =
                    statement instanceof ExpressionStatementTree
                        ? ((ExpressionStatementTree) statement).getExpression()
                        : statement;
                return Interrupts.isRestore(expression, state)
                    || Interrupts.isRestoredByHandler(expression, carriers, state)
                    || Interrupts.isSneakyRethrow(expression, carriers)
                    || Interrupts.isRememberedForLater(expression, state.getPath(), state)
                    || Interrupts.isCarriedToThrowAfter(
                        expression, carriers, state.getPath(), state);
              }

              @Override
              public boolean excusedWhenFalse(ExpressionTree condition) {
                return multiCatch
                    && condition instanceof InstanceOfTree
                    && parameter.equals(
                        ASTHelpers.getSymbol(((InstanceOfTree) condition).getExpression()))
                    && ASTHelpers.isSubtype(
                        interrupted,
                        ASTHelpers.getType(((InstanceOfTree) condition).getType()),
                        state);
              }
            });
    if (result.everyPathMarked()
        || Interrupts.endsThreadWork(state.getPath(), result.unmarkedExits(), state)) {
      return Description.NO_MATCH;
    }
    GoesOnWaiting goesOn = Interrupts.goesOnWaiting(state.getPath(), result.unmarkedExits(), state);
    Description.Builder description =
        buildDescription(tree).setMessage(message(result, multiCatch, goesOn));
    if (goesOn == GoesOnWaiting.NONE) {
      description.addFix(restoreFlag(tree, multiCatch, state));
    }
    return description.build();
  }

  private static String message(EveryPath.Result result, boolean multiCatch, GoesOnWaiting goesOn) {
    Exit first = result.unmarkedExits().get(0);
    String what;
    if (result.marksSomewhere()) {
      what =
          "This catch restores the interrupt flag or rethrows InterruptedException on some paths"
              + " but not on "
              + describe(first);
    } else if (first.kind() == Exit.Kind.THROW) {
      what =
          "This catch throws an exception that does not carry the InterruptedException, and does"
              + " not restore the interrupt flag";
    } else {
      what =
          "This catch swallows InterruptedException: it neither restores the interrupt flag nor"
              + " rethrows it (or an exception that carries it)";
    }
    String restore =
        "Thread.currentThread().interrupt()"
            + (multiCatch ? " when it is an InterruptedException" : "");
    return what
        + ", so the thread forgets it was asked to stop and its work runs on after the caller gave"
        + " up (Future.cancel(true), ExecutorService.shutdownNow()). "
        + switch (goesOn) {
          case NONE -> "Call " + restore + " before going on, or rethrow it.";
          case LOOP ->
              "This loop waits again after the catch, and with the flag restored at once that"
                  + " wait would throw at once, every turn: leave the loop (restore the flag and"
                  + " return, or rethrow), or remember the interrupt and call "
                  + restore
                  + " once the loop is done.";
          case CONTRACT ->
              "This method keeps waiting through interrupts by contract (its interruptible twin"
                  + " is the one that gives up), so remember the interrupt and call "
                  + restore
                  + " when it returns, as Guava's Uninterruptibles do.";
        };
  }

  private static String describe(Exit exit) {
    switch (exit.kind()) {
      case RETURN:
        return "the path that returns";
      case THROW:
        return "the path that throws an exception that does not carry it";
      case BREAK:
      case CONTINUE:
        return "the path that leaves by '" + exit.kind().name().toLowerCase(Locale.ROOT) + "'";
      default:
        return "the path that runs to the end of the catch";
    }
  }

  /** Inserts the restore as the first statement of the catch, indented as its lines are. */
  private static SuggestedFix restoreFlag(CatchTree tree, boolean multiCatch, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String thread = Imports.qualify(state, fix, Jdk.THREAD);
    String restore = thread + ".currentThread().interrupt();";
    if (multiCatch) {
      restore =
          "if ("
              + tree.getParameter().getName()
              + " instanceof "
              + Imports.qualify(state, fix, Jdk.INTERRUPTED_EXCEPTION)
              + ") { "
              + restore
              + " }";
    }
    Blocks.insertFirst(new TreePath(state.getPath(), tree.getBlock()), restore, state, fix);
    return fix.build();
  }
}
