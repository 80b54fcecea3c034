package dev.asyncprone.model.context;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.asyncprone.model.javac.Trees;
import org.jspecify.annotations.Nullable;

/**
 * The innermost enclosing context that decides whether code may block, with the words that say so
 * in a message.
 *
 * @param kind what sort of context this is
 * @param scope the lambda, method reference, anonymous class or method that is the context
 * @param callbackOf for code handed to a method (a callback, an operator, a task), that call
 * @param source for a callback or operator, the future or publisher it is attached to
 * @param victim who waits when this code blocks: "the thread that completes 'order'"
 * @param where what this code is and where it runs: "this lambda is a thenApply callback and runs
 *     there"
 */
public record AsyncContext(
    Kind kind,
    @Nullable Tree scope,
    @Nullable MethodInvocationTree callbackOf,
    @Nullable ExpressionTree source,
    String victim,
    String where) {

  /** The sorts of context. */
  public enum Kind {
    /** A callback that runs on the thread that completes a future (non-Async stage methods). */
    STAGE_CALLBACK(true),
    /** A Reactor, RxJava or Mutiny operator, run on the thread that emits. */
    REACTIVE_OPERATOR(true),
    /** A Vert.x handler, run on an event loop. */
    EVENT_LOOP_HANDLER(true),
    /** The body of a method that returns a future-like type: its callers expect it not to wait. */
    ASYNC_METHOD(true),
    /** A {@code @NonBlocking} method, a method of a {@code @NonBlocking} type, or an override. */
    NON_BLOCKING_METHOD(true),
    /**
     * A publisher's subscription-time code ({@code Mono.fromCallable}): runs where it is
     * subscribed.
     */
    SUBSCRIPTION_TIME(false),
    /** Code handed to ForkJoinPool.commonPool(): may block, but starves the whole JVM's pool. */
    COMMON_POOL(false),
    /** Code handed to an executor annotated {@code @NonBlockingExecutor}. */
    NON_BLOCKING_EXECUTOR(false),
    /** Code handed to an explicit executor, thread or blocking-capable scheduler. */
    OFFLOADED(false),
    /** A method annotated {@code @Blocking}: it says it may block. */
    BLOCKING_ALLOWED(false),
    /** Plain synchronous code. */
    SYNCHRONOUS(false),
    /** Code whose thread asyncprone cannot tell, such as a lambda handed to an unknown method. */
    UNKNOWN(false);

    private final boolean mustNotBlock;

    Kind(boolean mustNotBlock) {
      this.mustNotBlock = mustNotBlock;
    }

    public boolean mustNotBlock() {
      return mustNotBlock;
    }
  }

  public boolean mustNotBlock() {
    return kind.mustNotBlock();
  }

  /** True for code that runs on a pool thread meant for short non-blocking work. */
  public boolean isSharedPool() {
    return kind == Kind.COMMON_POOL || kind == Kind.NON_BLOCKING_EXECUTOR;
  }

  /** The name of the method this code is handed to ({@code thenApply}), or an empty string. */
  public String callbackMethod() {
    return callbackOf == null ? "" : Trees.methodName(callbackOf);
  }

  static AsyncContext of(Kind kind) {
    return new AsyncContext(kind, null, null, null, "", "");
  }
}
