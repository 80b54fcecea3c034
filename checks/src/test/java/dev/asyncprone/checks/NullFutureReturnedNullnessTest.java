package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Where NullFutureReturned reads that a method may return null: the return type itself, never a
 * type argument. {@code CompletableFuture<@Nullable Void>} (the JSpecify and NullAway spelling of a
 * future whose value may be null) still may not be null itself.
 */
@RunWith(JUnit4.class)
public class NullFutureReturnedNullnessTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullFutureReturned.class, getClass());

  @Test
  public void jspecifyOnTheReturnTypeAllowsNull() {
    helper
        .addSourceLines(
            "Cache.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.jspecify.annotations.Nullable;",
            "class Cache {",
            "  @Nullable CompletableFuture<Void> pending(String key) { return null; }",
            "  java.util.concurrent.@Nullable CompletableFuture<String> qualified() { return null;"
                + " }",
            "  public @Nullable CompletableFuture<@Nullable Void> both() { return null; }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void jspecifyOnATypeArgumentIsNotAboutTheFuture() {
    helper
        .addSourceLines(
            "Writer.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import org.jspecify.annotations.Nullable;",
            "class Writer {",
            "  CompletableFuture<@Nullable Void> flush(boolean dirty) {",
            "    if (!dirty) {",
            "      // BUG: Diagnostic contains: This returns null where a CompletableFuture is"
                + " expected",
            "      return null;",
            "    }",
            "    return CompletableFuture.completedFuture(null);",
            "  }",
            "  CompletionStage<@Nullable String> read() {",
            "    // BUG: Diagnostic contains: This returns null where a CompletionStage is"
                + " expected",
            "    return null;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void jetbrainsOnTheReturnTypeAllowsNullButNotOnATypeArgument() {
    helper
        .addSourceLines(
            "Jobs.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.jetbrains.annotations.Nullable;",
            "class Jobs {",
            "  @Nullable CompletableFuture<Void> running() { return null; }",
            "  CompletableFuture<@Nullable Void> done() {",
            "    // BUG: Diagnostic contains: return CompletableFuture.completedFuture(null)"
                + " instead",
            "    return null;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void jsr305OnTheMethodAllowsNull() {
    // The real javax.annotation.Nullable of com.google.code.findbugs:jsr305, a declaration
    // annotation.
    helper
        .addSourceLines(
            "Lookup.java",
            "import java.util.concurrent.CompletableFuture;",
            "import javax.annotation.Nullable;",
            "class Lookup {",
            "  @Nullable CompletableFuture<String> find(String key) { return null; }",
            "  CompletableFuture<String> get(String key) {",
            "    // BUG: Diagnostic contains: This returns null where a CompletableFuture",
            "    return null;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void anOverriddenMethodIsReadTheSameWay() {
    helper
        .addSourceLines(
            "Store.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.jspecify.annotations.Nullable;",
            "interface Store {",
            "  @Nullable CompletableFuture<Void> maybeFlush();",
            "  CompletableFuture<@Nullable Void> flush();",
            "}")
        .addSourceLines(
            "MemoryStore.java",
            "import java.util.concurrent.CompletableFuture;",
            "class MemoryStore implements Store {",
            "  @Override public CompletableFuture<Void> maybeFlush() { return null; }",
            "  @Override public CompletableFuture<Void> flush() {",
            "    // BUG: Diagnostic contains: This returns null where a CompletableFuture",
            "    return null;",
            "  }",
            "}")
        .doTest();
  }
}
