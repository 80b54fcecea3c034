package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Library.AsyncWrap;
import dev.asyncprone.model.api.libraries.Library.CallbackTwin;
import dev.asyncprone.model.api.libraries.Library.CompletionListener;
import dev.asyncprone.model.api.libraries.Library.CompletionProbe;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.StageCallbacks;
import dev.asyncprone.model.api.libraries.Library.UsingFactory;
import dev.asyncprone.model.api.libraries.Library.ValueWrap;
import dev.asyncprone.model.javac.Symbols;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The questions the analyses and fixes ask about libraries, answered over every table in {@link
 * #ALL}. A question about a call looks up the call's name, then checks the few facts filed under
 * it; a question about a kind or a family finds the one table that has it.
 */
public final class Libraries {
  /** Every table; adding a library is adding its table here. */
  public static final ImmutableList<Library> ALL =
      ImmutableList.of(
          Jdk.TABLE,
          Guava.TABLE,
          Reactor.TABLE,
          RxJava.TABLE,
          Mutiny.TABLE,
          Vertx.TABLE,
          Netty.TABLE,
          ReactiveStreams.TABLE,
          Spring.TABLE,
          Mockito.TABLE);

  /** A fact and the table it comes from. */
  public record Match<T>(T fact, Library library) {}

  private static final NameIndex<Match<AwaitRule>> AWAITS =
      index(Library::awaits, rule -> List.of(rule.name()));
  private static final NameIndex<Match<Methods>> NON_BLOCKING_READS =
      index(Library::nonBlockingReads, Methods::names);
  private static final NameIndex<Match<CompletionProbe>> PROBES =
      index(Library::completionProbes, probe -> probe.methods().names());
  private static final NameIndex<Match<CompletionListener>> LISTENERS =
      index(Library::completionListeners, listener -> listener.methods().names());
  private static final NameIndex<Match<Methods>> MAPS = index(Library::maps, Methods::names);
  private static final NameIndex<Match<ComposeTwin>> COMPOSE_TWINS =
      index(Library::composeTwins, twin -> twin.operator().names());
  private static final NameIndex<Match<CallbackTwin>> CALLBACK_TWINS =
      index(Library::callbackTwins, twin -> twin.callback().names());
  private static final NameIndex<Match<Composition>> COMPOSITIONS =
      index(Library::compositions, composition -> composition.methods().names());
  private static final NameIndex<Match<ValueWrap>> VALUE_WRAPS =
      index(Library::valueWraps, wrap -> wrap.factories().names());
  private static final NameIndex<Match<Methods>> ALL_OF = index(Library::allOf, Methods::names);
  private static final NameIndex<Match<Methods>> FAILURE_HANDLERS =
      index(Library::failureHandlers, Methods::names);
  private static final NameIndex<Match<AsyncWrap>> ASYNC_WRAPS =
      index(Library::asyncWraps, wrap -> wrap.methods().names());
  private static final NameIndex<Match<Methods>> PRECONDITIONS =
      index(Library::preconditions, Methods::names);
  private static final NameIndex<Match<Methods>> CANCELLABLE_SOURCES =
      index(Library::cancellableSources, Methods::names);

  private static final NameIndex<Library> BATCHES = names(Library::batches);
  private static final NameIndex<Library> COMPLETED_FACTORIES = names(Library::completedFactories);
  private static final NameIndex<Library> TIMEOUT_OPERATORS = names(Library::timeoutOperators);
  private static final NameIndex<Library> SUBSCRIBERS = names(Library::subscribers);
  private static final NameIndex<Library> RECEIVER_RETURNING = names(Library::receiverReturning);
  private static final NameIndex<Library> NESTING_KEPT = names(Library::nestingKept);
  private static final NameIndex<Library> INNER_LOST = names(Library::innerLost);
  private static final NameIndex<Library> SHARING = names(Library::sharingOperators);
  private static final NameIndex<Library> PER_ELEMENT = names(Library::perElementOperators);
  private static final NameIndex<Library> SUBSCRIPTION_FACTORIES =
      names(Library::subscriptionFactories);
  private static final NameIndex<Library> SCHEDULER_SWITCHES = names(Library::schedulerSwitches);
  private static final NameIndex<Library> DOWNSTREAM_SCHEDULER_SWITCHES =
      names(Library::downstreamSchedulerSwitches);
  private static final NameIndex<Library> NON_BLOCKING_SCHEDULERS =
      names(Library::nonBlockingSchedulers);
  private static final NameIndex<Library> STATIC_OPERATOR_CLASSES =
      names(Library::staticOperatorClasses);
  private static final NameIndex<Library> BOTH_INPUTS = prefixes(Library::bothInputs);
  private static final NameIndex<Library> MAY_COMPLETE_FIRST = prefixes(Library::mayCompleteFirst);
  private static final NameIndex<Library> MAY_FAIL_FIRST = prefixes(Library::mayFailFirst);

  private Libraries() {}

  // ---------------------------------------------------------------------------- waiting

  /** The wait a call of {@code method} is, from the tables, or null. */
  public static @Nullable AwaitRule await(MethodSymbol method, VisitorState state) {
    Match<AwaitRule> found = find(AWAITS, AwaitRule::matches, method, state);
    if (found != null) {
      return found.fact();
    }
    for (Match<AwaitRule> candidate : AWAITS.get(Symbols.name(method, state))) {
      if (Conventions.isTwinOf(method, candidate.fact(), state)) {
        return candidate.fact();
      }
    }
    return null;
  }

  /** True for a call that reads a future's result and never waits ({@code getNow}). */
  public static boolean isNonBlockingRead(MethodSymbol method, VisitorState state) {
    return find(NON_BLOCKING_READS, Methods::matches, method, state) != null;
  }

  /** True for an operator that bounds the wait for what comes before it ({@code orTimeout}). */
  public static boolean isTimeoutOperator(String name) {
    return TIMEOUT_OPERATORS.contains(name);
  }

  // ---------------------------------------------------------------------------- completion

  /**
   * The probe a call of {@code method} is, telling whether the future it is called on is complete
   * ({@code isDone()}, {@code isSuccess()}, {@code getNow(x)}); null for any other call.
   */
  public static @Nullable CompletionProbe completionProbe(MethodSymbol method, VisitorState state) {
    Match<CompletionProbe> found =
        find(PROBES, (probe, m, s) -> probe.methods().matches(m, s), method, state);
    return found == null ? null : found.fact();
  }

  /**
   * The listener a call of {@code method} registers, whose code runs once the future completes
   * ({@code addListener}, {@code whenComplete}, {@code onComplete}, {@code Futures.addCallback});
   * null for any other call.
   */
  public static @Nullable CompletionListener completionListener(
      MethodSymbol method, VisitorState state) {
    Match<CompletionListener> found =
        find(LISTENERS, (listener, m, s) -> listener.methods().matches(m, s), method, state);
    return found == null ? null : found.fact();
  }

  /**
   * The stage methods {@code method} is one of, whose callbacks run only once the future they
   * belong to is complete ({@code thenApply}, Vert.x {@code onSuccess}, {@code
   * Futures.transform(input, ...)}); null for any other method.
   */
  public static @Nullable StageCallbacks stageCallbacks(MethodSymbol method, VisitorState state) {
    if (method.owner == null) {
      return null;
    }
    for (Library library : ALL) {
      for (StageCallbacks callbacks : library.stageCallbacks()) {
        if (callbacks.owner().matches(method.owner, state)) {
          return callbacks;
        }
      }
    }
    return null;
  }

  /**
   * True for a two-input stage method ({@code thenCombine}, {@code thenAcceptBoth}, {@code
   * runAfterBoth}, their Async forms): its callback runs once its other input is complete too.
   */
  public static boolean takesBothInputs(String name) {
    return BOTH_INPUTS.contains(name);
  }

  /**
   * True for a stage method whose result may complete normally before the future it is called on:
   * the first of two ({@code applyToEither}), a default on timeout ({@code completeOnTimeout}). A
   * callback on its result may run while that future is still pending.
   */
  public static boolean mayCompleteFirst(String name) {
    return MAY_COMPLETE_FIRST.contains(name);
  }

  /**
   * True for a stage method whose result may fail before the future it is called on completes
   * ({@code orTimeout}, Guava's {@code withTimeout}): a callback that runs on failure may run while
   * that future is still pending; one that runs on success may not.
   */
  public static boolean mayFailFirst(String name) {
    return MAY_FAIL_FIRST.contains(name);
  }

  /**
   * True for a combinator whose result completes once all its inputs have ({@code allOf}, Guava's
   * {@code whenAllSucceed}, Vert.x's {@code Future.all}), so that in its continuation every input
   * is complete.
   */
  public static boolean isAllOf(MethodSymbol method, VisitorState state) {
    return find(ALL_OF, Methods::matches, method, state) != null
        || Conventions.isAllOfByConvention(method, state);
  }

  /** True for a Guava-style precondition that throws unless its first argument is true. */
  public static boolean isPrecondition(MethodSymbol method, VisitorState state) {
    return find(PRECONDITIONS, Methods::matches, method, state) != null;
  }

  /** True if values of {@code type} hold their value from assembly on (Reactor's scalars). */
  public static boolean isScalarSource(@Nullable Type type, VisitorState state) {
    for (Library library : ALL) {
      for (String scalar : library.scalarSources()) {
        if (AsyncTypes.isSubtypeNamed(type, scalar, state)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------- composing

  /** True for an operator that maps a value with a function ({@code thenApply}, {@code map}). */
  public static boolean isMap(MethodSymbol method, VisitorState state) {
    return find(MAPS, Methods::matches, method, state) != null;
  }

  /**
   * The operator to call instead of the map {@code method} when its function returns a future or
   * publisher of kind {@code inner}, so that the result waits for it; null where there is none.
   */
  public static @Nullable ComposeTwin composeTwin(
      MethodSymbol method, @Nullable AsyncKind inner, VisitorState state) {
    if (inner == null) {
      return null;
    }
    Match<ComposeTwin> found =
        find(
            COMPOSE_TWINS,
            (twin, m, s) -> twin.inner().contains(inner) && twin.operator().matches(m, s),
            method,
            state);
    return found == null ? null : found.fact();
  }

  /** The composing twin of a callback that starts work and drops it ({@code thenAccept}). */
  public static @Nullable CallbackTwin callbackTwin(MethodSymbol method, VisitorState state) {
    Match<CallbackTwin> found =
        find(CALLBACK_TWINS, (twin, m, s) -> twin.callback().matches(m, s), method, state);
    return found == null ? null : found.fact();
  }

  /** The composition {@code method} is ({@code thenCompose}), with its table; or null. */
  public static @Nullable Match<Composition> composition(MethodSymbol method, VisitorState state) {
    return find(
        COMPOSITIONS, (composition, m, s) -> composition.methods().matches(m, s), method, state);
  }

  /** The value wrap a call of {@code method} is ({@code completedFuture}), or null. */
  public static @Nullable ValueWrap valueWrap(MethodSymbol method, VisitorState state) {
    Match<ValueWrap> found =
        find(VALUE_WRAPS, (wrap, m, s) -> wrap.factories().matches(m, s), method, state);
    return found == null ? null : found.fact();
  }

  /** The async wrap a call of {@code method} is ({@code supplyAsync}, {@code submit}), or null. */
  public static @Nullable AsyncWrap asyncWrap(MethodSymbol method, VisitorState state) {
    Match<AsyncWrap> found =
        find(
            ASYNC_WRAPS,
            (wrap, m, s) ->
                wrap.methods().matches(m, s)
                    && (wrap.functionType() == null
                        || (!m.getParameters().isEmpty()
                            && AsyncTypes.isSubtypeNamed(
                                m.getParameters().get(0).type, wrap.functionType(), s))),
            method,
            state);
    return found == null ? null : found.fact();
  }

  /**
   * True for the name of a static combinator of a future type that waits for, or races, several at
   * once ({@code allOf}, {@code zip}, {@code allAsList}).
   */
  public static boolean isBatchName(String name) {
    return BATCHES.contains(name);
  }

  /** True for the name of a static factory of an already complete future ({@code just}). */
  public static boolean isCompletedFactoryName(String name) {
    return COMPLETED_FACTORIES.contains(name);
  }

  /** True for a class of static operators on a library's futures ({@code Futures}). */
  public static boolean isStaticOperatorClass(String className) {
    return STATIC_OPERATOR_CLASSES.contains(className);
  }

  // ---------------------------------------------------------------------------- observing

  /** True for an operator that sees a failure ({@code exceptionally}, {@code onErrorResume}). */
  public static boolean isFailureHandler(MethodSymbol method, VisitorState state) {
    return find(FAILURE_HANDLERS, Methods::matches, method, state) != null;
  }

  /** True for the name of an operator that subscribes to a publisher ({@code subscribe}). */
  public static boolean isSubscriberName(String name) {
    return SUBSCRIBERS.contains(name);
  }

  /** True for the name of an operator that returns the future it is called on. */
  public static boolean returnsItsReceiver(String name) {
    return RECEIVER_RETURNING.contains(name);
  }

  /** True for an operator that keeps a future of a future nested ({@code exceptionally}). */
  public static boolean keepsNesting(String name) {
    return NESTING_KEPT.contains(name);
  }

  /** True for an operator that waits for the outer future of a nested one only. */
  public static boolean losesInner(String name) {
    return INNER_LOST.contains(name);
  }

  /** True for an operator whose result shares one run of the source ({@code cache}). */
  public static boolean isSharing(String name) {
    return SHARING.contains(name);
  }

  /** True for an operator of a many-element publisher whose function runs per element. */
  public static boolean isPerElementOperator(String name) {
    return PER_ELEMENT.contains(name);
  }

  /** True for a call returning a future whose {@code cancel} reaches the work behind it. */
  public static boolean isCancellableSource(MethodSymbol method, VisitorState state) {
    return find(CANCELLABLE_SOURCES, Methods::matches, method, state) != null;
  }

  // ---------------------------------------------------------------------------- threads

  /** True for a static factory whose function runs when the publisher is subscribed. */
  public static boolean isSubscriptionFactory(String name) {
    return SUBSCRIPTION_FACTORIES.contains(name);
  }

  /** True for an operator that moves the work upstream of it to a scheduler. */
  public static boolean isSchedulerSwitch(String name) {
    return SCHEDULER_SWITCHES.contains(name);
  }

  /** True for a scheduler switch that also moves the work chained after it. */
  public static boolean isDownstreamSchedulerSwitch(String name) {
    return DOWNSTREAM_SCHEDULER_SWITCHES.contains(name);
  }

  /** True for a factory of a {@code Schedulers} class whose threads must not block. */
  public static boolean isNonBlockingScheduler(String name) {
    return NON_BLOCKING_SCHEDULERS.contains(name);
  }

  // ---------------------------------------------------------------------------- resources

  /**
   * The factory that ties a resource to each subscription of a publisher of kind {@code kind}
   * ({@code Flux.using}), or null where the kind has none (a future, whose work is under way).
   */
  public static @Nullable UsingFactory usingFactory(@Nullable AsyncKind kind) {
    for (Library library : ALL) {
      for (UsingFactory factory : library.usingFactories()) {
        if (factory.kind() == kind) {
          return factory;
        }
      }
    }
    return null;
  }

  /**
   * True if closing a {@code type} waits for the work started on it ({@code ExecutorService} on JDK
   * 19 and later, {@code StructuredTaskScope}): its close ends no work early.
   */
  public static boolean closeWaits(@Nullable Type type, VisitorState state) {
    for (Library library : ALL) {
      for (String waits : library.closeWaits()) {
        if (AsyncTypes.isSubtypeNamed(type, waits, state)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------- indexes

  private interface Matcher<T> {
    boolean matches(T fact, MethodSymbol method, VisitorState state);
  }

  private static <T> @Nullable Match<T> find(
      NameIndex<Match<T>> index, Matcher<T> matcher, MethodSymbol method, VisitorState state) {
    for (Match<T> candidate : index.get(Symbols.name(method, state))) {
      if (matcher.matches(candidate.fact(), method, state)) {
        return candidate;
      }
    }
    return null;
  }

  private static <T> NameIndex<Match<T>> index(
      Function<Library, List<T>> facts, Function<T, Collection<String>> names) {
    NameIndex.Builder<Match<T>> index = NameIndex.builder();
    for (Library library : ALL) {
      for (T fact : facts.apply(library)) {
        index.putAll(names.apply(fact), new Match<>(fact, library));
      }
    }
    return index.build();
  }

  private static NameIndex<Library> names(Function<Library, Collection<String>> names) {
    NameIndex.Builder<Library> index = NameIndex.builder();
    for (Library library : ALL) {
      index.putAll(names.apply(library), library);
    }
    return index.build();
  }

  /** Like {@link #names}, but each name also stands for every name that starts with it. */
  private static NameIndex<Library> prefixes(Function<Library, Collection<String>> names) {
    NameIndex.Builder<Library> index = NameIndex.builder();
    for (Library library : ALL) {
      for (String name : names.apply(library)) {
        index.put(name + "*", library);
      }
    }
    return index.build();
  }
}
