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
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ErrorChannelsTest {
  /** Reports each variable whose type is what ErrorChannels looks for. */
  @BugPattern(summary = "Reports ErrorChannels types", severity = WARNING)
  public static final class ChannelProbe extends BugChecker implements VariableTreeMatcher {
    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      return ErrorChannels.hasExceptionChannel(ASTHelpers.getType(tree), state)
          ? buildDescription(tree).setMessage("channel").build()
          : Description.NO_MATCH;
    }
  }

  /** Reports each call that the rule of ErrorChannels takes as reported elsewhere. */
  @BugPattern(summary = "Reports ErrorChannels calls", severity = WARNING)
  public static final class ForwardProbe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return ErrorChannels.registersCallersSuccessHandlerOnOwnFuture(tree, state.getPath(), state)
          ? buildDescription(tree).setMessage("forwards").build()
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper types =
      CompilationTestHelper.newInstance(ChannelProbe.class, getClass());
  private final CompilationTestHelper calls =
      CompilationTestHelper.newInstance(ForwardProbe.class, getClass());

  @Test
  public void typesWithAnExceptionHandler() {
    types
        .addSourceLines(
            "Types.java",
            "import io.vertx.core.Handler;",
            "import io.vertx.core.buffer.Buffer;",
            "import io.vertx.core.http.HttpClientResponse;",
            "import io.vertx.core.http.HttpServerRequest;",
            "import io.vertx.core.net.NetSocket;",
            "import io.vertx.core.streams.ReadStream;",
            "import java.util.function.Consumer;",
            "class Types {",
            "  interface Own { void exceptionHandler(Consumer<? super Throwable> h); }",
            "  interface Inherits extends Own {}",
            "  interface OfString { void exceptionHandler(Consumer<String> h); }",
            "  interface TwoArguments { void exceptionHandler(Handler<Throwable> h, boolean b); }",
            "  interface NotFunctional { void exceptionHandler(Throwable t); }",
            "  static class OnlyStatic { static void exceptionHandler(Handler<Throwable> h) {} }",
            "  void use(",
            "      // BUG: Diagnostic contains: channel",
            "      HttpServerRequest request,",
            "      // BUG: Diagnostic contains: channel",
            "      HttpClientResponse response,",
            "      // BUG: Diagnostic contains: channel",
            "      NetSocket socket,",
            "      // BUG: Diagnostic contains: channel",
            "      ReadStream<Buffer> stream,",
            "      // BUG: Diagnostic contains: channel",
            "      Own own,",
            "      // BUG: Diagnostic contains: channel",
            "      Inherits inherits,",
            "      OfString ofString,",
            "      TwoArguments two,",
            "      NotFunctional notFunctional,",
            "      OnlyStatic onlyStatic,",
            "      Object object,",
            "      int primitive,",
            "      String[] array) {}",
            "}")
        .doTest();
  }

  @Test
  public void successHandlersRegisteredOnTheObjectsOwnFuture() {
    calls
        .addSourceLines(
            "Request.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.Handler;",
            "import java.util.function.Consumer;",
            "abstract class Request {",
            "  abstract Future<String> body();",
            "  static Future<String> staticBody() { return Future.succeededFuture(); }",
            "  abstract Request exceptionHandler(Handler<Throwable> handler);",
            "  Request bodyHandler(Handler<String> h) {",
            "    // BUG: Diagnostic contains: forwards",
            "    body().onSuccess(h);",
            "    // BUG: Diagnostic contains: forwards",
            "    this.body().onSuccess((h));",
            "    // BUG: Diagnostic contains: forwards",
            "    (body()).onSuccess(h);",
            "    body().onSuccess(s -> h.handle(s));",
            "    body().onFailure(t -> {});",
            "    body().map(String::trim).onSuccess(h);",
            "    staticBody().onSuccess(h);",
            "    Handler<String> local = h;",
            "    body().onSuccess(local);",
            "    return this;",
            "  }",
            "  static void statically(Request r, Handler<String> h) {",
            "    r.body().onSuccess(h);",
            "  }",
            "  static abstract class Sub extends Request {",
            "    Sub more(Handler<String> h) {",
            "      // BUG: Diagnostic contains: forwards",
            "      body().onSuccess(h);",
            "      return this;",
            "    }",
            "  }",
            "  abstract static class NoChannel {",
            "    abstract Future<String> body();",
            "    void bodyHandler(Handler<String> h) {",
            "      body().onSuccess(h);",
            "    }",
            "  }",
            "  enum Kind {",
            "    A;",
            "    Future<String> body() { return Future.succeededFuture(); }",
            "    void exceptionHandler(Consumer<Throwable> c) {}",
            "    void bodyHandler(Handler<String> h) {",
            "      // BUG: Diagnostic contains: forwards",
            "      body().onSuccess(h);",
            "    }",
            "  }",
            "  record Rec(Future<String> body) {",
            "    void exceptionHandler(Consumer<Throwable> c) {}",
            "    void bodyHandler(Handler<String> h) {",
            "      // BUG: Diagnostic contains: forwards",
            "      body().onSuccess(h);",
            "      new Object() {",
            "        void inner() { body().onSuccess(h); }",
            "      };",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
