/**
 * What every asyncprone check needs to know about async code, written once, in layers. A package
 * uses only the layers below it; the concerns share one layer and do not use each other ({@code
 * LayersTest} reads the imports and fails otherwise). From the bottom:
 *
 * <ol>
 *   <li><b>{@code support}</b>: what keeps the checks correct and cheap, not about async code.
 *       {@code Options} (every {@code -XepOpt:AsyncProne:...} flag, parsed once), {@code Guard}
 *       (every matcher runs under it, so that a check never fails the user's build), {@code Docs}
 *       (the link in every message), and the caches: {@code ContextLocal} (one value per
 *       compilation), {@code PerCompilationCache} (answers about a symbol), {@code PerUnitCache}
 *       (answers about a tree, for one file), {@code LastTreeMemo} (an answer the first check that
 *       matches a tree computes and the others read). The rules behind them: reject cheaply first;
 *       never index javac's linked lists; never rescan a method per node.
 *   <li><b>{@code javac}</b>: small questions about trees and symbols, with no library knowledge:
 *       {@code Trees}, {@code Symbols}, {@code Variables} (what a tree reads and writes), {@code
 *       Lambdas}, {@code Uses} (where a value goes: dropped, returned, stored, chained on), {@code
 *       EveryPath}, {@code Exceptions}, {@code Expressions}, {@code FunctionalTargets}, {@code
 *       NewLocals}.
 *   <li><b>{@code api}</b>: the libraries, as data. Every fact about a library is in its table in
 *       {@code api.libraries} ({@code Jdk}, {@code JdkTypes}, {@code Guava}, {@code Reactor},
 *       {@code RxJava}, {@code Mutiny}, {@code Vertx}, {@code Netty}, {@code ReactiveStreams},
 *       {@code Spring}, {@code Mockito}, {@code Contracts}): its awaits with their bounds and timed
 *       twins, the reads that never wait, completion probes and listeners, stage callbacks, compose
 *       twins, all-of combinators, stages that may complete or fail before their source, hand-offs
 *       and schedulers, subscribe methods, preconditions. {@code Libraries} and {@code Vocabulary}
 *       answer over all tables; adding a library is one table and one line in {@code
 *       Libraries.ALL}. Beside them: {@code AsyncKind} and {@code AsyncTypes} (which types are
 *       future-like, matched by the names of supertypes, so no library has to be on the classpath),
 *       {@code Awaits} (what an await is), {@code BlockingCatalog} (the catalog of blocking
 *       methods, the resource {@code blocking-methods.txt}), {@code Annotations} (the contracts),
 *       {@code Operators}, {@code Verbs}; for the blocking inference, the blocking twins of async
 *       methods ({@code AsyncTwins}), the words of a path to a blocking call ({@code
 *       BlockingPath}), and the blocking summaries other modules wrote ({@code BlockingSummary},
 *       {@code BlockingSummaries}).
 *   <li><b>{@code flow}</b>: what is known at a point of a method, from forward dataflow analyses
 *       on its control-flow graph (Error Prone's dataflow framework), run once per method and kept
 *       for the file: {@code Flow} (the harness: one graph for the method and one for each lambda,
 *       analysed when a question is asked inside it), {@code Facts} (the store: a small immutable
 *       map with a must- or may-join and kills), {@code RecordingTransfer} (keeps the store before
 *       each node, so that a question is a lookup). On it, {@code KnownDone} (futures known
 *       complete where an await runs) and {@code HeldLocks} (monitors and locks held, named by
 *       symbols, not by text); a reassignment kills what was known of its variable, on the path
 *       where it happens.
 *   <li><b>{@code context}</b>: for any tree, the innermost enclosing context that decides whether
 *       it may block ({@code Contexts}, {@code AsyncContext}, one {@code HandOff} rule per library,
 *       {@code ContextWords} for the messages), and whether a call may block and why ({@code
 *       BlockingCalls}): an await, the catalog, a {@code @Blocking} annotation, the blocking twin
 *       of an async method, a method of the compilation that blocks through its own code, or one
 *       that another module's summary names. The inference lives beside it: {@code
 *       BlockingInference} (the call graph's strongly connected components, callees first, over the
 *       files javac has attributed), {@code InferenceScan} (one pass a file: each method's own
 *       blocking calls and its calls that may block), {@code KnownTargets} (calls that run the body
 *       they name), {@code SummaryWriter} (the summary written into the class output). One instance
 *       of each per compilation, injected into the checks.
 *   <li><b>the concerns</b>, one layer: {@code await} (waits with no bound, loops, async wraps,
 *       compositions, independent calls), {@code observe} (where a future's outcome goes: chains,
 *       drops, subscriptions, error channels, outcomes handed to a completer, nested futures),
 *       {@code locks} (locks a wait releases, locks owned by a thread, guarded fields), {@code
 *       interrupts} (who restores the interrupt flag), {@code oneshot} (values that may be consumed
 *       once, on the flow harness), {@code resources} (the resources a try closes when its block
 *       ends, and the async work started in the block that still uses them).
 *   <li><b>{@code fix}</b>: builders of suggested fixes, reading the layers below; no analysis
 *       imports them.
 * </ol>
 *
 * <p>Rules learned from one library's internals are general facts of these analyses where they can
 * be; where a rule must name a library's class, it lives in that library's table, with a line
 * saying which idiom it exists for.
 */
@org.jspecify.annotations.NullMarked
package dev.asyncprone.model;
