package dev.asyncprone.model.api;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class OperatorsTest {
  /** Reports every map, the kind of the value its result carries, and its composing twin. */
  @BugPattern(summary = "Reports Operators", severity = WARNING)
  public static final class OperatorsProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Operators.isMap(tree, state)) {
        return Description.NO_MATCH;
      }
      AsyncKind inner = AsyncTypes.valueKind(ASTHelpers.getType(tree), state);
      ExpressionTree mapper = Operators.mapper(tree);
      return buildDescription(tree)
          .setMessage(
              "inner="
                  + inner
                  + " twin="
                  + Operators.composeTwin(tree, inner, state)
                  + " mapper="
                  + (mapper == null ? "none" : mapper.getKind()))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(OperatorsProbe.class, getClass());

  @Test
  public void mapsAndTheirTwins() {
    helper
        .addSourceLines(
            "Maps.java",
            "import com.google.common.util.concurrent.FluentFuture;",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import io.reactivex.rxjava3.core.Observable;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.vertx.core.Future;",
            "import java.util.Optional;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Maps {",
            "  CompletableFuture<String> cf() { return null; }",
            "  ListenableFuture<String> lf() { return null; }",
            "  Mono<String> mono() { return null; }",
            "  Flux<String> flux() { return null; }",
            "  Future<String> vf() { return null; }",
            "  Single<String> single() { return null; }",
            "  void run(CompletionStage<String> stage, FluentFuture<String> fluent,"
                + " Observable<String> obs,",
            "      Optional<String> opt) {",
            "    // BUG: Diagnostic contains: inner=COMPLETABLE_FUTURE twin=thenCompose"
                + " mapper=LAMBDA_EXPRESSION",
            "    var a = stage.thenApply(s -> cf());",
            "    // BUG: Diagnostic contains: inner=COMPLETABLE_FUTURE twin=thenComposeAsync",
            "    var b = stage.thenApplyAsync(s -> cf());",
            "    // BUG: Diagnostic contains: inner=null twin=null",
            "    var c = stage.thenApply(String::trim);",
            "    // BUG: Diagnostic contains: inner=LISTENABLE_FUTURE twin=transformAsync"
                + " mapper=LAMBDA_EXPRESSION",
            "    var d = Futures.transform(lf(), s -> lf(), MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: inner=LISTENABLE_FUTURE twin=transformAsync",
            "    var e = fluent.transform(s -> lf(), MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: inner=MONO twin=flatMap",
            "    var f = mono().map(s -> mono());",
            "    // BUG: Diagnostic contains: inner=FLUX twin=flatMapMany",
            "    var g = mono().map(s -> flux());",
            "    // BUG: Diagnostic contains: inner=MONO twin=concatMap",
            "    var h = flux().map(s -> mono());",
            "    // BUG: Diagnostic contains: inner=COMPLETABLE_FUTURE twin=null",
            "    var i = flux().map(s -> cf());",
            "    // BUG: Diagnostic contains: inner=VERTX_FUTURE twin=compose",
            "    var j = vf().map(s -> vf());",
            "    // BUG: Diagnostic contains: inner=RX_SINGLE twin=flatMap",
            "    var k = single().map(s -> single());",
            "    // BUG: Diagnostic contains: inner=RX_SINGLE twin=null",
            "    var l = obs.map(s -> single());",
            "    var m = opt.map(s -> cf());",
            "  }",
            "}")
        .doTest();
  }
}
