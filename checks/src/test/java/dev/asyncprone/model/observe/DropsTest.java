package dev.asyncprone.model.observe;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class DropsTest {
  /** Reports every drop: its shape, kind and use. */
  @BugPattern(summary = "Reports Drops", severity = WARNING)
  public static final class DropsProbe extends BugChecker
      implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return probe(state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return probe(state);
    }

    private Description probe(VisitorState state) {
      Drops.Drop drop = Drops.of(state.getPath(), state);
      if (drop == null) {
        return Description.NO_MATCH;
      }
      return buildDescription(drop.tree())
          .setMessage(
              "shape=" + drop.shape() + " kind=" + drop.kind() + " use=" + drop.use().kind())
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DropsProbe.class, getClass());

  @Test
  public void shapes() {
    helper
        .addSourceLines(
            "Shapes.java",
            "import com.google.errorprone.annotations.CanIgnoreReturnValue;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Shapes {",
            "  CompletableFuture<Void> sendAsync(String to) { return null; }",
            "  Mono<Void> save(String row) { return Mono.empty(); }",
            "  Future<String> legacy() { return null; }",
            "  @CanIgnoreReturnValue CompletableFuture<Void> refresh() { return null; }",
            "  void run(List<String> xs, ExecutorService pool, Flux<String> rows,"
                + " CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: shape=NEVER_SUBSCRIBED kind=MONO use=STATEMENT",
            "    save(\"x\");",
            "    // BUG: Diagnostic contains: shape=NEVER_SUBSCRIBED kind=MONO use=VOID_CALLBACK",
            "    rows.doOnNext(r -> save(r)).subscribe(r -> {}, e -> {});",
            "    // BUG: Diagnostic contains: shape=NEVER_SUBSCRIBED kind=FLUX use=STATEMENT",
            "    rows.map(String::trim);",
            "    // BUG: Diagnostic contains: shape=SUBMITTED_TASK kind=FUTURE use=STATEMENT",
            "    pool.submit(() -> System.out.println());",
            "    // BUG: Diagnostic contains: shape=IN_VOID_CALLBACK kind=COMPLETABLE_FUTURE"
                + " use=VOID_CALLBACK",
            "    xs.forEach(this::sendAsync);",
            "    // BUG: Diagnostic contains: shape=UNHANDLED_CHAIN kind=COMPLETABLE_FUTURE"
                + " use=STATEMENT",
            "    sendAsync(\"x\").thenRun(() -> {});",
            "    sendAsync(\"x\").exceptionally(e -> null);",
            "    legacy();",
            "    refresh();",
            "    f.orTimeout(1, TimeUnit.SECONDS);",
            "    rows.subscribe(r -> {}, e -> {});",
            "    CompletableFuture<Void> kept = sendAsync(\"x\");",
            "    xs.stream().map(x -> sendAsync(x)).forEach(c -> {});",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void existingValuesAndWrittenDecisionsAreNotDrops() {
    helper
        .addSourceLines(
            "View.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.Mono;",
            "abstract class View extends AbstractMap<String, CompletableFuture<String>> {",
            "  CompletableFuture<String> last;",
            "  @Override public CompletableFuture<String> put(String k, CompletableFuture<String>"
                + " v) {",
            "    return null;",
            "  }",
            "  CompletableFuture<String> kept() { CompletableFuture<String> f = new"
                + " CompletableFuture<>(); last = f; return f; }",
            "  CompletableFuture<String> made() { return new CompletableFuture<>(); }",
            "  Mono<Void> mono() { return Mono.empty(); }",
            "  void use() {",
            "    put(\"a\", null);",
            "    kept();",
            "    // BUG: Diagnostic contains: shape=UNHANDLED_CHAIN",
            "    made();",
            "  }",
            "  @SuppressWarnings(\"FutureReturnValueIgnored\")",
            "  void suppressed() {",
            "    made();",
            "    // The suppression counts for every value dropped here, a publisher too.",
            "    mono();",
            "  }",
            "  @SuppressWarnings(\"unchecked\")",
            "  void otherSuppression() {",
            "    // BUG: Diagnostic contains: shape=UNHANDLED_CHAIN",
            "    made();",
            "  }",
            "}")
        .doTest();
  }
}
