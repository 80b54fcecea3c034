package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Which types are future-like, matched by the names of their supertypes. */
public final class AsyncTypes {
  private static final Map<String, AsyncKind> BY_NAME = new HashMap<>();

  static {
    for (AsyncKind kind : AsyncKind.values()) {
      BY_NAME.put(kind.className(), kind);
    }
  }

  private static final PerCompilationCache<Symbol, Optional<AsyncKind>> KINDS =
      new PerCompilationCache<>();
  private static final PerCompilationCache<AsyncKind, Optional<Symbol>> BASES =
      new PerCompilationCache<>();

  private AsyncTypes() {}

  /** The most specific future-like kind of {@code type}, or null if it is not future-like. */
  public static @Nullable AsyncKind kindOf(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return null;
    }
    Types types = state.getTypes();
    if (type.hasTag(TypeTag.TYPEVAR) || type.hasTag(TypeTag.WILDCARD)) {
      type = ASTHelpers.getUpperBound(type, types);
    }
    if (!type.hasTag(TypeTag.CLASS) || type.tsym == null) {
      return null;
    }
    Type classType = type;
    return KINDS
        .get(type.tsym, state, t -> Optional.ofNullable(findKind(classType, state)))
        .orElse(null);
  }

  private static @Nullable AsyncKind findKind(Type type, VisitorState state) {
    AsyncKind direct = BY_NAME.get(Symbols.qualifiedName(type.tsym, state));
    if (direct != null) {
      return direct;
    }
    AsyncKind best = null;
    for (String supertype : Symbols.supertypeNames(type, state)) {
      AsyncKind kind = BY_NAME.get(supertype);
      if (kind != null && (best == null || kind.ordinal() < best.ordinal())) {
        best = kind;
      }
    }
    return best;
  }

  public static @Nullable AsyncKind kindOf(@Nullable Tree tree, VisitorState state) {
    return tree == null ? null : kindOf(ASTHelpers.getType(tree), state);
  }

  public static boolean isFutureLike(@Nullable Type type, VisitorState state) {
    return kindOf(type, state) != null;
  }

  /** True if {@code type} is, or extends, the class or interface named {@code className}. */
  public static boolean isSubtypeNamed(@Nullable Type type, String className, VisitorState state) {
    return Symbols.supertypeNames(type, state).contains(className);
  }

  /** True if the class that declares {@code symbol}'s member is, or extends, {@code className}. */
  public static boolean isOwnedBy(Symbol symbol, String className, VisitorState state) {
    return symbol.owner != null && isSubtypeNamed(symbol.owner.type, className, state);
  }

  /**
   * The value type of a future-like type ({@code T} of {@code CompletableFuture<T>}), or null if it
   * has none (RxJava's Completable) or it is raw.
   */
  public static @Nullable Type valueType(Type type, AsyncKind kind, VisitorState state) {
    if (kind == AsyncKind.RX_COMPLETABLE) {
      return null;
    }
    Symbol base =
        BASES
            .get(kind, state, k -> Optional.ofNullable(state.getSymbolFromString(k.className())))
            .orElse(null);
    if (base == null) {
      return null;
    }
    Type asBase = state.getTypes().asSuper(type, base);
    if (asBase == null || asBase.getTypeArguments().isEmpty()) {
      return null;
    }
    return asBase.getTypeArguments().get(0);
  }

  /**
   * True if the value type of the future-like {@code futureLike} is exactly {@code value}, boxed:
   * {@code CompletableFuture<Integer>} and {@code int}, not {@code CompletableFuture<Number>}.
   */
  public static boolean hasValueType(
      @Nullable Type futureLike, @Nullable Type value, VisitorState state) {
    AsyncKind kind = kindOf(futureLike, state);
    Type valueType = kind == null || futureLike == null ? null : valueType(futureLike, kind, state);
    return valueType != null
        && value != null
        && state.getTypes().isSameType(valueType, state.getTypes().boxedTypeOrType(value));
  }

  /**
   * The future-like kind of the value a future-like type carries, or null: {@code MONO} for {@code
   * Flux<Mono<Order>>}, {@code COMPLETABLE_FUTURE} for {@code CompletableFuture<CompletableFuture<
   * Order>>}. A nested future like these is almost always a map that should have been a flatMap.
   */
  public static @Nullable AsyncKind valueKind(@Nullable Type type, VisitorState state) {
    AsyncKind kind = kindOf(type, state);
    if (type == null || kind == null) {
      return null;
    }
    Type value = valueType(type, kind, state);
    return value == null ? null : kindOf(value, state);
  }

  /**
   * True for a future-like type that carries no value, whose only news is completion or failure:
   * {@code CompletableFuture<Void>}, {@code Mono<Void>}, RxJava's Completable.
   */
  public static boolean isVoidValued(Type type, VisitorState state) {
    AsyncKind kind = kindOf(type, state);
    if (kind == null) {
      return false;
    }
    if (kind == AsyncKind.RX_COMPLETABLE) {
      return true;
    }
    Type value = valueType(type, kind, state);
    if (value == null) {
      return false;
    }
    if (value.hasTag(TypeTag.WILDCARD)) {
      value = ASTHelpers.getUpperBound(value, state.getTypes());
    }
    return value.tsym != null && Symbols.qualifiedName(value.tsym, state).equals(JdkTypes.VOID);
  }
}
