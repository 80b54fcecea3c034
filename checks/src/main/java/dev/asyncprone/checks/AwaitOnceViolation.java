package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.IdentifierTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.asyncprone.model.fix.OneShotFixes;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.oneshot.OneShotFlow;
import dev.asyncprone.model.oneshot.OneShotFlow.Violation;
import dev.asyncprone.model.oneshot.OneShotValues.How;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;

/**
 * A value that may be consumed only once (an {@code @AwaitOnce} result or type, a stream) held in a
 * local and consumed twice on one path, on every turn of a loop or every run of a lambda, or
 * returned or stored after it was consumed. The paths come from the method's control-flow graph
 * ({@link OneShotFlow}), so consumptions that exclude each other are left alone.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A value that may be consumed only once (an @AwaitOnce result or type, a Stream) is"
            + " consumed twice on one path, in a loop or a repeated lambda, or returned or stored"
            + " after it was consumed",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "AwaitOnceViolation.md")
public final class AwaitOnceViolation extends BugChecker
    implements VariableTreeMatcher,
        AssignmentTreeMatcher,
        MethodInvocationTreeMatcher,
        IdentifierTreeMatcher,
        MemberReferenceTreeMatcher {

  /** Per-method analyses of the compilation unit at hand. */
  private final OneShotFlow flow = new OneShotFlow();

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    return noting(() -> flow.noteVariable(tree, state));
  }

  @Override
  public Description matchAssignment(AssignmentTree tree, VisitorState state) {
    return noting(() -> flow.noteAssignment(tree, state));
  }

  /** Declarations and assignments only tell the analysis where to look; they are never findings. */
  private static Description noting(Runnable note) {
    return Guard.safely(
        () -> {
          note.run();
          return Description.NO_MATCH;
        });
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  @Override
  public Description matchIdentifier(IdentifierTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(Tree tree, VisitorState state) {
    Violation violation = flow.at(tree);
    if (violation == null) {
      return Description.NO_MATCH;
    }
    Description.Builder description = buildDescription(tree).setMessage(message(violation, state));
    SuggestedFix fix = violation.first() ? OneShotFixes.consumeOnce(violation, state) : null;
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static String message(Violation v, VisitorState state) {
    String value = v.origin().subject(v.variable(), state);
    Use use = v.use();
    String earlier = v.earlier().isEmpty() ? "an earlier use" : v.earlier().get(0).describe(state);
    String what;
    switch (v.kind()) {
      case LOOP:
        what =
            value
                + " is consumed by "
                + use.describe(state)
                + " on every iteration of a loop,"
                + " but it holds one value, made before the loop";
        break;
      case REPEATED:
        what =
            value
                + " is consumed by "
                + use.describe(state)
                + " in a lambda that "
                + v.repeatedBy()
                + "(...) may run many times, but it holds one value, made"
                + " outside the lambda";
        break;
      case ESCAPED:
        what =
            value
                + " is "
                + escaped(use)
                + " at line "
                + use.line(state)
                + " after it was"
                + " consumed by "
                + earlier
                + (use.how() == How.RETURN
                    ? ": the caller gets a value that was already consumed"
                    : ": whoever takes it from there consumes it again");
        break;
      default:
        what =
            value
                + " is consumed twice on one path: by "
                + earlier
                + ", then by "
                + use.describe(state);
    }
    return what + ". " + v.origin().why(state) + " " + v.origin().advice(state);
  }

  private static String escaped(Use use) {
    switch (use.how()) {
      case RETURN:
        return "returned";
      case FIELD:
        return "stored in a field";
      default:
        return "added to a collection by " + Trees.methodName(use.context()) + "(...)";
    }
  }
}
