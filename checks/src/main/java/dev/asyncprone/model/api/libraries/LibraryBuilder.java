package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Library.AsyncWrap;
import dev.asyncprone.model.api.libraries.Library.CallbackTwin;
import dev.asyncprone.model.api.libraries.Library.CompletionListener;
import dev.asyncprone.model.api.libraries.Library.CompletionProbe;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Library.Composition;
import dev.asyncprone.model.api.libraries.Library.DoneWhen;
import dev.asyncprone.model.api.libraries.Library.EmptyValue;
import dev.asyncprone.model.api.libraries.Library.Executor;
import dev.asyncprone.model.api.libraries.Library.StageCallbacks;
import dev.asyncprone.model.api.libraries.Library.UsingFactory;
import dev.asyncprone.model.api.libraries.Library.ValueWrap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds a {@link Library}: each method adds to one kind of fact. */
public final class LibraryBuilder {

  private final String name;
  private final AsyncKind.@Nullable Family family;
  private final List<String> packages = new ArrayList<>();
  private final List<AwaitRule> awaits = new ArrayList<>();
  private final List<Methods> nonBlockingReads = new ArrayList<>();
  private final List<CompletionProbe> completionProbes = new ArrayList<>();
  private final List<CompletionListener> completionListeners = new ArrayList<>();
  private final List<StageCallbacks> stageCallbacks = new ArrayList<>();
  private final Set<String> bothInputs = new HashSet<>();
  private final Set<String> mayCompleteFirst = new HashSet<>();
  private final Set<String> mayFailFirst = new HashSet<>();
  private final List<Methods> maps = new ArrayList<>();
  private final List<ComposeTwin> composeTwins = new ArrayList<>();
  private final List<CallbackTwin> callbackTwins = new ArrayList<>();
  private final List<Composition> compositions = new ArrayList<>();
  private final List<ValueWrap> valueWraps = new ArrayList<>();
  private final Map<AsyncKind, EmptyValue> emptyValues = new HashMap<>();
  private final Map<AsyncKind, String> thenReturn = new HashMap<>();
  private final Map<AsyncKind, String> asStage = new HashMap<>();
  private final Map<AsyncKind, String> continueWith = new HashMap<>();
  private final List<Methods> allOf = new ArrayList<>();
  private final Set<String> batches = new HashSet<>();
  private final Set<String> completedFactories = new HashSet<>();
  private final Set<String> staticOperatorClasses = new HashSet<>();
  private final Set<String> timeoutOperators = new HashSet<>();
  private final Set<String> subscribers = new HashSet<>();
  private final List<Methods> failureHandlers = new ArrayList<>();
  private final Set<String> receiverReturning = new HashSet<>();
  private final Set<String> nestingKept = new HashSet<>();
  private final Set<String> innerLost = new HashSet<>();
  private final Set<String> sharingOperators = new HashSet<>();
  private final Set<String> perElementOperators = new HashSet<>();
  private final List<AsyncWrap> asyncWraps = new ArrayList<>();
  private final Set<String> subscriptionFactories = new HashSet<>();
  private final Set<String> schedulerSwitches = new HashSet<>();
  private final Set<String> downstreamSchedulerSwitches = new HashSet<>();
  private final Set<String> nonBlockingSchedulers = new HashSet<>();
  private @Nullable String combineTwo;
  private @Nullable String awaitAll;
  private @Nullable String droppedErrorHook;
  private final List<Methods> preconditions = new ArrayList<>();
  private final Set<String> scalarSources = new HashSet<>();
  private final List<Methods> cancellableSources = new ArrayList<>();
  private final Map<AsyncKind, String> shareOnce = new HashMap<>();
  private final List<UsingFactory> usingFactories = new ArrayList<>();
  private final Set<String> closeWaits = new HashSet<>();
  private final Map<AsyncKind, String> closeOnCompletion = new HashMap<>();

