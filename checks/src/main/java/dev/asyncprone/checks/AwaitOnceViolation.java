package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.IdentifierTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.AsyncKind;
import dev.asyncprone.model.Docs;
import dev.asyncprone.model.Guard;
import dev.asyncprone.model.OneShotFixes;
import dev.asyncprone.model.OneShotFlow;
import dev.asyncprone.model.OneShotFlow.Violation;
import dev.asyncprone.model.OneShotValues;
import dev.asyncprone.model.OneShotValues.Origin;
import dev.asyncprone.model.OneShotValues.Use;
import dev.asyncprone.model.Trees;
import org.jspecify.annotations.Nullable;

/** A value that may be consumed only once (an @AwaitOnce value, a stream) consumed again. */
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
    implements MethodInvocationTreeMatcher, IdentifierTreeMatcher, MemberReferenceTreeMatcher {

  private final OneShotFlow flow = new OneShotFlow();

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  @Override
  public Description matchIdentifier(IdentifierTree tree, VisitorState state) {
    return Guard.safely(
        () -> OneShotValues.isLocal(ASTHelpers.getSymbol(tree)) ? match(tree, state) : Description.NO_MATCH);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(Tree tree, VisitorState state) {
    Violation violation = flow.at(tree, state);
    if (violation == null) {
      return Description.NO_MATCH;
    }
    Description.Builder description =
        buildDescription(tree).setMessage(message(violation, state));
    SuggestedFix fix = violation.first() ? OneShotFixes.consumeOnce(violation, state) : null;
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static String message(Violation v, VisitorState state) {
    String value = subject(v, state);
    Use use = v.use();
    Use first = v.earlier().isEmpty() ? null : v.earlier().get(0);
    String what;
    switch (v.kind()) {
      case LOOP:
        what =
            value + " is consumed by " + describe(use, state) + " on every iteration of a loop,"
                + " but it holds one value, made before the loop";
        break;
      case REPEATED:
        what =
            value + " is consumed by " + describe(use, state) + " in a lambda that "
                + v.repeatedBy() + "(...) may run many times, but it holds one value, made"
                + " outside the lambda";
        break;
      case ESCAPED:
        what =
            value + " is " + escape(use) + " at line " + line(use.site(), state)
                + " after it was consumed by " + describe(first, state)
                + (use.how() == OneShotValues.How.RETURN
                    ? ": the caller gets a value that was already consumed"
                    : ": whoever takes it from there consumes it again");
        break;
      default:
        what =
            value + " is consumed twice on one path: by " + describe(first, state) + ", then by "
                + describe(use, state);
    }
    return what + ". " + why(v.origin(), state) + " " + advice(v.origin(), state);
  }

  private static String subject(Violation v, VisitorState state) {
    String name = "'" + v.variable().getSimpleName() + "'";
    Origin origin = v.origin();
    switch (origin.source()) {
      case STREAM:
        return origin.symbol().getSimpleName() + " " + name;
      case METHOD:
        AsyncKind kind = origin.kind(state);
        return name + " (the " + (kind == null ? "value" : kind.simpleName()) + " returned by @AwaitOnce "
            + origin.symbol().owner.getSimpleName() + "." + origin.symbol().getSimpleName() + "())";
      case TYPE:
        return name + " (a " + origin.symbol().getSimpleName() + ", an @AwaitOnce type)";
      default:
        return name + " (an @AwaitOnce parameter)";
    }
  }

  /** "s.count() at line 12", "passing it to then(...) at line 14". */
  private static String describe(@Nullable Use use, VisitorState state) {
    if (use == null) {
      return "an earlier use";
    }
    String how;
    switch (use.how()) {
      case ARGUMENT:
        how = "passing it to " + Trees.methodName(use.context()) + "(...)";
        break;
      case ITERATION:
        how = "a for-each loop";
        break;
      default:
        how = label(use, state);
    }
    return how + " at line " + line(use.site(), state);
  }

  /** {@code s.count()}, or {@code s.forEach(...)} where the source is long. */
  private static String label(Use use, VisitorState state) {
    String source = state.getSourceForNode(use.site());
    if (source != null && source.length() <= 40 && source.indexOf('\n') < 0) {
      return source;
    }
    if (use.site() instanceof MethodInvocationTree
        && OneShotValues.local(ASTHelpers.getReceiver((MethodInvocationTree) use.site())) != null) {
      return use.variable().getSimpleName() + "." + Trees.methodName(use.site()) + "(...)";
    }
    return Trees.methodName(use.site()) + "(...)";
  }

  private static String escape(Use use) {
    switch (use.how()) {
      case RETURN:
        return "returned";
      case FIELD:
        return "stored in a field";
      default:
        return "added to a collection by " + Trees.methodName(use.context()) + "(...)";
    }
  }

  private static String why(Origin origin, VisitorState state) {
    if (origin.source() == OneShotValues.Source.STREAM) {
      return "A stream can be consumed only once: the second operation throws"
          + " IllegalStateException.";
    }
    AsyncKind kind = origin.kind(state);
    if (kind != null && kind.isLazy()) {
      return "A " + kind.simpleName() + " is cold: every consumption subscribes again and repeats"
          + " its work and side effects (the request is sent again, the row inserted again).";
    }
    return "@AwaitOnce promises nothing for a second consumption: the value may be pooled or"
        + " one-shot, and consuming it again may fail, hang or see another caller's result.";
  }

  private static String advice(Origin origin, VisitorState state) {
    if (origin.source() == OneShotValues.Source.STREAM) {
      return "Collect it once into a List and stream the list for each use.";
    }
    AsyncKind kind = origin.kind(state);
    if (kind == AsyncKind.UNI) {
      return "Consume it once, or share one result with .memoize().indefinitely() where it is"
          + " made.";
    }
    if (kind != null && kind.isLazy()) {
      return "Consume it once, or share one result with .cache() where it is made.";
    }
    return "Consume it once and pass on its result, not the value.";
  }

  private static long line(Tree tree, VisitorState state) {
    return state.getPath().getCompilationUnit().getLineMap()
        .getLineNumber(ASTHelpers.getStartPosition(tree));
  }
}
