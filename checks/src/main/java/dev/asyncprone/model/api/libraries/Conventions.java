package dev.asyncprone.model.api.libraries;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Symbols;
import java.util.regex.Pattern;

/**
 * What the tables say about code outside them, by the shape the libraries' conventions give it: a
 * future type that declares an await of its own, a project's all-of helper.
 */
final class Conventions {
  private Conventions() {}

  /**
   * True if {@code method}, which {@code rule} does not match, is declared by a future type that a
   * class of the rule's could implement, with the rule's name and arity: lettuce's {@code
   * ConnectionFuture<T> extends CompletionStage<T>, Future<T>} declares its own {@code T join()},
   * which {@code CompletableFuture.join()} implements in a class that is both. Every future-like
   * interface of the rule's class must be a supertype of the method's.
   */
  static boolean isTwinOf(MethodSymbol method, AwaitRule rule, VisitorState state) {
    if (rule.isStatic()
        || method.isStatic()
        || !(rule.owner() instanceof Owner.SubtypeOf subtype)
        || !(rule.arities().isEmpty() || rule.arities().contains(method.getParameters().size()))
        || method.owner == null
        || !AsyncTypes.isFutureLike(method.owner.type, state)
        || !(state.getSymbolFromString(subtype.className()) instanceof ClassSymbol awaitClass)) {
      return false;
    }
    boolean any = false;
    for (Type implemented : state.getTypes().interfaces(awaitClass.type)) {
      if (AsyncTypes.isFutureLike(implemented, state)) {
        any = true;
        if (!AsyncTypes.isSubtypeNamed(
            method.owner.type, Symbols.qualifiedName(implemented.tsym, state), state)) {
          return false;
        }
      }
    }
    return any;
  }

  /**
   * The name an all-of helper goes by outside the tables: "all" as a word of it ({@code
   * waitForAll}, {@code whenAllDone}, {@code allOf}), not a prefix of another ({@code allow}).
   */
  private static final Pattern ALL_NAMED = Pattern.compile("(^all|All)(?![a-z])");

  /**
   * True for a static helper of a project that waits for all its inputs the way {@code allOf} does,
   * known by its shape: named with "all" ({@link #ALL_NAMED}), taking one collection or array of
   * futures, and returning a future (pulsar's {@code FutureUtil.waitForAll(futures)}, java-driver's
   * {@code CompletableFutures.allDone(inputs)}).
   */
  static boolean isAllOfByConvention(MethodSymbol method, VisitorState state) {
    if (!method.isStatic()
        || method.getParameters().size() != 1
        || !ALL_NAMED.matcher(Symbols.name(method, state)).find()
        || !AsyncTypes.isFutureLike(method.getReturnType(), state)) {
      return false;
    }
    Type input = method.getParameters().get(0).type;
    Type element = null;
    if (input instanceof Type.ArrayType array) {
      element = array.elemtype;
    } else if (AsyncTypes.isSubtypeNamed(input, JdkTypes.ITERABLE, state)) {
      Type iterable = state.getTypes().asSuper(input, state.getSymbolFromString(JdkTypes.ITERABLE));
      element =
          iterable == null || iterable.getTypeArguments().isEmpty()
              ? null
              : iterable.getTypeArguments().get(0);
    }
    if (element instanceof Type.WildcardType wildcard) {
      element = wildcard.type;
    }
    return AsyncTypes.isFutureLike(element, state);
  }
}
