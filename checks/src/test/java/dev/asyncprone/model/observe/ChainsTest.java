package dev.asyncprone.model.observe;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.javac.Trees;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ChainsTest {
  /** For the argument of every {@code check(...)} call: its stages, handler and subscription. */
  @BugPattern(summary = "Reports Chains", severity = WARNING)
  public static final class ChainsProbe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("check")) {
        return Description.NO_MATCH;
      }
      ExpressionTree chain = tree.getArguments().get(0);
      MethodInvocationTree handler = Chains.failureHandler(chain, state);
      MethodInvocationTree subscription = Chains.subscription(chain, state);
      return buildDescription(tree)
          .setMessage(
              "stages="
                  + Chains.stages(chain, state).size()
                  + " handles="
                  + Chains.handlesFailure(chain, state)
                  + " handler="
                  + (handler == null ? "none" : Trees.methodName(handler))
                  + " subscription="
                  + (subscription == null ? "none" : Trees.methodName(subscription)))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ChainsProbe.class, getClass());

  @Test
  public void futureChains() {
    helper
        .addSourceLines(
            "Futures1.java",
            "import com.google.common.util.concurrent.FluentFuture;",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.CompletableFuture;",
            "class Futures1 {",
            "  static void check(Object o) {}",
            "  CompletableFuture<String> fetch() { return null; }",
            "  ListenableFuture<String> quote() { return null; }",
            "  Future<String> vertx() { return null; }",
            "  void run(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: stages=3 handles=false handler=none",
            "    check(fetch().thenApply(String::trim).thenAccept(s -> {}));",
            "    // BUG: Diagnostic contains: stages=3 handles=true handler=exceptionally",
            "    check(fetch().exceptionally(e -> \"\").thenApply(String::trim));",
            "    // BUG: Diagnostic contains: handles=true handler=handleAsync",
            "    check(fetch().handleAsync((v, e) -> v));",
            "    // BUG: Diagnostic contains: handles=true handler=whenComplete",
            "    check(f.whenComplete((v, e) -> {}));",
            "    // BUG: Diagnostic contains: stages=1 handles=false",
            "    check(f.thenRun(() -> {}));",
            "    // BUG: Diagnostic contains: stages=3 handles=true handler=catching",
            "    check(Futures.transform(Futures.catching(quote(), Exception.class, e -> \"\",",
            "        MoreExecutors.directExecutor()), String::trim,"
                + " MoreExecutors.directExecutor()));",
            "    // BUG: Diagnostic contains: handles=true handler=catchingAsync",
            "    check(FluentFuture.from(quote()).catchingAsync(Exception.class, e -> quote(),",
            "        MoreExecutors.directExecutor()));",
            "    // BUG: Diagnostic contains: stages=3 handles=false",
            "    check(FluentFuture.from(quote()).transform(String::trim,"
                + " MoreExecutors.directExecutor()));",
            "    // BUG: Diagnostic contains: handles=true handler=onFailure",
            "    check(vertx().map(String::trim).onFailure(e -> {}));",
            "    // BUG: Diagnostic contains: handles=true handler=recover",
            "    check(vertx().recover(e -> Future.succeededFuture(\"\")));",
            "    // BUG: Diagnostic contains: handles=false",
            "    check(vertx().onSuccess(s -> {}));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void publisherChains() {
    helper
        .addSourceLines(
            "Publishers.java",
            "import io.reactivex.rxjava3.core.Completable;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Publishers {",
            "  static void check(Object o) {}",
            "  void run(Mono<String> mono, Flux<String> flux, Single<String> single, Completable"
                + " done,",
            "      Uni<String> uni) {",
            "    // BUG: Diagnostic contains: handles=false handler=none subscription=none",
            "    check(flux.map(String::trim).handle((s, sink) -> {}));",
            "    // BUG: Diagnostic contains: handles=true handler=onErrorResume subscription=none",
            "    check(mono.onErrorResume(e -> Mono.empty()).map(String::trim));",
            "    // BUG: Diagnostic contains: handles=true handler=doOnError",
            "    check(flux.doOnError(e -> {}));",
            "    // BUG: Diagnostic contains: handles=false handler=none"
                + " subscription=subscribeWith",
            "    check(flux.subscribeWith(new reactor.core.publisher.BaseSubscriber<String>()"
                + " {}));",
            "    // BUG: Diagnostic contains: subscription=toFuture",
            "    check(mono.toFuture().thenApply(String::trim));",
            "    // BUG: Diagnostic contains: handles=true handler=onErrorReturnItem",
            "    check(single.onErrorReturnItem(\"\"));",
            "    // BUG: Diagnostic contains: handles=false handler=none subscription=none",
            "    check(done.andThen(single));",
            "    // BUG: Diagnostic contains: subscription=blockingGet",
            "    check(single.blockingGet());",
            "    // BUG: Diagnostic contains: handles=true handler=onFailure",
            "    check(uni.onFailure().recoverWithItem(\"\"));",
            "    // BUG: Diagnostic contains: handles=false handler=none subscription=subscribe",
            "    check(uni.subscribe().asCompletionStage());",
            "  }",
            "}")
        .doTest();
  }
}
