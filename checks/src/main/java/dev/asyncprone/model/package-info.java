/**
 * What every asyncprone check needs to know about async code, written once.
 *
 * <ul>
 *   <li>{@link dev.asyncprone.model.api.AsyncTypes} and {@link dev.asyncprone.model.api.AsyncKind}:
 *       which types are future-like (CompletionStage, Future, ListenableFuture, Reactor, RxJava 3,
 *       Mutiny, Vert.x, Reactive Streams), matched by the names of supertypes so that no library
 *       has to be on the classpath.
 *   <li>{@link dev.asyncprone.model.api.Awaits}: the calls that wait for a future-like to complete,
 *       the reads that do not, and the futures known to be done where an await runs (an {@code
 *       isDone()} guard, also through a helper method); {@link
 *       dev.asyncprone.model.flow.CompletionQueues}: futures taken from a CompletionService or from
 *       a queue that only completion callbacks fill.
 *   <li>{@link dev.asyncprone.model.context.BlockingCalls}: whether a call may block and why (an
 *       await, the catalog in {@code blocking-methods.txt} read by {@link
 *       dev.asyncprone.model.api.BlockingCatalog}, a {@code @Blocking} annotation, the blocking
 *       twin of an async method ({@link dev.asyncprone.model.api.AsyncTwins}), a method of the
 *       compilation that blocks through its own code, or one another module's blocking summary
 *       names). The inference lives beside it, in {@code context}: {@code BlockingInference} (once
 *       per compilation: the files javac has attributed, {@link
 *       dev.asyncprone.model.javac.CompilationUnits}; the call graph's strongly connected
 *       components, callees first), {@code InferenceScan} (one pass a file: each method's own
 *       blocking calls and its calls that may block), {@code KnownTargets} (calls that run the body
 *       they name), {@code SummaryWriter} (the summary written into the class output). The words of
 *       a path ({@link dev.asyncprone.model.api.BlockingPath}), the summary's format ({@link
 *       dev.asyncprone.model.api.BlockingSummary}) and the summaries read from the class path
 *       ({@link dev.asyncprone.model.api.BlockingSummaries}, through {@link
 *       dev.asyncprone.model.javac.ClassContainers}) are library knowledge, in {@code api}.
 *   <li>{@link dev.asyncprone.model.context.Contexts} and {@link
 *       dev.asyncprone.model.context.AsyncContext}: for a tree, the innermost enclosing context
 *       that decides whether it may block, with the words for a message.
 *   <li>{@link dev.asyncprone.model.javac.Uses}: where the value of an expression goes (dropped,
 *       returned, stored, passed on, chained on); {@link dev.asyncprone.model.observe.Chains}:
 *       whether a chain of calls on a future or publisher handles failure, or subscribes; {@link
 *       dev.asyncprone.model.observe.Drops}: a future or publisher dropped where nobody observes
 *       it, and what that loses; {@link dev.asyncprone.model.observe.Subscriptions}: the calls that
 *       subscribe, and whether errors have somewhere to go; {@link
 *       dev.asyncprone.model.observe.ErrorChannels} and {@link
 *       dev.asyncprone.model.observe.HandedOutcomes}: failures reported somewhere else than the
 *       dropped future (an object's {@code exceptionHandler}; a completer handed to the call whose
 *       future is returned); {@link dev.asyncprone.model.api.Operators} and {@link
 *       dev.asyncprone.model.observe.NestedFutures}: maps, their composing twins, and a future of a
 *       future whose inner one is lost.
 *   <li>{@link dev.asyncprone.model.locks.Locks}: the monitors and {@code Lock}s held at a point,
 *       along the statement order of a method ({@code lock(); try { ... } finally { unlock(); }}),
 *       computed once per block; the locks a wait releases; the fields a lock guards.
 *   <li>{@link dev.asyncprone.model.interrupts.Interrupts}: who restores the interrupt flag, and
 *       where a thread's or task's work ends.
 *   <li>{@link dev.asyncprone.model.await.Timeouts}: the waits with no bound, and the rewrites that
 *       bound them where they compile in place.
 *   <li>{@link dev.asyncprone.model.javac.EveryPath}: does every path through a block meet a
 *       marking statement before it leaves; where each unmarked path goes.
 *   <li>{@link dev.asyncprone.model.javac.Exceptions}: where a checked exception may be thrown and
 *       still compile, for fixes that add one.
 *   <li>{@link dev.asyncprone.model.oneshot.OneShotValues}, {@link
 *       dev.asyncprone.model.oneshot.OneShotFlow} and {@link
 *       dev.asyncprone.model.fix.OneShotFixes}: values that may be consumed only once
 *       ({@code @AwaitOnce}, streams) and the uses that consume them; where a local holding one is
 *       consumed again, on the method's control-flow graph; the fixes that consume it once.
 *   <li>{@link dev.asyncprone.model.fix.Fixes}: shared builders for suggested fixes.
 *   <li>{@link dev.asyncprone.model.support.Options}: every {@code -XepOpt:AsyncProne:...} flag.
 *   <li>Independence, for checks that would start work earlier or side by side: {@link
 *       dev.asyncprone.model.await.FutureCalls} (the call that starts a future's work, batches, the
 *       objects a call works on), {@link dev.asyncprone.model.javac.Variables} (what a tree reads
 *       and writes), {@link dev.asyncprone.model.api.Verbs} (reads, writes and gates by name),
 *       {@link dev.asyncprone.model.await.Compositions} (thenCompose and its kin, and what combines
 *       instead), {@link dev.asyncprone.model.await.Loops} (loops, their elements, the awaits paid
 *       per element), {@link dev.asyncprone.model.javac.NewLocals} (names, types and indentation
 *       for new locals).
 *   <li>{@link dev.asyncprone.model.observe.NullRelays}: a wrapper of a function that passes on the
 *       null of the function of the same interface it wraps.
 *   <li>{@link dev.asyncprone.model.api.Annotations}, {@link dev.asyncprone.model.javac.Trees},
 *       {@link dev.asyncprone.model.support.Guard}, {@link dev.asyncprone.model.support.Docs}:
 *       annotation contracts, small tree questions, the crash guard every matcher runs under, the
 *       docs link.
 *   <li>What keeps the checks cheap, since they run on every build: {@link
 *       dev.asyncprone.model.javac.Symbols} (names and supertype names, decoded once per
 *       compilation), {@code PerCompilationCache} (answers about a symbol or a tree, kept for the
 *       compilation and shared by the checks), {@code LastTreeMemo} (an answer computed by the
 *       first check that matches a tree and read by the others), {@code PerUnitCache} (per-method
 *       answers for one file). The rules behind them: reject cheaply first; never index javac's
 *       linked lists; never rescan a method or a chain per node (see bench/README.md for the
 *       measurements).
 * </ul>
 */
@org.jspecify.annotations.NullMarked
package dev.asyncprone.model;
