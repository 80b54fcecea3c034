package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.api.libraries.Mutiny;
import dev.asyncprone.model.api.libraries.ReactiveStreams;
import dev.asyncprone.model.api.libraries.Vocabulary;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerUnitCache;
import org.jspecify.annotations.Nullable;

/**
 * Where Reactor, RxJava and Mutiny run the functions they are given: an operator's on the thread
 * that emits, a factory's ({@code fromCallable}, {@code defer}, Mutiny's {@code createFrom()}) on
 * the thread that subscribes; either on a scheduler that may block where the chain moves it there
 * ({@code subscribeOn(Schedulers.boundedElastic())}).
 */
final class ReactiveHandOffs {
  // Each link of a chain keeps its answer, so asking at every stage of a long chain costs the
  // chain's length in all, not its square.
  private final PerUnitCache<Tree, Boolean> switchAtOrBelow = new PerUnitCache<>();
  private final PerUnitCache<Tree, Boolean> switchAtOrAbove = new PerUnitCache<>();

  @Nullable AsyncContext contextOf(HandOff handOff, VisitorState state) {
    Library library = Vocabulary.ofClass(handOff.owner());
    AsyncKind.Family family = library == null ? null : library.family();
    if (family != AsyncKind.Family.REACTOR
        && family != AsyncKind.Family.RXJAVA
        && family != AsyncKind.Family.MUTINY) {
      return null;
    }
    boolean atSubscription =
        (family == AsyncKind.Family.MUTINY
                && handOff.owner().endsWith(Mutiny.SUBSCRIPTION_TIME_GROUPS))
            || (handOff.method().isStatic() && Libraries.isSubscriptionFactory(handOff.name()));
    if (switchesToBlockingScheduler(handOff, state)) {
      return ContextWords.offloaded(
          handOff.functional(),
          handOff.call(),
          null,
          handOff.what() + " runs on a scheduler chosen for it");
    }
    return atSubscription
        ? ContextWords.subscriptionTime(handOff)
        : ContextWords.reactiveOperator(handOff, library.name(), state);
  }

  /**
   * True if the operator chain around the call moves work to a scheduler that may block: a {@code
   * publishOn}/{@code subscribeOn}/{@code observeOn}/{@code emitOn} upstream of it, or a {@code
   * subscribeOn} downstream, with anything but a parallel, single or immediate scheduler.
   */
  private boolean switchesToBlockingScheduler(HandOff handOff, VisitorState state) {
    return switchesUpstream(ASTHelpers.getReceiver(handOff.call()), state)
        || switchesDownstream(handOff.functional().getParentPath(), state);
  }

  /** A scheduler switch that may block at {@code start} or below it in its receiver chain. */
  private boolean switchesUpstream(@Nullable ExpressionTree start, VisitorState state) {
    return switchAtOrBelow.along(
        start == null ? null : ASTHelpers.stripParentheses(start),
        e -> {
          ExpressionTree receiver = Trees.receiver(e);
          return receiver == null ? null : ASTHelpers.stripParentheses(receiver);
        },
        e -> e,
        false,
        (e, below) ->
            below
                || (e instanceof MethodInvocationTree call
                    && Libraries.isSchedulerSwitch(Trees.methodName(call))
                    && schedulerMayBlock(call)),
        state);
  }

  /** A {@code subscribeOn} that may block among the calls chained onto the one at {@code path}. */
  private boolean switchesDownstream(@Nullable TreePath path, VisitorState state) {
    return switchAtOrAbove.along(
        path == null ? null : chainedOnto(path),
        ReactiveHandOffs::chainedOnto,
        TreePath::getLeaf,
        false,
        (p, above) -> {
          MethodInvocationTree downstream = (MethodInvocationTree) p.getLeaf();
          return above
              || (Libraries.isDownstreamSchedulerSwitch(Trees.methodName(downstream))
                  && schedulerMayBlock(downstream));
        },
        state);
  }

  /** The path of the call chained onto the expression at {@code path}, or null. */
  private static @Nullable TreePath chainedOnto(TreePath path) {
    TreePath select = path.getParentPath();
    TreePath call = select == null ? null : select.getParentPath();
    return select != null
            && select.getLeaf() instanceof MemberSelectTree
            && call != null
            && call.getLeaf() instanceof MethodInvocationTree
        ? call
        : null;
  }

  /** True unless the switch names one of the libraries' schedulers meant never to block. */
  private static boolean schedulerMayBlock(MethodInvocationTree schedulerSwitch) {
    if (schedulerSwitch.getArguments().isEmpty()) {
      return false;
    }
    ExpressionTree scheduler = ASTHelpers.stripParentheses(schedulerSwitch.getArguments().get(0));
    if (scheduler instanceof MethodInvocationTree) {
      Symbol factory = ASTHelpers.getSymbol(scheduler);
      return factory == null
          || !(factory.owner.getSimpleName().contentEquals(ReactiveStreams.SCHEDULERS)
              && Libraries.isNonBlockingScheduler(factory.getSimpleName().toString()));
    }
    return true;
  }
}
