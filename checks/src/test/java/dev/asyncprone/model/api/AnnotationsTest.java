package dev.asyncprone.model.api;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class AnnotationsTest {
  /** Reports, for every call of a method named {@code go}, whether its result may be dropped. */
  @BugPattern(summary = "Reports Annotations.canIgnoreReturnValue", severity = WARNING)
  public static final class CanIgnoreProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      MethodSymbol method = ASTHelpers.getSymbol(tree);
      if (method == null || !method.getSimpleName().contentEquals("go")) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage("canIgnore=" + Annotations.canIgnoreReturnValue(method, state))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CanIgnoreProbe.class, getClass());

  @Test
  public void canIgnoreReturnValue() {
    helper
        .addSourceLines(
            "CanIgnoreReturnValue.java",
            "package com.acme;",
            "public @interface CanIgnoreReturnValue {}")
        .addSourceLines(
            "Api.java",
            "import com.google.errorprone.annotations.CanIgnoreReturnValue;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Supplier;",
            "class Api {",
            "  static class Plain { CompletableFuture<Void> go() { return null; } }",
            "  static class Direct { @CanIgnoreReturnValue CompletableFuture<Void> go() { return"
                + " null; } }",
            "  static class Copy { @com.acme.CanIgnoreReturnValue CompletableFuture<Void> go() {"
                + " return null; } }",
            "  @CanIgnoreReturnValue static class Whole { CompletableFuture<Void> go() { return"
                + " null; } }",
            "  interface Fluent { @CanIgnoreReturnValue CompletableFuture<Void> go(); }",
            "  static class Impl implements Fluent { public CompletableFuture<Void> go() { return"
                + " null; } }",
            "  interface Loose { @CanIgnoreReturnValue Object go(); }",
            "  static class Narrowed implements Loose { public CompletableFuture<Void> go() {"
                + " return null; } }",
            "  void run() {",
            "    // BUG: Diagnostic contains: canIgnore=false",
            "    new Plain().go();",
            "    // BUG: Diagnostic contains: canIgnore=true",
            "    new Direct().go();",
            "    // BUG: Diagnostic contains: canIgnore=true",
            "    new Copy().go();",
            "    // BUG: Diagnostic contains: canIgnore=true",
            "    new Whole().go();",
            "    // BUG: Diagnostic contains: canIgnore=true",
            "    new Impl().go();",
            "    // BUG: Diagnostic contains: canIgnore=false",
            "    new Narrowed().go();",
            "  }",
            "}")
        .doTest();
  }
}
