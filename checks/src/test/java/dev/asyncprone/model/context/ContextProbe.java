package dev.asyncprone.model.context;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Options;

/**
 * A test-only check that reports the context of every call to, or method reference to, a method
 * named {@code probe}, so that tests can assert what {@link Contexts} decides for each shape of
 * code.
 */
@BugPattern(summary = "Reports the async context of probe() calls", severity = WARNING)
public final class ContextProbe extends BugChecker
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {
  private final Contexts contexts = new Contexts(Options.defaults());

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return probe(tree, state);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return probe(tree, state);
  }

  private Description probe(Tree tree, VisitorState state) {
    if (!Trees.methodName(tree).equals("probe")) {
      return Description.NO_MATCH;
    }
    AsyncContext context = contexts.of(state);
    return buildDescription(tree)
        .setMessage(context.kind() + " | " + context.victim() + " | " + context.where())
        .build();
  }
}
