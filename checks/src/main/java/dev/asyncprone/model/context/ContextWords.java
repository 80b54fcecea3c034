package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.context.AsyncContext.Kind;
import dev.asyncprone.model.javac.Trees;
import org.jspecify.annotations.Nullable;

/**
 * The contexts the rules decide on, with the words that say, in a message, whom blocking there
 * blocks and why: one factory a sort of context.
 */
final class ContextWords {
  private ContextWords() {}

  /** "this lambda", "this method reference", "this anonymous FutureCallback". */
  static String describe(Tree functional) {
    if (functional instanceof LambdaExpressionTree) {
      return "this lambda";
    }
    if (functional instanceof MemberReferenceTree) {
      return "this method reference";
    }
    if (functional instanceof NewClassTree created) {
      Type type = ASTHelpers.getType(created.getIdentifier());
      return type == null ? "this anonymous class" : "this anonymous " + type.tsym.getSimpleName();
    }
    return "this code";
  }

  /**
   * Code handed to an explicit executor, thread or scheduler. {@code executor} is the executor
   * expression where the code names one, kept as the context's source.
   */
  static AsyncContext offloaded(
      TreePath functionalPath, Tree invocation, @Nullable ExpressionTree executor, String where) {
    return new AsyncContext(
        Kind.OFFLOADED,
        functionalPath.getLeaf(),
        invocation instanceof MethodInvocationTree call ? call : null,
        executor,
        "",
        where);
  }

