package dev.asyncprone.model.fix;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Uses;
import dev.asyncprone.model.observe.Drops;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class FixesTest {
  /**
   * For every drop, the fixes the model builds for it: compose a callback, return the drop at the
   * end of a void method, compose a dropped publisher into the next return, submit to execute.
   */
  @BugPattern(summary = "Applies the model's fixes for drops", severity = WARNING)
  public static final class DropFixes extends BugChecker
      implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return fix(state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return fix(state);
    }

    private Description fix(VisitorState state) {
      Drops.Drop drop = Drops.of(state.getPath(), state);
      if (drop == null) {
        return Description.NO_MATCH;
      }
      SuggestedFix fix = Fixes.returnDroppedAtEnd(drop, state);
      if (fix == null && drop.use().handedTo() != null) {
        fix =
            Fixes.composeCallback(
                drop.use().handedTo(),
                drop.use().user(),
                drop.tree() instanceof ExpressionTree ? (ExpressionTree) drop.tree() : null,
                drop.kind(),
                AsyncTypes.isVoidValued(drop.type(), state),
                state);
      }
      if (fix == null && drop.use().kind() == Uses.Kind.STATEMENT) {
        fix = Fixes.thenBeforeReturn(drop.use().user(), drop.tree(), drop.kind(), state);
      }
      if (fix == null) {
        fix = Fixes.executeInstead(drop.tree(), state);
      }
      return fix == null ? Description.NO_MATCH : describeMatch(drop.tree(), fix);
    }
  }

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(DropFixes.class, getClass());

  @Test
  public void fixesForDrops() {
    refactoring
        .addInputLines(
            "Service.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Service {",
            "  CompletableFuture<Void> send(String to) { return"
                + " CompletableFuture.completedFuture(null); }",
            "  CompletableFuture<String> fetch(String id) { return"
                + " CompletableFuture.completedFuture(id); }",
            "  Mono<Void> audit(String id) { return Mono.empty(); }",
            "  void early(String to) {",
            "    if (to.isEmpty()) {",
            "      return;",
            "    }",
            "    fetch(to).thenApply(String::trim);",
            "  }",
            "  @Deprecated void annotated(String to) {",
            "    send(to);",
            "  }",
            "  public void exposed(ExecutorService pool) {",
            "    pool.submit(() -> System.out.println());",
            "  }",
            "  Mono<String> handle(String id) {",
            "    audit(id);",
            "    return Mono.just(id);",
            "  }",
            "  Flux<String> each(Flux<String> ids) {",
            "    return ids.doOnNext(this::audit);",
            "  }",
            "  CompletableFuture<Void> after(CompletableFuture<String> id) {",
            "    return id.thenRun(() -> audit(\"x\"));",
            "  }",
            "}")
        .addOutputLines(
            "Service.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Service {",
            "  CompletableFuture<Void> send(String to) { return"
                + " CompletableFuture.completedFuture(null); }",
            "  CompletableFuture<String> fetch(String id) { return"
                + " CompletableFuture.completedFuture(id); }",
            "  Mono<Void> audit(String id) { return Mono.empty(); }",
            "  CompletableFuture<String> early(String to) {",
            "    if (to.isEmpty()) {",
            "      return CompletableFuture.completedFuture(null);",
            "    }",
            "    return fetch(to).thenApply(String::trim);",
            "  }",
            "  @Deprecated void annotated(String to) {",
            "    send(to);",
            "  }",
            "  public void exposed(ExecutorService pool) {",
            "    pool.execute(() -> System.out.println());",
            "  }",
            "  Mono<String> handle(String id) {",
            "    return audit(id).then(Mono.just(id));",
            "  }",
            "  Flux<String> each(Flux<String> ids) {",
            "    return ids.concatMap(item -> this.audit(item).thenReturn(item));",
            "  }",
            "  CompletableFuture<Void> after(CompletableFuture<String> id) {",
            "    return id.thenCompose(ignored -> audit(\"x\").then().toFuture());",
            "  }",
            "}")
        .doTest();
  }
}
