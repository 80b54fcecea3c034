package dev.asyncprone.model.observe;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class HandedOutcomesTest {
  /** Reports each variable whose type is what HandedOutcomes looks for. */
  @BugPattern(summary = "Reports HandedOutcomes types", severity = WARNING)
  public static final class CompleterProbe extends BugChecker implements VariableTreeMatcher {
    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      return HandedOutcomes.isCompleter(ASTHelpers.getType(tree), state)
          ? buildDescription(tree).setMessage("completer").build()
          : Description.NO_MATCH;
    }
  }

  /** Reports each call that the rule of HandedOutcomes takes as reported elsewhere. */
  @BugPattern(summary = "Reports HandedOutcomes calls", severity = WARNING)
  public static final class HandedProbe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      Tree parent = state.getPath().getParentPath().getLeaf();
      return parent instanceof ExpressionStatementTree
              && HandedOutcomes.givenToReturnedCompleter(tree, parent, state.getPath(), state)
          ? buildDescription(tree).setMessage("handed").build()
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper types =
      CompilationTestHelper.newInstance(CompleterProbe.class, getClass());
  private final CompilationTestHelper calls =
      CompilationTestHelper.newInstance(HandedProbe.class, getClass());

  @Test
  public void typesThatCanBeFailedAndAreNotFutures() {
    types
        .addSourceLines(
            "Types.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.Promise;",
            "import io.vertx.core.buffer.Buffer;",
            "import io.vertx.core.http.HttpClientRequest;",
            "import io.vertx.core.http.HttpServerResponse;",
            "import io.vertx.core.streams.ReadStream;",
            "import java.util.concurrent.CompletableFuture;",
            "import org.reactivestreams.Subscriber;",
            "import reactor.core.publisher.MonoSink;",
            "import reactor.core.publisher.Sinks;",
            "class Types {",
            "  static class Reply { void fail(IllegalStateException e) {} }",
            "  static class SubReply extends Reply {}",
            "  static class TwoArguments { void fail(String why, Throwable t) {} }",
            "  static class OnlyStatic { static void fail(Throwable t) {} }",
            "  // An exception can take another (initCause, addSuppressed), but is no completer.",
            "  static class Failure extends RuntimeException {",
            "    java.util.concurrent.CompletableFuture<Void> reported() { return null; }",
            "  }",
            "  void use(",
            "      // BUG: Diagnostic contains: completer",
            "      Promise<String> promise,",
            "      // BUG: Diagnostic contains: completer",
            "      Sinks.One<String> sink,",
            "      // BUG: Diagnostic contains: completer",
            "      MonoSink<String> monoSink,",
            "      // BUG: Diagnostic contains: completer",
            "      Subscriber<String> subscriber,",
            "      // BUG: Diagnostic contains: completer",
            "      Reply reply,",
            "      // BUG: Diagnostic contains: completer",
            "      SubReply subReply,",
            "      CompletableFuture<String> future,",
            "      Future<String> vertxFuture,",
            "      HttpClientRequest request,",
            "      HttpServerResponse response,",
            "      ReadStream<Buffer> stream,",
            "      TwoArguments two,",
            "      OnlyStatic onlyStatic,",
            "      String text,",
            "      Failure failure,",
            "      int primitive) {}",
            "}")
        .doTest();
  }

  @Test
  public void callsHandedACompleterWhoseFutureFollows() {
    calls
        .addSourceLines(
            "Calls.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.Promise;",
            "class Calls {",
            "  Future<Void> send(String msg, Promise<String> p) { return Future.succeededFuture();"
                + " }",
            "  Future<Void> log(Object o) { return Future.succeededFuture(); }",
            "  Future<String> returned(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    // BUG: Diagnostic contains: handed",
            "    send(msg, (p));",
            "    System.out.println(msg);",
            "    return p.future().map(String::trim);",
            "  }",
            "  void observed(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    // BUG: Diagnostic contains: handed",
            "    send(msg, p);",
            "    p.future().onFailure(Throwable::printStackTrace);",
            "  }",
            "  void chainedWithoutFailure(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    send(msg, p);",
            "    p.future().onSuccess(System.out::println);",
            "  }",
            "  Future<String> reassigned(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    send(msg, p);",
            "    p = Promise.promise();",
            "    return p.future();",
            "  }",
            "  Future<String> otherPromise(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    Promise<String> q = Promise.promise();",
            "    send(msg, q);",
            "    return p.future();",
            "  }",
            "  Future<String> nothingReturned(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    send(msg, p);",
            "    return null;",
            "  }",
            "  Future<String> notNext(String msg, boolean b) {",
            "    Promise<String> p = Promise.promise();",
            "    send(msg, p);",
            "    if (b) {",
            "      return p.future();",
            "    }",
            "    return Future.succeededFuture();",
            "  }",
            "  Future<String> tooFar(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    send(msg, p);",
            "    log(1); log(2); log(3); log(4); log(5); log(6); log(7); log(8);",
            "    return p.future();",
            "  }",
            "  Promise<String> field = Promise.promise();",
            "  Future<String> fromField(String msg) {",
            "    send(msg, field);",
            "    return field.future();",
            "  }",
            "  Future<String> fromParameter(String msg, Promise<String> p) {",
            "    send(msg, p);",
            "    return p.future();",
            "  }",
            "  Future<String> inLambda(String msg) {",
            "    Promise<String> p = Promise.promise();",
            "    Runnable r = () -> {",
            "      // BUG: Diagnostic contains: handed",
            "      send(msg, p);",
            "      p.future().onComplete(ar -> System.out.println(ar.succeeded()));",
            "    };",
            "    return p.future();",
            "  }",
            "}")
        .doTest();
  }
}
