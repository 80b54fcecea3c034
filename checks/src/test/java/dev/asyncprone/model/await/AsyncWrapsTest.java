package dev.asyncprone.model.await;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Trees;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link AsyncWraps}: the wraps, the ones that only wait, and the wraps of a value. */
@RunWith(JUnit4.class)
public class AsyncWrapsTest {

  /** Reports every wrap, whether it only waits, and every wrap of a value with its operator. */
  @BugPattern(summary = "wrap probe", severity = WARNING)
  public static final class WrapProbe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      AsyncWraps.Wrap wrap = AsyncWraps.of(tree, state);
      if (wrap != null) {
        AsyncWraps.WaitingWrap waiting = AsyncWraps.waiting(tree, state);
        String executor =
            wrap.executor() == null ? "" : " on " + state.getSourceForNode(wrap.executor());
        return buildDescription(tree)
            .setMessage(
                "WRAP "
                    + wrap.methodName()
                    + executor
                    + (wrap.runsVoidFunction(state) ? " void" : "")
                    + (AsyncWraps.feedsCallback(state) ? " feeds-callback" : "")
                    + (waiting == null
                        ? ""
                        : " WAITS "
                            + waiting.await().display()
                            + " for "
                            + state.getSourceForNode(waiting.awaited())
                            + (waiting.inTry() ? " in try" : "")))
            .build();
      }
      Library.ValueWrap wrapped = AsyncWraps.valueWrap(tree, state);
      if (wrapped == null) {
        return Description.NO_MATCH;
      }
      String valueWrap = Trees.methodName(tree);
      TreePath lambda = Lambdas.lambdaReturning(state.getPath());
      Tree compose = lambda == null ? null : lambda.getParentPath().getLeaf();
      String plain =
          compose instanceof MethodInvocationTree
              ? AsyncWraps.plainOperator((MethodInvocationTree) compose, wrapped, state)
              : null;
      boolean exact =
          compose != null
              && AsyncTypes.hasValueType(
                  ASTHelpers.getType(compose),
                  ASTHelpers.getType(tree.getArguments().get(0)),
                  state);
      return buildDescription(tree)
          .setMessage(
              "VALUE "
                  + valueWrap
                  + (plain == null ? "" : " -> " + plain)
                  + (exact ? " exact" : ""))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(WrapProbe.class, getClass());

