package dev.asyncprone.model.await;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.api.Verbs;
import dev.asyncprone.model.javac.Trees;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class FutureCallsTest {
  /**
   * For {@code probe(future)}: the creating call, whether the chain is a batch, the receiver roots;
   * for {@code probe(a, b)}: whether the two creating calls may share state; plus the first ordered
   * call along the chain.
   */
  @BugPattern(summary = "test probe for FutureCalls", severity = WARNING)
  public static final class Probe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!Trees.methodName(tree).equals("probe")) {
        return Description.NO_MATCH;
      }
      ExpressionTree future = tree.getArguments().get(0);
      MethodInvocationTree call = FutureCalls.creatingCall(future, state);
      String message;
      if (tree.getArguments().size() == 2) {
        MethodInvocationTree other = FutureCalls.creatingCall(tree.getArguments().get(1), state);
        message = "shares=" + FutureCalls.mayShareState(call, other, state);
      } else {
        Set<String> roots = new TreeSet<>();
        if (call != null) {
          for (Object root : FutureCalls.receiverRoots(call, state)) {
            roots.add(root.toString());
          }
        }
        message =
            "call="
                + (call == null ? "none" : state.getSourceForNode(call))
                + " batch="
                + FutureCalls.containsBatch(future, state)
                + " roots="
                + roots
                + " ordered="
                + Verbs.orderedAlong(future, state);
      }
      return buildDescription(tree).setMessage(message).build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void creatingCalls() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.concurrent.*;",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "abstract class T {",
            "  interface Repo { CompletableFuture<String> find(String id);"
                + " CompletableFuture<String> save(String v); }",
            "  Repo repo; Repo other;",
            "  abstract CompletableFuture<String> load(String id);",
            "  abstract CompletableFuture<String> price(String id);",
            "  abstract String record(String s);",
            "  static Object probe(Object f) { return f; }",
            "  static Object probe(Object a, Object b) { return a; }",
            "  void m(CompletableFuture<String> f, List<CompletableFuture<String>> fs,",
            "      Map<String, CompletableFuture<String>> byId, CompletionService<String> cs,",
            "      ListenableFuture<String> lf, ExecutorService pool) throws Exception {",
            "    // BUG: Diagnostic contains: call=repo.find(\"a\") batch=false roots=[repo]"
                + " ordered=null",
            "    probe(repo.find(\"a\").thenApply(String::trim).toCompletableFuture());",
            "    // BUG: Diagnostic contains: call=this.load(\"a\") batch=false roots=[this]"
                + " ordered=null",
            "    probe(this.load(\"a\"));",
            "    // BUG: Diagnostic contains: call=none batch=false roots=[] ordered=null",
            "    probe(f.thenApply(String::trim));",
            "    // BUG: Diagnostic contains: call=none batch=false roots=[] ordered=record",
            "    probe(f.thenApply(s -> record(s)));",
            "    // BUG: Diagnostic contains: call=none",
            "    probe(fs.get(0));",
            "    // BUG: Diagnostic contains: call=none",
            "    probe(byId.get(\"a\"));",
            "    // BUG: Diagnostic contains: call=none",
            "    probe(cs.take());",
            "    // BUG: Diagnostic contains: call=none",
            "    probe(CompletableFuture.completedFuture(\"a\"));",
            "    // BUG: Diagnostic contains: call=none",
            "    probe(Mono.just(\"a\"));",
            "    // BUG: Diagnostic contains: roots=[java.util.concurrent.CompletableFuture]",
            "    probe(CompletableFuture.supplyAsync(() -> \"a\"));",
            "    // BUG: Diagnostic contains: batch=true",
            "    probe(CompletableFuture.allOf(f, f));",
            "    // BUG: Diagnostic contains: batch=true",
            "    probe(Futures.allAsList(lf, lf));",
            "    // BUG: Diagnostic contains: batch=true",
            "    probe(Mono.zip(Mono.just(1), Mono.just(2)).map(t -> t.getT1()));",
            "    // BUG: Diagnostic contains: batch=true",
            "    probe(Flux.fromIterable(fs).flatMap(Mono::fromFuture, 4).collectList());",
            "    // BUG: Diagnostic contains: call=pool.submit(() -> repo.save(\"x\")) batch=false"
                + " roots=[pool] ordered=save",
            "    probe(pool.submit(() -> repo.save(\"x\")));",
            "    // BUG: Diagnostic contains: ordered=save",
            "    probe(repo.save(\"x\").thenApply(String::trim));",
            "  }",
            "  void pairs() {",
            "    // BUG: Diagnostic contains: shares=false",
            "    probe(repo.find(\"a\"), repo.find(\"b\"));",
            "    // BUG: Diagnostic contains: shares=true",
            "    probe(repo.save(\"a\"), repo.find(\"b\"));",
            "    // BUG: Diagnostic contains: shares=false",
            "    probe(repo.save(\"a\"), other.find(\"b\"));",
            "    // BUG: Diagnostic contains: shares=true",
            "    probe(price(\"a\"), this.price(\"b\").thenApply(String::trim));",
            "    // BUG: Diagnostic contains: shares=false",
            "    probe(load(\"a\"), this.load(\"b\"));",
            "  }",
            "}")
        .doTest();
  }
}
