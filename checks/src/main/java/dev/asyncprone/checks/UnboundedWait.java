package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.ErrorProneOptions.Severity;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.await.Timeouts;
import dev.asyncprone.model.fix.WaitBounds;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;
import dev.asyncprone.model.support.Options.Timeout;
import java.util.Optional;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * A wait with no bound. Quiet unless a build asks for it, with {@code
 * -XepOpt:AsyncProne:UnboundedWait=WARN} or {@code =ERROR} (or {@code -Xep:UnboundedWait:WARN}):
 * plenty of code waits without a bound on purpose, but a service that must give up on a stuck
 * dependency wants every such wait found.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A wait with no bound (get(), join(), block(), await(), take(), acquire(), Thread.join());"
            + " quiet unless -XepOpt:AsyncProne:UnboundedWait=WARN or ERROR",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "UnboundedWait.md")
public final class UnboundedWait extends BugChecker
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {
  private final Optional<SeverityLevel> level;
  private final Optional<Timeout> timeout;
  private @Nullable ErrorProneOptions onFor;
  private boolean on;

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public UnboundedWait() {
    this(ErrorProneFlags.empty());
  }

  /** With the compilation's flags, which turn it on and give the bound its fixes add. */
  @Inject
  UnboundedWait(ErrorProneFlags flags) {
    Options options = Options.from(flags);
    this.level = options.unboundedWait();
    this.timeout = options.defaultTimeout();
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return Guard.safely(() -> match(tree, state));
  }

  // overrideSeverity is restricted because an override can hide the build's own -Xep severity;
  // this one applies only where the build asked for ERROR by flag and does not demote errors.
  @SuppressWarnings("RestrictedApi")
  private Description match(Tree tree, VisitorState state) {
    if (!isOn(state)) {
      return Description.NO_MATCH;
    }
    Timeouts.Wait wait = Timeouts.of(tree, state);
    if (wait == null) {
      return Description.NO_MATCH;
    }
    String message =
        wait.display()
            + " waits for "
            + awaited(wait, state)
            + " "
            + wait.bound().waitsFor()
            + " with no bound: if that never happens (a lost reply, a stuck peer, a deadlock),"
            + " this thread waits forever, holding whatever it holds, long after its caller gave"
            + " up. Bound the wait: "
            + wait.bound().advice();
    if (timeout.isEmpty() && WaitBounds.mayBound(wait.bound())) {
      message += " (with -XepOpt:AsyncProne:DefaultTimeout=30s asyncprone suggests the fix)";
    }
    Description.Builder description = buildDescription(tree).setMessage(message + ".");
    if (level.orElse(WARNING) == SeverityLevel.ERROR
        && !state.errorProneOptions().isDropErrorsToWarnings()) {
      description.overrideSeverity(SeverityLevel.ERROR);
    }
    SuggestedFix fix = timeout.isPresent() ? WaitBounds.bound(wait, timeout.get(), state) : null;
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /**
   * What the wait waits on, for the message: {@code 'payment'}; {@code 'this'} for an unqualified
   * wait in a future's own class; for a method reference on a type ({@code
   * map(CompletableFuture::join)}), each element it is handed.
   */
  private static String awaited(Timeouts.Wait wait, VisitorState state) {
    if (wait.subject() != null) {
      return "'" + Trees.label(wait.subject(), state) + "'";
    }
    MethodSymbol method =
        wait.tree() instanceof MemberReferenceTree r ? ASTHelpers.getSymbol(r) : null;
    if (method != null && wait.tree() instanceof MemberReferenceTree reference) {
      String each =
          Awaits.of(reference, state) != null ? "future" : method.owner.getSimpleName().toString();
      return "each " + each + " it is handed (by '" + state.getSourceForNode(reference) + "')";
    }
    return "'this'";
  }

  /** On by the -XepOpt flag, or by a -Xep:UnboundedWait:WARN or :ERROR on the command line. */
  private boolean isOn(VisitorState state) {
    // Asked at every call: the answer is kept for the options it was read from.
    ErrorProneOptions options = state.errorProneOptions();
    if (options != onFor) {
      Severity explicit = options.getSeverityMap().get(canonicalName());
      on = level.isPresent() || explicit == Severity.WARN || explicit == Severity.ERROR;
      onFor = options;
    }
    return on;
  }
}