  /** {@code a thenApply}, {@code an exceptionally}: a method name with the article it takes. */
  private static String withArticle(String name) {
    return (!name.isEmpty() && "aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  /** A callback that runs on the thread that completes {@code source}. */
  static AsyncContext completingThread(
      HandOff handOff, @Nullable ExpressionTree source, String qualifier, VisitorState state) {
    return new AsyncContext(
        Kind.STAGE_CALLBACK,
        handOff.functional().getLeaf(),
        handOff.call(),
        source,
        "the thread that completes '" + Trees.label(source, state) + "'",
        handOff.what()
            + " is "
            + withArticle(Trees.methodName(handOff.call()))
            + " callback"
            + qualifier
            + " and runs there");
  }

  /** Code handed to the common pool, without an executor or on {@code executor}. */
  static AsyncContext commonPool(
      HandOff handOff, @Nullable ExpressionTree executor, VisitorState state) {
    return new AsyncContext(
        Kind.COMMON_POOL,
        handOff.functional().getLeaf(),
        handOff.call(),
        executor,
        "a ForkJoinPool.commonPool() thread",
        handOff.what()
            + " is passed to "
            + Trees.methodName(handOff.call())
            + "() "
            + (executor == null
                ? "without an executor"
                : "on '" + Trees.label(executor, state) + "'")
            + " and runs on the common pool");
  }

  /** Code handed to an executor annotated {@code @NonBlockingExecutor}. */
  static AsyncContext nonBlockingExecutor(
      HandOff handOff, ExpressionTree executor, VisitorState state) {
    return new AsyncContext(
        Kind.NON_BLOCKING_EXECUTOR,
        handOff.functional().getLeaf(),
        handOff.call(),
        executor,
        "a thread of '" + Trees.label(executor, state) + "'",
        handOff.what()
            + " is passed to "
            + Trees.methodName(handOff.call())
            + "() on '"
            + Trees.label(executor, state)
            + "', annotated @NonBlockingExecutor");
  }

  /** A step of a parallel stream, which runs on the common pool. */
  static AsyncContext parallelStep(HandOff handOff) {
    return new AsyncContext(
        Kind.COMMON_POOL,
        handOff.functional().getLeaf(),
        handOff.call(),
        null,
        "a ForkJoinPool.commonPool() thread",
        handOff.what()
            + " is "
            + withArticle(Trees.methodName(handOff.call()))
            + " step of a parallel stream and runs on the common pool");
  }

  /** A step of a parallel stream started in a task of {@code pool}, which runs the steps. */
  static AsyncContext parallelStepIn(HandOff handOff, ExpressionTree pool, VisitorState state) {
    return offloaded(
        handOff.functional(),
        handOff.call(),
        pool,
        handOff.what()
            + " is a step of a parallel stream started in a task of '"
            + Trees.label(pool, state)
            + "', and runs in that pool");
  }

  /** An operator of the {@code library} pipeline, which runs on the thread that emits. */
  static AsyncContext reactiveOperator(HandOff handOff, String library, VisitorState state) {
    ExpressionTree source = ASTHelpers.getReceiver(handOff.call());
    return new AsyncContext(
        Kind.REACTIVE_OPERATOR,
        handOff.functional().getLeaf(),
        handOff.call(),
        source,
        source == null
            ? "the thread that emits"
            : "the thread that emits '" + Trees.label(source, state) + "'",
        handOff.what() + " is a " + library + " " + handOff.name() + " operator and runs there");
  }

  /** A publisher's subscription-time code, which runs where it is subscribed. */
  static AsyncContext subscriptionTime(HandOff handOff) {
    return new AsyncContext(
        Kind.SUBSCRIPTION_TIME,
        handOff.functional().getLeaf(),
        handOff.call(),
        null,
        "the thread that subscribes",
        handOff.what() + " runs on the thread that subscribes");
  }

  /** A Vert.x Future callback, which runs on the event loop that completes the future. */
  static AsyncContext eventLoopCallback(HandOff handOff, VisitorState state) {
    return new AsyncContext(
        Kind.STAGE_CALLBACK,
        handOff.functional().getLeaf(),
        handOff.call(),
        handOff.receiver(),
        "the event loop that completes '" + Trees.label(handOff.receiver(), state) + "'",
        handOff.what() + " is a Vert.x " + handOff.name() + " callback and runs there");
  }

  /** A handler passed to a Vert.x API, which runs on the event loop. */
  static AsyncContext eventLoopHandler(HandOff handOff) {
    return new AsyncContext(
        Kind.EVENT_LOOP_HANDLER,
        handOff.functional().getLeaf(),
        handOff.call(),
        handOff.receiver(),
        "the Vert.x event loop",
        handOff.what() + " is a handler passed to " + handOff.name() + "() and runs there");
  }

  /** A lambda or method reference implementing a functional method annotated non-blocking. */
  static AsyncContext implementsNonBlocking(
      Tree functional, Symbol descriptor, Annotations.Found found) {
    return new AsyncContext(
        Kind.NON_BLOCKING_METHOD,
        functional,
        null,
        null,
        "the thread that runs it",
        describe(functional)
            + " implements "
            + descriptor.owner.getSimpleName()
            + "."
            + descriptor.getSimpleName()
            + "(), annotated @"
            + found.simpleAnnotationName());
  }

  static AsyncContext blockingAllowed(MethodTree tree, String name) {
    return new AsyncContext(Kind.BLOCKING_ALLOWED, tree, null, null, "", name + "() is @Blocking");
  }

  static AsyncContext springAsync(MethodTree tree, String name) {
    return new AsyncContext(
        Kind.OFFLOADED, tree, null, null, "", name + "() is @Async and runs on Spring's executor");
  }

  static AsyncContext nonBlockingMethod(
      MethodTree tree, MethodSymbol method, String name, Annotations.Found found) {
    return new AsyncContext(
        Kind.NON_BLOCKING_METHOD,
        tree,
        null,
        null,
        "the thread that calls " + name + "()",
        nonBlockingReason(method, name, found));
  }

  static AsyncContext asyncMethod(MethodTree tree, String name, AsyncKind returned) {
    return new AsyncContext(
        Kind.ASYNC_METHOD,
        tree,
        null,
        null,
        "the caller of " + name + "()",
        name
            + "() returns a "
            + returned.simpleName()
            + ", so its callers expect it to return without waiting");
  }

  private static String nonBlockingReason(
      MethodSymbol method, String name, Annotations.Found found) {
    String annotation = "@" + found.simpleAnnotationName();
    Symbol carrier = found.carrier();
    if (carrier == method) {
      return name + "() is annotated " + annotation;
    }
    if (carrier instanceof MethodSymbol) {
      return name
          + "() overrides "
          + carrier.owner.getSimpleName()
          + "."
          + carrier.getSimpleName()
          + "(), annotated "
          + annotation;
    }
    return "class " + carrier.getSimpleName() + " is annotated " + annotation;
  }
}
