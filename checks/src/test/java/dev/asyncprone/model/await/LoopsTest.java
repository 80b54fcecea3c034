package dev.asyncprone.model.await;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.DoWhileLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Symbol;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class LoopsTest {
  /**
   * Reports every loop Loops recognises: what it runs over, its iteration variables, its awaits.
   */
  @BugPattern(summary = "test probe for Loops", severity = WARNING)
  public static final class Probe extends BugChecker
      implements EnhancedForLoopTreeMatcher,
          ForLoopTreeMatcher,
          WhileLoopTreeMatcher,
          DoWhileLoopTreeMatcher,
          MethodInvocationTreeMatcher {
    @Override
    public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
      return describe(tree, state);
    }

    @Override
    public Description matchForLoop(ForLoopTree tree, VisitorState state) {
      return describe(tree, state);
    }

    @Override
    public Description matchWhileLoop(WhileLoopTree tree, VisitorState state) {
      return describe(tree, state);
    }

    @Override
    public Description matchDoWhileLoop(DoWhileLoopTree tree, VisitorState state) {
      return describe(tree, state);
    }

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return describe(tree, state);
    }

    private Description describe(Tree tree, VisitorState state) {
      Loops.Loop loop = Loops.of(state.getPath(), state);
      if (loop == null) {
        return Description.NO_MATCH;
      }
      Set<String> iteration = new TreeSet<>();
      for (Symbol symbol : loop.iteration()) {
        iteration.add(symbol.getSimpleName().toString());
      }
      StringBuilder awaits = new StringBuilder();
      for (Loops.PerElementAwait await : Loops.perElementAwaits(loop, state)) {
        awaits.append(' ').append(state.getSourceForNode(await.call()));
      }
      String header =
          tree instanceof EnhancedForLoopTree
              ? " header=" + Loops.headerSource((EnhancedForLoopTree) tree, state)
              : "";
      return buildDescription(tree)
          .setMessage(
              "over=" + loop.over() + " iteration=" + iteration + header + " awaits:" + awaits)
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void loopsAndTheirAwaits() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.Iterator;",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class T {",
            "  abstract CompletableFuture<String> find(String id);",
            "  abstract CompletableFuture<String> all(List<String> ids);",
            "  void m(List<String> ids, Iterator<String> it, Map<String, String> map,"
                + " List<List<String>> batches) {",
            "    // BUG: Diagnostic contains: over=element of ids iteration=[id] header=final"
                + " String id : ids awaits: find(id)",
            "    for (final String id : ids) { find(id).join(); }",
            "    // BUG: Diagnostic contains: over=iteration iteration=[i] awaits:"
                + " find(ids.get(i))",
            "    for (int i = 0; i < ids.size(); i++) { String s = find(ids.get(i)).join(); }",
            "    // BUG: Diagnostic contains: over=element iteration=[it] awaits: find(next)",
            "    while (it.hasNext()) { String next = it.next(); String s = find(next).join(); }",
            "    // BUG: Diagnostic contains: over=element of ids iteration=[x] awaits: find(x)",
            "    ids.forEach(x -> find(x).join());",
            "    // BUG: Diagnostic contains: over=element of map iteration=[k, v] awaits: find(k +"
                + " v)",
            "    map.forEach((k, v) -> find(k + v).join());",
            "    // BUG: Diagnostic contains: over=element of ids iteration=[x] awaits:",
            "    ids.stream().map(x -> x.trim()).forEach(x -> System.out.println(x));",
            "    // A batch as the element: handed whole, one round trip per batch (no await);"
                + " read out of, one per record.",
            "    // BUG: Diagnostic contains: batch : batches awaits: find(batch.get(0))",
            "    for (List<String> batch : batches) { find(batch.get(0)).join(); }",
            "    // BUG: Diagnostic matches: WHOLE",
            "    for (List<String> chunk : batches) { all(chunk).join(); }",
            "    // Not loops Loops handles: steps of two, conditions on no cursor.",
            "    for (int i = 0; i < ids.size(); i += 2) { find(ids.get(i)).join(); }",
            "    while (ids.isEmpty()) { find(\"x\").join(); }",
            "    ids.parallelStream().forEach(x -> find(x).join());",
            "    ids.stream().map(x -> find(x).join()).findFirst();",
            "  }",
            "}")
        .expectErrorMessage(
            "WHOLE", m -> m.contains("chunk : batches awaits:") && !m.contains("all(chunk)"))
        .doTest();
  }
}
