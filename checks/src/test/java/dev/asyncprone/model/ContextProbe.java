package dev.asyncprone.model;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;

/**
 * A test-only check that reports the context of every call to a method named {@code probe}, so
 * that tests can assert what {@link Contexts} decides for each shape of code.
 */
@BugPattern(summary = "Reports the async context of probe() calls", severity = WARNING)
public final class ContextProbe extends BugChecker implements MethodInvocationTreeMatcher {
  private final Contexts contexts = new Contexts(Options.defaults());

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!Trees.methodName(tree).equals("probe")) {
      return Description.NO_MATCH;
    }
    AsyncContext context = contexts.of(state);
    return buildDescription(tree)
        .setMessage(context.kind() + " | " + context.victim() + " | " + context.where())
        .build();
  }
}