  LibraryBuilder(String name, AsyncKind.@Nullable Family family) {
    this.name = name;
    this.family = family;
  }

  public LibraryBuilder packages(String... prefixes) {
    packages.addAll(List.of(prefixes));
    return this;
  }

  public LibraryBuilder await(AwaitRule... rules) {
    awaits.addAll(List.of(rules));
    return this;
  }

  public LibraryBuilder nonBlockingReads(Methods methods) {
    nonBlockingReads.add(methods);
    return this;
  }

  public LibraryBuilder completionProbe(Methods methods, DoneWhen doneWhen) {
    completionProbes.add(new CompletionProbe(methods, doneWhen));
    return this;
  }

  public LibraryBuilder completionListener(Methods methods) {
    completionListeners.add(
        new CompletionListener(methods, methods.binding() == Methods.Binding.STATIC));
    return this;
  }

  public LibraryBuilder stageCallbacks(Owner owner, boolean inputIsFirstArgument) {
    stageCallbacks.add(new StageCallbacks(owner, inputIsFirstArgument));
    return this;
  }

  public LibraryBuilder bothInputs(String... prefixes) {
    bothInputs.addAll(List.of(prefixes));
    return this;
  }

  public LibraryBuilder mayCompleteFirst(String... prefixes) {
    mayCompleteFirst.addAll(List.of(prefixes));
    return this;
  }

  public LibraryBuilder mayFailFirst(String... prefixes) {
    mayFailFirst.addAll(List.of(prefixes));
    return this;
  }

  public LibraryBuilder map(Methods methods) {
    maps.add(methods);
    return this;
  }

  public LibraryBuilder composeTwin(ComposeTwin twin) {
    composeTwins.add(twin);
    return this;
  }

  public LibraryBuilder callbackTwin(Methods callback, String twin, boolean passesValueOn) {
    callbackTwins.add(new CallbackTwin(callback, twin, passesValueOn));
    return this;
  }

  public LibraryBuilder composition(Composition composition) {
    compositions.add(composition);
    return this;
  }

  public LibraryBuilder valueWrap(ValueWrap wrap) {
    valueWraps.add(wrap);
    return this;
  }

  public LibraryBuilder emptyValue(AsyncKind kind, String className, String call) {
    emptyValues.put(kind, new EmptyValue(className, call));
    return this;
  }

  public LibraryBuilder thenReturn(AsyncKind kind, String template) {
    thenReturn.put(kind, template);
    return this;
  }

  public LibraryBuilder asStage(AsyncKind kind, String suffix) {
    asStage.put(kind, suffix);
    return this;
  }

  public LibraryBuilder continueWith(AsyncKind kind, String operator) {
    continueWith.put(kind, operator);
    return this;
  }

  public LibraryBuilder allOf(Methods methods) {
    allOf.add(methods);
    return this;
  }

