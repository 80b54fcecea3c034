package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.DoWhileLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.await.Loops;
import dev.asyncprone.model.await.Loops.Loop;
import dev.asyncprone.model.await.Loops.PerElementAwait;
import dev.asyncprone.model.javac.Imports;
import dev.asyncprone.model.javac.NewLocals;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An await inside a loop on a future made from the loop's element: one round trip each. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "An await inside a loop on a future made from the current element: one round trip per"
            + " element, each waiting for the last, where one batch would do",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "AwaitInLoop.md")
public final class AwaitInLoop extends BugChecker
    implements EnhancedForLoopTreeMatcher,
        ForLoopTreeMatcher,
        WhileLoopTreeMatcher,
        DoWhileLoopTreeMatcher,
        MethodInvocationTreeMatcher {

  @Override
  public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
    return Guard.safely(() -> match(state));
  }

  @Override
  public Description matchForLoop(ForLoopTree tree, VisitorState state) {
    return Guard.safely(() -> match(state));
  }

  @Override
  public Description matchWhileLoop(WhileLoopTree tree, VisitorState state) {
    return Guard.safely(() -> match(state));
  }

  @Override
  public Description matchDoWhileLoop(DoWhileLoopTree tree, VisitorState state) {
    return Guard.safely(() -> match(state));
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(() -> match(state));
  }

  private Description match(VisitorState state) {
    Loop loop = Loops.of(state.getPath(), state);
    List<PerElementAwait> awaits = new ArrayList<>();
    if (loop != null) {
      for (PerElementAwait await : Loops.perElementAwaits(loop, state)) {
        if (await.declaration() == null || !isSuppressed(await.declaration(), state)) {
          awaits.add(await);
        }
      }
    }
    if (awaits.isEmpty()) {
      return Description.NO_MATCH;
    }
    PerElementAwait first = awaits.get(0);
    Description.Builder description =
        buildDescription(first.await().call()).setMessage(message(loop, awaits, state));
    // A step whose order may be the point is left as it is: only its author knows.
    SuggestedFix fix = awaits.size() == 1 && !first.ordered() ? twoLoops(loop, first, state) : null;
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static String message(Loop loop, List<PerElementAwait> awaits, VisitorState state) {
    PerElementAwait first = awaits.get(0);
    String perElement =
        awaits.size() == 1 ? "" : " (" + awaits.size() + " awaits per " + loop.over() + ")";
    if (first.ordered()) {
      String step = Trees.methodName(first.call()) + "(...)";
      return String.format(
          "%s waits for %s once per %s, each round trip after the last: N elements cost N"
              + " sequential round trips%s. Keep this order only if each %s must follow the one"
              + " before (the same record written twice, a sequence the other side relies on);"
              + " if not, start them together with bounded concurrency (a Semaphore around each"
              + " call, Flux.fromIterable(...).flatMap(..., n), a fixed pool of n threads) and"
              + " wait for them once. %s",
          first.await().display(),
          Trees.label(first.call(), state),
          loop.over(),
          perElement,
          step,
          batchAdvice(first.kind()));
    }
    return String.format(
        "%s waits for %s once per %s, each round trip after the last: N elements cost N"
            + " sequential round trips%s where one batch would do. %s",
        first.await().display(),
        Trees.label(first.call(), state),
        loop.over(),
        perElement,
        batchAdvice(first.kind()));
  }

  private static String batchAdvice(AsyncKind kind) {
    switch (kind) {
      case LISTENABLE_FUTURE:
        return "Create the futures in the loop, then wait for them together:"
            + " Futures.allAsList(...)";
      case FUTURE:
        return "Submit every task first (or use ExecutorService.invokeAll), then get() each in a"
            + " second loop";
      case VERTX_FUTURE:
        return "Create the futures in the loop, then wait for them together: Future.all(...)";
      case COMPLETABLE_FUTURE:
      case COMPLETION_STAGE:
        return "Create the futures in the loop, then wait for them together:"
            + " CompletableFuture.allOf(...), or join each in a second loop to keep the order";
      default:
        switch (kind.family()) {
          case REACTOR:
            return "Subscribe to them together: Flux.fromIterable(...).flatMapSequential(...,"
                + " concurrency) keeps the order and bounds how many run at once";
          case RXJAVA:
            return "Subscribe to them together: Flowable.fromIterable(...).concatMapEager(...)"
                + " keeps the order and bounds how many run at once";
          case MUTINY:
            return "Subscribe to them together: Multi.createFrom().iterable(...).onItem()"
                + ".transformToUniAndConcatenate(...), or Uni.join().all(...)";
          default:
            return "Start them all first, then wait for them together";
        }
    }
  }

  /**
   * {@code for (T x : xs) { out.add(f(x).join()); }} becomes one loop that starts every future and
   * one that waits for each in turn: the same results in the same order, the first failure thrown
   * from the same await. Only for futures whose work starts when they are made.
   */
  private static @Nullable SuggestedFix twoLoops(
      Loop loop, PerElementAwait await, VisitorState state) {
    Tree parent = state.getPath().getParentPath().getLeaf();
    if (!(loop.tree() instanceof EnhancedForLoopTree)
        || !(parent instanceof BlockTree)
        || await.kind().isLazy()) {
      return null;
    }
    EnhancedForLoopTree forLoop = (EnhancedForLoopTree) loop.tree();
    MethodInvocationTree add = Loops.onlyCall(forLoop.getStatement());
    MethodSymbol addMethod = add == null ? null : ASTHelpers.getSymbol(add);
    ExpressionTree out = add == null ? null : Trees.receiver(add);
    if (addMethod == null
        || out == null
        || !Symbols.name(addMethod, state).equals("add")
        || add.getArguments().size() != 1
        || ASTHelpers.stripParentheses(add.getArguments().get(0)) != await.await().call()
        || !AsyncTypes.isOwnedBy(addMethod, JdkTypes.COLLECTION, state)
        || Variables.readsAny(out, loop.iteration())) {
      return null;
    }
    ExpressionTree future = await.await().future();
    Set<Symbol> outRoots = Trees.rootSymbols(out, state);
    if (Variables.readsAny(future, outRoots)
        || Variables.readsAny(forLoop.getExpression(), outRoots)) {
      // f(out.size()) would see an empty list; adding to the list being iterated would not throw.
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String type = NewLocals.typeSource(ASTHelpers.getType(future), fix, state);
    String header = Loops.headerSource(forLoop, state);
    String awaitSource = state.getSourceForNode(await.await().call());
    if (type == null || header == null || awaitSource == null) {
      return null;
    }
    Set<String> taken = NewLocals.takenNames(state);
    // Each plain loop before this one may get this fix too, and takes the next name in turn.
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
        if (ASTHelpers.getStartPosition(node) < ASTHelpers.getStartPosition(forLoop)
            && Loops.onlyCall(node.getStatement()) != null) {
          NewLocals.freshName("futures", taken);
        }
        return super.visitEnhancedForLoop(node, unused);
      }
    }.scan(NewLocals.scope(state.getPath()), null);
    String futures = NewLocals.freshName("futures", taken);
    String each = NewLocals.freshName("future", taken);
    int awaitStart = ASTHelpers.getStartPosition(await.await().call());
    String awaitEach =
        awaitSource.substring(0, ASTHelpers.getStartPosition(future) - awaitStart)
            + each
            + awaitSource.substring(state.getEndPosition(future) - awaitStart);
    String indent = NewLocals.indentOf(forLoop, state);
    // in sorted order: two imports added next to the same one go in the order they are added
    String arrayList = Imports.qualify(state, fix, JdkTypes.ARRAY_LIST);
    String list = Imports.qualify(state, fix, JdkTypes.LIST);
    String replacement =
        String.format(
            "%1$s<%2$s> %3$s = new %4$s<>();\n%5$sfor (%6$s) {\n%5$s  %3$s.add(%7$s);\n%5$s}\n"
                + "%5$sfor (%2$s %8$s : %3$s) {\n%5$s  %9$s.add(%10$s);\n%5$s}",
            list,
            type,
            futures,
            arrayList,
            indent,
            header,
            state.getSourceForNode(future),
            each,
            state.getSourceForNode(out),
            awaitEach);
    return fix.replace(forLoop, replacement).build();
  }
}
