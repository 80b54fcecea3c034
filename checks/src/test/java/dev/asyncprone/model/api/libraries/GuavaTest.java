package dev.asyncprone.model.api.libraries;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * What Guava's table says: its operators are mostly statics of Futures that take the input first.
 */
@RunWith(JUnit4.class)
public class GuavaTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TableProbe.class, getClass());

  @Test
  public void futuresStaticsAreTheOperators() {
    helper
        .addSourceLines(
            "Guava.java",
            "import com.google.common.base.Preconditions;",
            "import com.google.common.util.concurrent.*;",
            "import java.util.concurrent.TimeUnit;",
            "class Guava {",
            "  ListenableFuture<String> next(String s) { return null; }",
            "  void calls(ListenableFuture<String> f, FluentFuture<String> fluent, boolean ready)"
                + " throws Exception {",
            "    // BUG: Diagnostic contains: await Futures.getUnchecked twin=OTHER composable",
            "    Futures.getUnchecked(f);",
            "    // BUG: Diagnostic contains: await Uninterruptibles.getUninterruptibly bounded",
            "    Uninterruptibles.getUninterruptibly(f, 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: read",
            "    Futures.getDone(f);",
            "    // BUG: Diagnostic contains: map twin=transformAsync",
            "    Futures.transform(f, s -> next(s), MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: map twin=transformAsync",
            "    fluent.transform(s -> next(s), MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: all-of",
            "    Futures.allAsList(f, f);",
            "    // BUG: Diagnostic contains: listener on-argument",
            "    Futures.addCallback(f, null, MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: precondition",
            "    Preconditions.checkState(ready);",
            "    // A static of some other class named like an operator is none.",
            "    String.valueOf(f);",
            "  }",
            "}")
        .doTest();
  }
}
