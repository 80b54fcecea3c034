package dev.asyncprone.model.observe;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ReturnTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ReturnTree;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NullRelaysTest {
  /** Flags every return that runs only when a wrapped function's result is null. */
  @BugPattern(summary = "relay", severity = WARNING)
  public static final class Probe extends BugChecker implements ReturnTreeMatcher {
    @Override
    public Description matchReturn(ReturnTree tree, VisitorState state) {
      return NullRelays.returnsOnlyWhenWrappedIsNull(state.getPath(), state)
          ? buildDescription(tree).setMessage("relay").build()
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void wrappersOfTheSameInterface() {
    helper
        .addSourceLines(
            "W.java",
            "import java.util.concurrent.Callable;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "import java.util.function.Supplier;",
            "abstract class W {",
            "  Function<String, CompletableFuture<String>> f;",
            "  Supplier<CompletableFuture<String>> s;",
            "  abstract CompletableFuture<String> plain();",
            "  Function<String, CompletableFuture<String>> wraps() {",
            "    return k -> {",
            "      CompletableFuture<String> r = f.apply(k);",
            "      if (r == null) {",
            "        // BUG: Diagnostic contains: relay",
            "        return null;",
            "      }",
            "      if (r != null) {",
            "        return r;",
            "      } else {",
            "        // BUG: Diagnostic contains: relay",
            "        return null;",
            "      }",
            "    };",
            "  }",
            "  Function<String, CompletableFuture<String>> otherInterface() {",
            "    return k -> {",
            "      CompletableFuture<String> r = s.get();",
            "      if (r == null) {",
            "        return null;",
            "      }",
            "      return r;",
            "    };",
            "  }",
            "  Callable<CompletableFuture<String>> plainMethod() {",
            "    return () -> {",
            "      CompletableFuture<String> r = plain();",
            "      if (r != null) {",
            "        return r;",
            "      }",
            "      return null;",
            "    };",
            "  }",
            "  class Decorator implements Supplier<CompletableFuture<String>> {",
            "    public CompletableFuture<String> get() {",
            "      CompletableFuture<String> r = s.get();",
            "      if (r != null) {",
            "        return r.thenApply(String::trim);",
            "      }",
            "      // BUG: Diagnostic contains: relay",
            "      return null;",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
