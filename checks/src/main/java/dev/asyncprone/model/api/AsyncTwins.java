package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Methods that come in pairs, one that blocks and its async twin: {@code send(m)} and {@code
 * sendAsync(m)}, {@code get(k)} and {@code getAsync(k)}, {@code close()} and {@code closeAsync()}.
 * The twin takes the same parameters and returns a future or publisher; the plain method returns a
 * value, and so must wait for it. Found by name on the method's class and its supertypes, for any
 * library.
 */
public final class AsyncTwins {
  private static final PerCompilationCache<MethodSymbol, Optional<MethodSymbol>> TWINS =
      new PerCompilationCache<>();
  private static final PerCompilationCache<Symbol, Map<String, List<MethodSymbol>>> ASYNC_METHODS =
      new PerCompilationCache<>();

  private AsyncTwins() {}

  /**
   * The async twin of {@code method}, or null: a method of its class or a supertype named as it is
   * with {@code Async} after, with the same erased parameter types, as static as it is, that
   * returns a future or publisher, where {@code method} returns neither.
   */
  public static @Nullable MethodSymbol of(MethodSymbol method, VisitorState state) {
    if (method.isConstructor()
        || !(method.owner instanceof Symbol.ClassSymbol)
        || method.owner.type == null) {
      return null;
    }
    return TWINS.get(method, state, m -> Optional.ofNullable(find(m, state))).orElse(null);
  }

  private static @Nullable MethodSymbol find(MethodSymbol method, VisitorState state) {
    String name = Symbols.name(method, state);
    String owner = Symbols.qualifiedName(method.owner, state);
    for (String jdk : Jdk.PACKAGES) {
      if (owner.startsWith(jdk)) {
        return null; // the JDK's one pair, HttpClient's send and sendAsync, is in the catalog
      }
    }
    if (name.endsWith(Jdk.ASYNC_SUFFIX)) {
      return null;
    }
    List<MethodSymbol> candidates =
        ASYNC_METHODS
            .get(method.owner, state, type -> asyncMethods(type, state))
            .get(name + Jdk.ASYNC_SUFFIX);
    if (candidates == null || AsyncTypes.isFutureLike(method.getReturnType(), state)) {
      return null;
    }
    Types types = state.getTypes();
    for (MethodSymbol candidate : candidates) {
      if (candidate.isStatic() == method.isStatic()
          && sameErasedParameters(candidate, method, types)
          && AsyncTypes.isFutureLike(candidate.getReturnType(), state)) {
        return candidate;
      }
    }
    return null;
  }

  /** The methods named {@code ...Async} of {@code owner} and its supertypes, by name. */
  private static Map<String, List<MethodSymbol>> asyncMethods(Symbol owner, VisitorState state) {
    Map<String, List<MethodSymbol>> byName = new HashMap<>();
    Types types = state.getTypes();
    for (Type type : types.closure(types.erasure(owner.type))) {
      for (Symbol member : type.tsym.members().getSymbols(s -> s instanceof MethodSymbol)) {
        String name = Symbols.name(member, state);
        if (name.endsWith(Jdk.ASYNC_SUFFIX) && name.length() > Jdk.ASYNC_SUFFIX.length()) {
          byName.computeIfAbsent(name, n -> new ArrayList<>()).add((MethodSymbol) member);
        }
      }
    }
    return byName;
  }

  private static boolean sameErasedParameters(MethodSymbol a, MethodSymbol b, Types types) {
    // javac's lists are linked: walk them side by side, never index them.
    Iterator<Symbol.VarSymbol> ia = a.getParameters().iterator();
    Iterator<Symbol.VarSymbol> ib = b.getParameters().iterator();
    while (ia.hasNext() && ib.hasNext()) {
      if (!types.isSameType(types.erasure(ia.next().type), types.erasure(ib.next().type))) {
        return false;
      }
    }
    return !ia.hasNext() && !ib.hasNext();
  }
}