  @Test
  public void wrapsAndWhatTheyWaitFor() {
    helper
        .addSourceLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.ListeningExecutorService;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutionException;",
            "import java.util.concurrent.ExecutorService;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class T {",
            "  void f(CompletableFuture<String> cf, ExecutorService pool, ListenableFuture<String>"
                + " lf,",
            "      ListeningExecutorService lpool, Mono<String> mono, Flux<String> flux) {",
            "    // BUG: Diagnostic contains: WRAP supplyAsync WAITS join() for cf",
            "    CompletableFuture.supplyAsync(() -> cf.join());",
            "    // BUG: Diagnostic contains: WRAP supplyAsync on pool WAITS join() for cf",
            "    CompletableFuture.supplyAsync(cf::join, pool);",
            "    // BUG: Diagnostic contains: WRAP runAsync void WAITS join() for cf",
            "    CompletableFuture.runAsync(() -> { cf.join(); });",
            "    // BUG: Diagnostic contains: WRAP supplyAsync WAITS get() for cf in try",
            "    CompletableFuture.supplyAsync(() -> {",
            "      try {",
            "        return cf.get();",
            "      } catch (InterruptedException | ExecutionException e) {",
            "        throw new IllegalStateException(e);",
            "      }",
            "    });",
            "    // BUG: Diagnostic contains: WRAP submit on pool WAITS get() for cf",
            "    pool.submit(() -> cf.get());",
            "    // BUG: Diagnostic contains: WRAP submit on lpool WAITS Futures.getUnchecked() for"
                + " lf",
            "    lpool.submit(() -> Futures.getUnchecked(lf));",
            "    // BUG: Diagnostic contains: WRAP submit on pool WAITS get() for lf",
            "    Futures.submit(() -> lf.get(), pool);",
            "    // BUG: Diagnostic contains: WRAP fromCallable WAITS block() for mono",
            "    Mono.fromCallable(() -> mono.block());",
            "    // BUG: Diagnostic contains: WRAP fromSupplier WAITS blockLast() for flux",
            "    Mono.fromSupplier(() -> flux.blockLast());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void wrapsThatFeedACallbackRightThere() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "import reactor.core.scheduler.Schedulers;",
            "class T {",
            "  void f(CompletableFuture<String> cf, Mono<String> mono) {",
            "    // BUG: Diagnostic contains: WRAP supplyAsync feeds-callback",
            "    CompletableFuture.supplyAsync(() -> cf.join()).thenApply(String::length);",
            "    // BUG: Diagnostic contains: WRAP supplyAsync feeds-callback",
            "    CompletableFuture.supplyAsync(() -> cf.join()).whenComplete((v, e) -> {});",
            "    // BUG: Diagnostic contains: WRAP fromCallable feeds-callback",
            "    Mono.fromCallable(() -> mono.block()).map(String::length);",
            "    // BUG: Diagnostic matches: NOT_FEEDING",
            "    CompletableFuture.supplyAsync(() -> cf.join()).thenApplyAsync(String::length);",
            "    // BUG: Diagnostic matches: NOT_FEEDING",
            "    Mono.fromCallable(() -> mono.block()).subscribeOn(Schedulers.boundedElastic());",
            "    // BUG: Diagnostic matches: NOT_FEEDING",
            "    CompletableFuture.supplyAsync(() -> cf.join()).join();",
            "  }",
            "}")
        .expectErrorMessage(
            "NOT_FEEDING", msg -> msg.contains("] WRAP ") && !msg.contains("feeds-callback"))
        .doTest();
  }

  @Test
  public void wrapsThatDoMore() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class T {",
            "  void f(CompletableFuture<String> cf, ExecutorService pool, Flux<String> flux) {",
            "    // BUG: Diagnostic matches: PLAIN",
            "    CompletableFuture.supplyAsync(() -> cf.join().trim());",
            "    // BUG: Diagnostic matches: PLAIN",
            "    CompletableFuture.runAsync(() -> {",
            "      try {",
            "        cf.join();",
            "      } finally {",
            "        System.out.println();",
            "      }",
            "    });",
            "    // BUG: Diagnostic matches: PLAIN",
            "    Mono.fromCallable(() -> flux.toStream());",
            "    // BUG: Diagnostic matches: PLAIN",
            "    CompletableFuture.supplyAsync(cf::isDone);",
            "    pool.execute(() -> cf.join());",
            "    CompletableFuture.supplyAsync(new java.util.function.Supplier<String>() {",
            "      @Override public String get() { return cf.join(); }",
            "    });",
            "  }",
            "}")
        .expectErrorMessage("PLAIN", msg -> msg.contains("] WRAP ") && !msg.contains("WAITS"))
        .doTest();
  }

  @Test
  public void wrapsOfAValueAndTheirPlainOperators() {
    helper
        .addSourceLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class T {",
            "  void f(CompletableFuture<String> cf, Mono<String> mono, Flux<String> flux,",
            "      ListenableFuture<String> lf) {",
            "    // BUG: Diagnostic contains: VALUE completedFuture -> thenApply exact",
            "    cf.thenCompose(s -> CompletableFuture.completedFuture(s.length()));",
            "    // BUG: Diagnostic contains: VALUE completedStage -> thenApplyAsync exact",
            "    cf.thenComposeAsync(s -> { return CompletableFuture.completedStage(s); });",
            "    // BUG: Diagnostic contains: VALUE just -> map exact",
            "    mono.flatMap(s -> Mono.just(s));",
            "    // BUG: Diagnostic contains: VALUE just -> map exact",
            "    flux.concatMap(s -> (Mono.just(s)));",
            "    // BUG: Diagnostic contains: VALUE immediateFuture -> transform exact",
            "    Futures.transformAsync(lf, s -> Futures.immediateFuture(s),"
                + " MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic matches: NO_OPERATOR",
            "    cf.thenApply(s -> CompletableFuture.completedFuture(s));",
            "    // BUG: Diagnostic matches: NO_OPERATOR",
            "    flux.flatMap(s -> Mono.just(s), 2);",
            "    // BUG: Diagnostic matches: NO_OPERATOR",
            "    CompletableFuture.completedFuture(\"x\");",
            "  }",
            "}")
        .expectErrorMessage("NO_OPERATOR", msg -> msg.contains("] VALUE ") && !msg.contains("->"))
        .doTest();
  }

  @Test
  public void valueTypesMustMatchExactly() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "class T {",
            "  CompletableFuture<Number> f(CompletableFuture<String> cf) {",
            "    // BUG: Diagnostic matches: INEXACT",
            "    return cf.thenCompose(s -> CompletableFuture.completedFuture(s.length()));",
            "  }",
            "}")
        .expectErrorMessage(
            "INEXACT",
            msg -> msg.contains("VALUE completedFuture -> thenApply") && !msg.contains("exact"))
        .doTest();
  }
}
