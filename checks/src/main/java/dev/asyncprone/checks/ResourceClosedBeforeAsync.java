package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.TryTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.TryTree;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library.UsingFactory;
import dev.asyncprone.model.api.libraries.Vocabulary;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.fix.ResourceFixes;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.resources.ClosedResources;
import dev.asyncprone.model.resources.ClosedResources.ClosedResource;
import dev.asyncprone.model.resources.LeakingWork;
import dev.asyncprone.model.resources.LeakingWork.Leak;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * A try-with-resources, or a {@code finally} that closes, closes a resource while async work
 * started in its block still uses it: the Java twin of the .NET analyzers' AsyncFixer04 and CA2025.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A try-with-resources (or a finally) closes a resource while async work started in its"
            + " block still uses it: the work goes on, or a publisher runs, after close()",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "ResourceClosedBeforeAsync.md")
public final class ResourceClosedBeforeAsync extends BugChecker implements TryTreeMatcher {
  private final Contexts contexts;

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public ResourceClosedBeforeAsync() {
    this(new Contexts(Options.defaults()));
  }

  /** With the compilation's one {@link Contexts}, shared by every check that asks for it. */
  @Inject
  ResourceClosedBeforeAsync(Contexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public Description matchTry(TryTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          if (tree.getResources().isEmpty() && tree.getFinallyBlock() == null) {
            return Description.NO_MATCH;
          }
          Description first = Description.NO_MATCH;
          for (ClosedResource resource : ClosedResources.of(state.getPath(), state)) {
            Leak leak = LeakingWork.first(resource, contexts, state);
            if (leak == null) {
              continue;
            }
            if (first == Description.NO_MATCH) {
              first = describe(leak, state);
            } else {
              state.reportMatch(describe(leak, state));
            }
          }
          return first;
        });
  }

  private Description describe(Leak leak, VisitorState state) {
    ClosedResource resource = leak.resource();
    String name = resource.name();
    String type = resource.variable().type.tsym.getSimpleName().toString();
    AsyncKind kind = leak.kind();
    String work = Trees.label(leak.work(), state);
    String what;
    if (kind == null) {
      what = ": the task runs on after close(), with a closed " + type;
    } else if (kind.isLazy()) {
      what =
          String.format(
              ", and a %s does nothing until it is subscribed, after close(): then it uses a"
                  + " closed %s",
              kind.simpleName(), type);
    } else {
      what =
          String.format(
              ", and its work goes on after close(): on a closed %s it may fail or lose what it"
                  + " writes, or, if the %s is pooled, use it while another caller holds it",
              type, type);
    }
    String message =
        String.format(
            "'%s' is closed %s, but %s, which uses it, %s%s. %s",
            name,
            resource.whereClosed(state),
            work,
            leak.howItLeaves(),
            what,
            advice(kind, work, name));
    Description.Builder description = buildDescription(leak.work()).setMessage(message);
    SuggestedFix fix = ResourceFixes.of(leak, state);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /** What to do instead, in the words of the work's library. */
  private static String advice(@Nullable AsyncKind kind, String work, String name) {
    UsingFactory using = Libraries.usingFactory(kind);
    if (using != null) {
      return String.format(
          "Tie '%s' to the subscription instead, so that each subscription opens and closes it: "
              + using.shape(),
          name);
    }
    String onCompletion = Vocabulary.closeOnCompletion(kind, work, name);
    if (onCompletion != null) {
      return String.format(
          "Close '%s' when the work completes instead (%s), and at once if starting the work"
              + " throws; or wait for the work inside the block",
          name, onCompletion);
    }
    return String.format(
        "Wait for the work inside the block, or let the work close '%s' when it ends", name);
  }
}