  public LibraryBuilder batches(String... names) {
    batches.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder completedFactories(String... names) {
    completedFactories.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder staticOperatorClasses(String... classNames) {
    staticOperatorClasses.addAll(List.of(classNames));
    return this;
  }

  public LibraryBuilder timeoutOperators(String... names) {
    timeoutOperators.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder subscribers(String... names) {
    subscribers.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder failureHandlers(Methods methods) {
    failureHandlers.add(methods);
    return this;
  }

  public LibraryBuilder receiverReturning(String... names) {
    receiverReturning.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder nestingKept(String... names) {
    nestingKept.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder innerLost(String... names) {
    innerLost.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder sharingOperators(String... names) {
    sharingOperators.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder perElementOperators(String... names) {
    perElementOperators.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder asyncWrap(
      Methods methods, Executor executor, int minArguments, @Nullable String functionType) {
    asyncWraps.add(new AsyncWrap(methods, executor, minArguments, functionType));
    return this;
  }

  public LibraryBuilder subscriptionFactories(String... names) {
    subscriptionFactories.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder schedulerSwitches(String... names) {
    schedulerSwitches.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder downstreamSchedulerSwitches(String... names) {
    downstreamSchedulerSwitches.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder nonBlockingSchedulers(String... names) {
    nonBlockingSchedulers.addAll(List.of(names));
    return this;
  }

  public LibraryBuilder combineTwo(String template) {
    combineTwo = template;
    return this;
  }

  public LibraryBuilder awaitAll(String template) {
    awaitAll = template;
    return this;
  }

  public LibraryBuilder droppedErrorHook(String words) {
    droppedErrorHook = words;
    return this;
  }

  public LibraryBuilder preconditions(Methods methods) {
    preconditions.add(methods);
    return this;
  }

  public LibraryBuilder scalarSources(String... classNames) {
    scalarSources.addAll(List.of(classNames));
    return this;
  }

  public LibraryBuilder cancellableSources(Methods methods) {
    cancellableSources.add(methods);
    return this;
  }

  public LibraryBuilder shareOnce(AsyncKind kind, String suffix) {
    shareOnce.put(kind, suffix);
    return this;
  }

  public LibraryBuilder usingFactory(AsyncKind kind, Methods methods, String shape) {
    usingFactories.add(new UsingFactory(kind, methods, shape));
    return this;
  }

  public LibraryBuilder closeWaits(String... classNames) {
    closeWaits.addAll(List.of(classNames));
    return this;
  }

  public LibraryBuilder closeOnCompletion(AsyncKind kind, String template) {
    closeOnCompletion.put(kind, template);
    return this;
  }

  public Library build() {
    return new Library(
        name,
        family,
        ImmutableList.copyOf(packages),
        ImmutableList.copyOf(awaits),
        ImmutableList.copyOf(nonBlockingReads),
        ImmutableList.copyOf(completionProbes),
        ImmutableList.copyOf(completionListeners),
        ImmutableList.copyOf(stageCallbacks),
        ImmutableSet.copyOf(bothInputs),
        ImmutableSet.copyOf(mayCompleteFirst),
        ImmutableSet.copyOf(mayFailFirst),
        ImmutableList.copyOf(maps),
        ImmutableList.copyOf(composeTwins),
        ImmutableList.copyOf(callbackTwins),
        ImmutableList.copyOf(compositions),
        ImmutableList.copyOf(valueWraps),
        ImmutableMap.copyOf(emptyValues),
        ImmutableMap.copyOf(thenReturn),
        ImmutableMap.copyOf(asStage),
        ImmutableMap.copyOf(continueWith),
        ImmutableList.copyOf(allOf),
        ImmutableSet.copyOf(batches),
        ImmutableSet.copyOf(completedFactories),
        ImmutableSet.copyOf(staticOperatorClasses),
        ImmutableSet.copyOf(timeoutOperators),
        ImmutableSet.copyOf(subscribers),
        ImmutableList.copyOf(failureHandlers),
        ImmutableSet.copyOf(receiverReturning),
        ImmutableSet.copyOf(nestingKept),
        ImmutableSet.copyOf(innerLost),
        ImmutableSet.copyOf(sharingOperators),
        ImmutableSet.copyOf(perElementOperators),
        ImmutableList.copyOf(asyncWraps),
        ImmutableSet.copyOf(subscriptionFactories),
        ImmutableSet.copyOf(schedulerSwitches),
        ImmutableSet.copyOf(downstreamSchedulerSwitches),
        ImmutableSet.copyOf(nonBlockingSchedulers),
        combineTwo,
        awaitAll,
        droppedErrorHook,
        ImmutableList.copyOf(preconditions),
        ImmutableSet.copyOf(scalarSources),
        ImmutableList.copyOf(cancellableSources),
        ImmutableMap.copyOf(shareOnce),
        ImmutableList.copyOf(usingFactories),
        ImmutableSet.copyOf(closeWaits),
        ImmutableMap.copyOf(closeOnCompletion));
  }
}
