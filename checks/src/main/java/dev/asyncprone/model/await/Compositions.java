package dev.asyncprone.model.await;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Verbs;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The calls that chain one future on another, so that the next starts only once the first has
 * completed: {@code thenCompose}, Guava's {@code transformAsync}, Reactor's and RxJava's {@code
 * flatMap} on a single value, Mutiny's {@code chain} and {@code onItem().transformToUni}, Vert.x's
 * {@code compose}; and for each, the combinator that runs both at once instead.
 */
public final class Compositions {
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";

  /**
   * A composition: the call, the name to show for it, the stage it waits for, the function that
   * makes the next future, and the family whose combinators apply.
   */
  public record Composition(
      MethodInvocationTree call,
      String operator,
      ExpressionTree source,
      ExpressionTree function,
      AsyncKind.Family family) {

    /** The lambda's parameter list is one value and its body makes the next future; or null. */
    public @Nullable LambdaExpressionTree lambda() {
      return function instanceof LambdaExpressionTree
              && ((LambdaExpressionTree) function).getParameters().size() == 1
          ? (LambdaExpressionTree) function
          : null;
    }

    /** The combinator that starts {@code next} together with the source, in words for a message. */
    public String combineAdvice(ExpressionTree next, VisitorState state) {
      String a = Trees.label(source, state);
      String b = Trees.label(next, state);
      switch (family) {
        case GUAVA:
          return "Futures.whenAllSucceed(" + a + ", " + b + ")";
        case REACTOR:
          return "Mono.zip(" + a + ", " + b + ").map(Tuple2::getT2)";
        case RXJAVA:
          return "Single.zip(" + a + ", " + b + ", (ignored, next) -> next)";
        case MUTINY:
          return "Uni.combine().all().unis(" + a + ", " + b + ").asTuple().map(Tuple2::getItem2)";
        case VERTX:
          return "Future.all(" + a + ", " + b + ").map(all -> all.resultAt(1))";
        default:
          return a + ".thenCombine(" + b + ", (ignored, next) -> next)";
      }
    }
  }

  private Compositions() {}

  /**
   * The future a composition starts next, if it starts it only to wait: the function ignores the
   * value it is given, its result is a fresh call ({@code g(y)}, not a future made already or a
   * known value), both stages carry a value (not Void, not a gate's Boolean), neither is named as a
   * write or gate, and the next call neither reads the first future nor shares an object with the
   * call that made it (unless both are reads). Null otherwise.
   */
  public static @Nullable ExpressionTree independentNext(Composition c, VisitorState state) {
    LambdaExpressionTree lambda = c.lambda();
    ExpressionTree next = lambda == null ? null : Lambdas.singleResult(lambda);
    if (next == null
        || Variables.reads(lambda.getBody())
            .contains(ASTHelpers.getSymbol(lambda.getParameters().get(0)))) {
      return null;
    }
    ExpressionTree source = c.source();
    MethodInvocationTree sourceCall = FutureCalls.creatingCall(source, state);
    MethodInvocationTree nextCall = FutureCalls.creatingCall(next, state);
    if (nextCall == null
        || !carriesValue(ASTHelpers.getType(source), state)
        || !carriesValue(ASTHelpers.getType(next), state)
        || FutureCalls.containsBatch(next, state)
        || Verbs.orderedAlong(source, state) != null
        || Verbs.orderedAlong(next, state) != null
        || Variables.readsAny(next, Trees.rootSymbols(source, state))
        || (sourceCall != null && FutureCalls.mayShareState(sourceCall, nextCall, state))
        || takesStartedWork(nextCall, state)
        || Variables.readsAny(next, touchedByStageCallbacks(source, state))) {
      return null;
    }
    return next;
  }

