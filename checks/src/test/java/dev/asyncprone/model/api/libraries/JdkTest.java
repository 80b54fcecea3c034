package dev.asyncprone.model.api.libraries;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** What the JDK's table says about CompletableFuture, Future and ForkJoinTask calls. */
@RunWith(JUnit4.class)
public class JdkTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TableProbe.class, getClass());

  @Test
  public void awaitsTheirBoundsAndTheReadsThatNeverWait() {
    helper
        .addSourceLines(
            "Waits.java",
            "import java.util.List;",
            "import java.util.concurrent.*;",
            "class Waits {",
            "  void waits(CompletableFuture<String> f, Future<String> g, ForkJoinTask<String> task,"
                + " List<String> list) throws Exception {",
            "    // BUG: Diagnostic contains: await join twin=JOIN composable",
            "    f.join();",
            "    // BUG: Diagnostic contains: await get twin=GET",
            "    g.get();",
            "    // BUG: Diagnostic contains: await get bounded",
            "    g.get(1, TimeUnit.SECONDS);",
            "    // The fork/join idiom's join has no bounded form to offer.",
            "    // BUG: Diagnostic contains: await join twin=null",
            "    task.join();",
            "    // BUG: Diagnostic contains: read, done-when=NOT_ITS_ARGUMENT",
            "    f.getNow(\"\");",
            "    // BUG: Diagnostic contains: read, done-when=TRUE",
            "    g.isDone();",
            "    // A List's get is no Future's.",
            "    list.get(0);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void composingTwinsCombinatorsAndHandOffs() {
    helper
        .addSourceLines(
            "Stages.java",
            "import java.util.Optional;",
            "import java.util.concurrent.*;",
            "class Stages {",
            "  CompletableFuture<String> next(String s) { return null; }",
            "  void stages(CompletableFuture<String> f, Optional<String> o) {",
            "    // BUG: Diagnostic contains: map twin=thenCompose",
            "    f.thenApply(s -> next(s));",
            "    // BUG: Diagnostic contains: map twin=thenComposeAsync",
            "    f.thenApplyAsync(s -> next(s));",
            "    // BUG: Diagnostic contains: callback twin=thenCompose",
            "    f.thenAccept(s -> next(s));",
            "    // BUG: Diagnostic contains: composes",
            "    f.thenCompose(s -> next(s));",
            "    // BUG: Diagnostic contains: all-of",
            "    CompletableFuture.allOf(f, f);",
            "    // BUG: Diagnostic contains: listener, sees-failure",
            "    f.whenComplete((s, e) -> {});",
            "    // BUG: Diagnostic contains: async-wrap",
            "    CompletableFuture.supplyAsync(() -> \"\");",
            "    // BUG: Diagnostic contains: value-wrap",
            "    CompletableFuture.completedFuture(\"\");",
            "    // Optional's map runs its function here and now: no future's map.",
            "    o.map(s -> next(s));",
            "  }",
            "}")
        .doTest();
  }
}
