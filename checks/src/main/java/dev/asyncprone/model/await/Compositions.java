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
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.api.libraries.Vocabulary;
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
      return function instanceof LambdaExpressionTree lambda && lambda.getParameters().size() == 1
          ? lambda
          : null;
    }

    /** The combinator that starts {@code next} together with the source, in words for a message. */
    public String combineAdvice(ExpressionTree next, VisitorState state) {
      Library library = Vocabulary.ofFamily(family);
      String words = library == null ? null : library.combineTwo();
      return String.format(
          words == null ? Jdk.TABLE.combineTwo() : words,
          Trees.label(source, state),
          Trees.label(next, state));
    }
  }

  private Compositions() {}

  /**
   * The future a composition starts next, if it starts it only to wait: the function ignores the
   * value it is given, its result is a fresh call ({@code g(y)}, not a future made already or a
   * known value), both stages carry a value (not Void, not a gate's Boolean), neither is named as a
   * write or gate, and the next call neither reads the first future nor may depend on the call that
   * made it through the object they share ({@link FutureCalls#mayShareState}). Null otherwise.
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
      if (type instanceof Type.ArrayType array) {
        type = array.elemtype;
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
        if (argument instanceof MemberReferenceTree reference) {
          touched.addAll(Trees.rootSymbols(reference.getQualifierExpression(), state));
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
        || !Symbols.qualifiedName(value.tsym, state).equals(JdkTypes.BOOLEAN);
  }

  /**
   * In words for a message, how to wait once for several lazy publishers at the same time: {@code
   * Mono.zip(a, b).block()} and its like; {@code all} is their sources, comma-separated.
   */
  public static String awaitAll(AsyncKind.Family family, String all) {
    Library library = Vocabulary.ofFamily(family);
    String words = library == null ? null : library.awaitAll();
    return words == null ? "a combinator that waits for all of " + all : String.format(words, all);
  }

  /** The composition {@code call} is, from the library tables, or null. */
  public static @Nullable Composition of(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    Libraries.Match<Library.Composition> found =
        method == null ? null : Libraries.composition(method, state);
    if (found == null || found.library().family() == null) {
      return null;
    }
    Library.Composition rule = found.fact();
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (arguments.size() <= rule.function()
        || (rule.arguments() > 0 && arguments.size() != rule.arguments())) {
      return null;
    }
    ExpressionTree receiver = Trees.receiver(call);
    ExpressionTree source =
        switch (rule.source()) {
          case RECEIVER -> receiver;
          case FIRST_ARGUMENT -> arguments.get(0);
          case RECEIVER_OF_RECEIVER -> receiver == null ? null : Trees.receiver(receiver);
        };
    return source == null
        ? null
        : new Composition(
            call,
            rule.displayPrefix() + Symbols.name(method, state),
            source,
            arguments.get(rule.function()),
            found.library().family());
  }
}
