package dev.asyncprone.model.context;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.support.Options;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Which calls {@link BlockingCalls} says block, and why: awaits, the catalog, annotations. */
@RunWith(JUnit4.class)
public class BlockingCallsProbeTest {

  /** Reports every call that BlockingCalls says may block, with its reason and display name. */
  @BugPattern(summary = "blocking probe", severity = WARNING)
  public static final class BlockingProbe extends BugChecker
      implements MethodInvocationTreeMatcher, NewClassTreeMatcher, MemberReferenceTreeMatcher {
    private final BlockingCalls blockingCalls = new BlockingCalls(Options.defaults());

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return probe(tree, state);
    }

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return probe(tree, state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return probe(tree, state);
    }

    private Description probe(Tree tree, VisitorState state) {
      BlockingCall call = blockingCalls.of(tree, state);
      if (call == null) {
        return Description.NO_MATCH;
      }
      String bounded =
          call.await() == null ? "" : (call.await().bounded() ? " bounded" : " unbounded");
      return buildDescription(tree)
          .setMessage(call.reason() + " " + call.display() + bounded + ": " + call.waitsFor())
          .build();
    }
  }

  /** Reports {@link BlockingCall#blocks} for every call that waits where it runs. */
  @BugPattern(summary = "waiting probe", severity = WARNING)
  public static final class WaitingProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private final BlockingCalls blockingCalls = new BlockingCalls(Options.defaults());
    private final Contexts contexts = new Contexts(Options.defaults());

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      BlockingCall call = blockingCalls.waitingAt(tree, state);
      return call == null
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage(call.blocks(contexts.of(state))).build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingProbe.class, getClass());

  @Test
  public void waitingAtLeavesOutFuturesKnownToBeDone() {
    CompilationTestHelper.newInstance(WaitingProbe.class, getClass())
        .addSourceLines(
            "T.java",
            "import java.util.concurrent.CompletableFuture;",
            "class T {",
            "  void f(CompletableFuture<String> a, CompletableFuture<String> b) {",
            "    CompletableFuture.allOf(a, b).thenRunAsync(() -> {",
            "      a.join();",
            "      // BUG: Diagnostic contains: LockSupport.parkNanos() waits for another thread"
                + " and blocks a ForkJoinPool.commonPool() thread (this lambda is passed to"
                + " thenRunAsync() without an executor and runs on the common pool)",
            "      java.util.concurrent.locks.LockSupport.parkNanos(1);",
            "    });",
            "    a.thenRun(() -> {",
            "      // BUG: Diagnostic contains: join() blocks the thread that completes 'a'",
            "      b.join();",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitsOfEveryFamily() {
    helper
        .addSourceLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.Uninterruptibles;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class T {",
            "  void f(CompletableFuture<String> cf, Future<String> f, ListenableFuture<String> lf,",
            "      Mono<String> mono, Flux<String> flux, Single<String> single, Uni<String> uni)",
            "      throws Exception {",
            "    // BUG: Diagnostic contains: AWAIT join() unbounded",
            "    cf.join();",
            "    // BUG: Diagnostic contains: AWAIT get() unbounded",
            "    f.get();",
            "    // BUG: Diagnostic contains: AWAIT get() bounded",
            "    lf.get(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: AWAIT Futures.getUnchecked() unbounded",
            "    Futures.getUnchecked(lf);",
            "    // BUG: Diagnostic contains: AWAIT Uninterruptibles.getUninterruptibly()",
            "    Uninterruptibles.getUninterruptibly(lf);",
            "    // BUG: Diagnostic contains: AWAIT block() unbounded",
            "    mono.block();",
            "    // BUG: Diagnostic contains: AWAIT blockLast() unbounded",
            "    flux.blockLast();",
            "    // BUG: Diagnostic contains: AWAIT blockingGet() unbounded",
            "    single.blockingGet();",
            "    // BUG: Diagnostic contains: AWAIT await().indefinitely() unbounded",
            "    uni.await().indefinitely();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void awaitsAsMethodReferences() {
    helper
        .addSourceLines(
            "T.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Supplier;",
            "class T {",
            "  void f(List<CompletableFuture<String>> futures, CompletableFuture<String> cf) {",
            "    // BUG: Diagnostic contains: AWAIT join()",
            "    futures.forEach(CompletableFuture::join);",
            "    // BUG: Diagnostic contains: AWAIT join()",
            "    Supplier<String> s = cf::join;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void readsThatDoNotWait() {
    helper
        .addSourceLines(
            "T.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.Map;",
            "import java.util.Optional;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Supplier;",
            "class T {",
            "  void f(CompletableFuture<String> cf, ListenableFuture<String> lf,",
            "      Supplier<String> s, Map<String, String> m, Optional<String> o) throws Exception"
                + " {",
            "    cf.getNow(\"x\");",
            "    cf.isDone();",
            "    Futures.getDone(lf);",
            "    s.get();",
            "    m.get(\"k\");",
            "    o.get();",
            "    cf.complete(\"x\");",
            "    cf.thenApply(String::length);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void catalogMethodsAndTheirOverrides() {
    helper
        .addSourceLines(
            "T.java",
            "import java.io.FileInputStream;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.sql.Connection;",
            "import java.util.concurrent.LinkedBlockingQueue;",
            "import java.util.concurrent.TimeUnit;",
            "class T {",
            "  void f(Path p, Connection c, LinkedBlockingQueue<String> q) throws Exception {",
            "    // BUG: Diagnostic contains: CATALOG Thread.sleep(): sleeps",
            "    Thread.sleep(10);",
            "    // BUG: Diagnostic contains: CATALOG TimeUnit.sleep(): sleeps",
            "    TimeUnit.MILLISECONDS.sleep(10);",
            "    // BUG: Diagnostic contains: CATALOG Files.readAllBytes(): does file I/O",
            "    Files.readAllBytes(p);",
            "    // BUG: Diagnostic contains: CATALOG new FileInputStream(...): does file I/O",
            "    new FileInputStream(\"x\").close();",
            "    // BUG: Diagnostic contains: CATALOG LinkedBlockingQueue.take(): waits for another"
                + " thread",
            "    q.take();",
            "    // BUG: Diagnostic contains: CATALOG Connection.prepareStatement(): makes a"
                + " database",
            "    c.prepareStatement(\"select 1\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void namesAloneDoNotBlock() {
    helper
        .addSourceLines(
            "T.java",
            "class T {",
            "  static class Queue { String take() { return \"\"; } }",
            "  static class Clock { void sleep(long ms) {} }",
            "  static class Job { String get() { return \"\"; } void join() {} }",
            "  void f(Queue q, Clock c, Job j) {",
            "    q.take();",
            "    c.sleep(1);",
            "    j.get();",
            "    j.join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void blockingAnnotations() {
    helper
        .addSourceLines(
            "Repo.java",
            "import dev.asyncprone.annotations.Blocking;",
            "interface Repo {",
            "  @Blocking String load(String id);",
            "}")
        .addSourceLines(
            "Legacy.java",
            "@org.jetbrains.annotations.Blocking",
            "class Legacy {",
            "  String fetch() { return \"\"; }",
            "}")
        .addSourceLines(
            "T.java",
            "import java.util.function.Function;",
            "class T {",
            "  static class SqlRepo implements Repo {",
            "    @Override public String load(String id) { return id; }",
            "  }",
            "  @io.smallrye.common.annotation.Blocking String slow() { return \"\"; }",
            "  void f(Repo repo, SqlRepo sql, Legacy legacy) {",
            "    // BUG: Diagnostic contains: ANNOTATED Repo.load(): is annotated @Blocking",
            "    repo.load(\"1\");",
            "    // BUG: Diagnostic contains: ANNOTATED SqlRepo.load(): is annotated @Blocking",
            "    sql.load(\"1\");",
            "    // BUG: Diagnostic contains: ANNOTATED Legacy.fetch(): is annotated @Blocking",
            "    legacy.fetch();",
            "    // BUG: Diagnostic contains: ANNOTATED T.slow(): is annotated @Blocking",
            "    slow();",
            "    // BUG: Diagnostic contains: ANNOTATED Repo.load()",
            "    Function<String, String> load = repo::load;",
            "  }",
            "}")
        .doTest();
  }
}