  /**
   * True if {@code call} is given work already started: an argument that is a future, or holds
   * futures (an array of them, a {@code List<CompletableFuture<V>>}, a {@code Map<K,
   * CompletableFuture<V>>}). Such a call combines or waits on futures in flight rather than
   * starting a round trip of its own, and what completes them (often the stage before it) is beyond
   * what the code shows: Caffeine's {@code loader.handle(completer).thenCompose(ignored ->
   * composeResult(results))}.
   */
  public static boolean takesStartedWork(MethodInvocationTree call, VisitorState state) {
    for (ExpressionTree argument : call.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      if (type == null) {
        continue;
      }
      if (type instanceof Type.ArrayType) {
        type = ((Type.ArrayType) type).elemtype;
      }
      if (AsyncTypes.isFutureLike(type, state)) {
        return true;
      }
      for (Type typeArgument : type.getTypeArguments()) {
        if (AsyncTypes.isFutureLike(state.getTypes().wildUpperBound(typeArgument), state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The variables that the callbacks given to the stages of {@code source} (the calls on a future
   * along its receiver chain, such as {@code whenComplete}, {@code handle}, {@code doOnNext}) may
   * change: those a lambda or method reference writes or calls a method on, and the root of a
   * callback object ({@code completer} in {@code handle(completer)}). A next stage that reads one
   * of them is ordered after the callback by what it changes, not by the value.
   */
  public static Set<Symbol> touchedByStageCallbacks(ExpressionTree source, VisitorState state) {
    Set<Symbol> touched = new HashSet<>();
    ExpressionTree e = ASTHelpers.stripParentheses(source);
    while (e instanceof MethodInvocationTree) {
      MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) e);
      ExpressionTree receiver = Trees.receiver(e);
      if (method == null
          || method.isStatic()
          || receiver == null
          || !AsyncTypes.isFutureLike(ASTHelpers.getType(receiver), state)) {
        break;
      }
      for (ExpressionTree argument : ((MethodInvocationTree) e).getArguments()) {
        if (argument instanceof MemberReferenceTree) {
          touched.addAll(
              Trees.rootSymbols(((MemberReferenceTree) argument).getQualifierExpression(), state));
        } else if (Trees.isFunctional(argument)) {
          touched.addAll(Variables.writes(argument));
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
              touched.addAll(Trees.rootSymbols(Trees.receiver(call), state));
              return super.visitMethodInvocation(call, null);
            }
          }.scan(argument, null);
        } else if (AsyncTypes.kindOf(ASTHelpers.getType(argument), state) == null) {
          touched.addAll(Trees.rootSymbols(argument, state));
        }
      }
      e = ASTHelpers.stripParentheses(receiver);
    }
    return touched;
  }

  /** A future-like type with a value that is neither Void nor a Boolean (a gate's yes or no). */
  private static boolean carriesValue(@Nullable Type type, VisitorState state) {
    AsyncKind kind = AsyncTypes.kindOf(type, state);
    if (kind == null || AsyncTypes.isVoidValued(type, state)) {
      return false;
    }
    Type value = AsyncTypes.valueType(type, kind, state);
    return value == null
        || value.tsym == null
        || !Symbols.qualifiedName(value.tsym, state).equals("java.lang.Boolean");
  }

  /**
   * In words for a message, how to wait once for several lazy publishers at the same time: {@code
   * Mono.zip(a, b).block()} and its like; {@code all} is their sources, comma-separated.
   */
  public static String awaitAll(AsyncKind.Family family, String all) {
    switch (family) {
      case REACTOR:
        return "Mono.zip(" + all + ").block()";
      case RXJAVA:
        return "Single.zip(" + all + ", ...).blockingGet()";
      case MUTINY:
        return "Uni.combine().all().unis(" + all + ").asTuple().await().indefinitely()";
      default:
        return "a combinator that waits for all of " + all;
    }
  }

  /** The composition {@code call} is, or null. */
  public static @Nullable Composition of(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return null;
    }
    String name = Symbols.name(method, state);
    List<? extends ExpressionTree> arguments = call.getArguments();
    ExpressionTree receiver = Trees.receiver(call);
    String owner = Symbols.qualifiedName(method.owner, state);
    if (method.isStatic()) {
      return owner.equals(GUAVA_FUTURES) && name.equals("transformAsync") && arguments.size() >= 2
          ? new Composition(call, name, arguments.get(0), arguments.get(1), AsyncKind.Family.GUAVA)
          : null;
    }
    if (receiver == null || arguments.isEmpty()) {
      return null;
    }
    if (owner.equals("io.smallrye.mutiny.groups.UniOnItem") && name.equals("transformToUni")) {
      ExpressionTree uni = Trees.receiver(receiver);
      return uni == null
          ? null
          : new Composition(
              call, "onItem()." + name, uni, arguments.get(0), AsyncKind.Family.MUTINY);
    }
    AsyncKind kind = AsyncTypes.kindOf(method.owner.type, state);
    if (kind == null) {
      return null;
    }
    boolean composes;
    switch (kind) {
      case COMPLETABLE_FUTURE:
      case COMPLETION_STAGE:
        composes = name.equals("thenCompose") || name.equals("thenComposeAsync");
        break;
      case LISTENABLE_FUTURE:
        composes = name.equals("transformAsync");
        break;
      case MONO:
      case RX_SINGLE:
        composes = name.equals("flatMap");
        break;
      case UNI:
        composes = name.equals("chain") || name.equals("flatMap");
        break;
      case VERTX_FUTURE:
        composes = (name.equals("compose") || name.equals("flatMap")) && arguments.size() == 1;
        break;
      default:
        composes = false;
    }
    return composes ? new Composition(call, name, receiver, arguments.get(0), kind.family()) : null;
  }
}
