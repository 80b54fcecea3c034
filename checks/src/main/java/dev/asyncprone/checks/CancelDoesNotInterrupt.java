package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.interrupts.Completers;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;

/** {@code cancel(true)} on a CompletableFuture, which interrupts nothing. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "cancel(true) on a CompletableFuture interrupts nothing: the flag is ignored and the task"
            + " runs on",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "CancelDoesNotInterrupt.md")
public final class CancelDoesNotInterrupt extends BugChecker
    implements MethodInvocationTreeMatcher {
  private static final String COMPLETABLE_FUTURE = AsyncKind.COMPLETABLE_FUTURE.className();

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null
        || !Symbols.name(method, state).equals("cancel")
        || method.getParameters().size() != 1
        || !Symbols.qualifiedName(method.owner, state).equals(COMPLETABLE_FUTURE)
        || !Boolean.TRUE.equals(ASTHelpers.constValue(tree.getArguments().get(0), Boolean.class))) {
      return Description.NO_MATCH;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(tree);
    if (receiver == null
        || comesFromCancellableSource(receiver, state)
        || Completers.isCompleter(receiver, state)) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            "cancel(true) on '"
                + Trees.label(receiver, state)
                + "', a CompletableFuture, interrupts nothing: CompletableFuture ignores"
                + " mayInterruptIfRunning, so it only completes the future with a"
                + " CancellationException while the task that would complete it (a supplyAsync"
                + " or runAsync task, a callback) runs on to the end and its result is thrown"
                + " away. To stop the work, cancel the Future that runs it: a FutureTask, such as"
                + " ExecutorService.submit() returns, interrupts its thread on cancel(true); or"
                + " make the task cooperative, checking isCancelled() or a flag between steps."
                + " Pass false if the future's completion is all that should change.")
        .build();
  }

  /**
   * True if {@code receiver} is, or is a {@code toCompletableFuture()} view of, a future whose
   * cancel reaches the work behind it (the HTTP client aborts the exchange, Reactor cancels the
   * subscription): {@link Libraries#isCancellableSource}.
   */
  private static boolean comesFromCancellableSource(ExpressionTree receiver, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(receiver);
    while (e instanceof MethodInvocationTree call) {
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method != null && Libraries.isCancellableSource(method, state)) {
        return true;
      }
      if (!Trees.methodName(call).equals("toCompletableFuture")) {
        return false;
      }
      e = ASTHelpers.getReceiver(e);
      e = e == null ? null : ASTHelpers.stripParentheses(e);
    }
    return false;
  }
}
