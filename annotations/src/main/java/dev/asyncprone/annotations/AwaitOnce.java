package dev.asyncprone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value that may be consumed at most once: a cold publisher whose every subscription repeats its
 * side effects, a pooled or one-shot future or handle that a library hands out for a single use.
 *
 * <h2>Where it goes</h2>
 *
 * <ul>
 *   <li>On a method: each value the method returns may be consumed at most once by its caller. The
 *       contract holds for calls of overriding methods too. It follows the value through operators
 *       that subscribe to it again ({@code create(o).map(f)} is still one-shot) and ends at
 *       operators that share one result ({@code cache()}, {@code share()}, {@code replay()}, {@code
 *       publish()}, {@code memoize()}, {@code toFuture()}).
 *   <li>On a type: every value of that type, and of its subtypes, may be consumed at most once.
 *   <li>On a parameter: the method consumes its argument. For the caller, passing a value there is
 *       a consumption, so the caller must not consume that value again, before or after the call;
 *       inside the method, the parameter may be consumed at most once.
 * </ul>
 *
 * <p>{@link java.util.stream.BaseStream} values ({@code Stream}, {@code IntStream}, {@code
 * LongStream}, {@code DoubleStream}) follow this contract without any annotation: their second
 * operation throws {@link IllegalStateException}.
 *
 * <h2>What consumes a value</h2>
 *
 * <ul>
 *   <li>Awaiting it: {@code get}, {@code join}, {@code block*}, {@code blocking*}, Vert.x {@code
 *       await}, Mutiny {@code await().indefinitely()} and {@code atMost}, Guava {@code
 *       Futures.getUnchecked}, {@code getChecked}, {@code Uninterruptibles.getUninterruptibly}.
 *   <li>Subscribing to it: every method whose name starts with {@code subscribe}.
 *   <li>Any operation of a stream but {@code close()} and {@code isParallel()}; {@code parallel()},
 *       {@code sequential()} and {@code onClose()} hand back the same stream and consume nothing by
 *       themselves.
 *   <li>Composing it: any method called on it that returns a future, a publisher or a stream
 *       ({@code thenApply}, {@code thenCompose}, {@code map}, {@code flatMap}, {@code then}, {@code
 *       toFuture}, ...). {@code toCompletableFuture()}, {@code orTimeout()}, {@code
 *       completeOnTimeout()} and Mutiny's groups ({@code onItem()}, {@code await()}) hand back the
 *       same value and consume nothing by themselves.
 *   <li>Iterating it: {@code iterator()}, {@code spliterator()} or {@code forEach()} of an {@code
 *       Iterable}, or a for-each loop over it.
 *   <li>Passing it to an {@code @AwaitOnce} parameter, or to a reactive or stream operator that
 *       takes a publisher, a future or a stream ({@code Mono.zip(m, ...)}, {@code then(m)}, {@code
 *       Flux.merge(...)}, {@code Mono.fromFuture(f)}, {@code Stream.concat(s, ...)}).
 *   <li>A lambda or bound method reference that does any of these to a captured local consumes it
 *       where the lambda is created. A lambda that may run many times (a stream or collector step,
 *       {@code Iterable.forEach}, a per-element operator of a Flux, Observable, Flowable or Multi,
 *       a {@code Comparator}, a periodic task) consumes it on every run.
 * </ul>
 *
 * <p>Not a consumption: the methods of {@code Object}; reads of state ({@code isDone()}, {@code
 * isCancelled()}, {@code getNow()}, {@code resultNow()}, {@code state()}, and any method that
 * returns neither a future, a publisher nor a stream, such as a getter); {@code cancel} and {@code
 * complete}; storing, returning or logging the value; passing it to a parameter without
 * {@code @AwaitOnce}.
 *
 * <h2>What is enforced</h2>
 *
 * <p>asyncprone's AwaitOnceViolation check reports, for a local variable or parameter holding such
 * a value:
 *
 * <ul>
 *   <li>two consumptions on one control-flow path. The two branches of an {@code if} or of a
 *       conditional expression, different {@code switch} cases, and a {@code try} and the {@code
 *       catch} that runs when the consumption in the {@code try} threw, are separate paths;
 *   <li>a consumption inside a loop of a value made before the loop, and a consumption inside a
 *       lambda that may run many times of a value made outside the lambda;
 *   <li>returning the value, storing it in a field or an array, or adding it to a collection or a
 *       map, after it was consumed.
 * </ul>
 *
 * <p>Assigning the local starts it afresh. A chain of calls on it ({@code
 * s.filter(...).map(...).toList()}) is one consumption. Values held in fields, and values passed to
 * parameters without {@code @AwaitOnce}, are not followed.
 *
 * <p>The annotation is kept in class files, so it works on methods of compiled libraries.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.PARAMETER})
public @interface AwaitOnce {}
