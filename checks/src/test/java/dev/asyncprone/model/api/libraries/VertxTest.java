package dev.asyncprone.model.api.libraries;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** What the Vert.x table says about its Future. */
@RunWith(JUnit4.class)
public class VertxTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TableProbe.class, getClass());

  @Test
  public void future() {
    helper
        .addSourceLines(
            "Handlers.java",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.TimeUnit;",
            "class Handlers {",
            "  Future<String> next(String s) { return Future.succeededFuture(s); }",
            "  void calls(Future<String> f) throws Exception {",
            "    // BUG: Diagnostic contains: await await twin=OTHER",
            "    f.await();",
            "    // BUG: Diagnostic contains: await await bounded",
            "    f.await(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: map twin=compose",
            "    f.map(s -> next(s));",
            "    // BUG: Diagnostic contains: done-when=TRUE",
            "    f.succeeded();",
            "    // BUG: Diagnostic contains: listener, sees-failure",
            "    f.onComplete(r -> {});",
            "    // BUG: Diagnostic contains: all-of",
            "    Future.all(f, f);",
            "    // Success only: it sees no failure.",
            "    f.onSuccess(s -> {});",
            "  }",
            "}")
        .doTest();
  }
}
