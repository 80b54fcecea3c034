package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.Symbols;

/**
 * Methods a table names: their names, the class that declares them, and whether they are static.
 *
 * @param owner the declaring class
 * @param names the methods' simple names
 * @param binding static methods, instance methods, or either
 */
public record Methods(Owner owner, ImmutableSet<String> names, Binding binding) {
  /** Whether the methods are called on an instance. */
  public enum Binding {
    STATIC,
    INSTANCE,
    EITHER
  }

  /** Instance methods of {@code owner} named {@code names}. */
  public static Methods instance(Owner owner, String... names) {
    return new Methods(owner, ImmutableSet.copyOf(names), Binding.INSTANCE);
  }

  /** Static methods of {@code owner} named {@code names}. */
  public static Methods statics(Owner owner, String... names) {
    return new Methods(owner, ImmutableSet.copyOf(names), Binding.STATIC);
  }

  /** Methods of {@code owner} named {@code names}, static or not. */
  public static Methods either(Owner owner, String... names) {
    return new Methods(owner, ImmutableSet.copyOf(names), Binding.EITHER);
  }

  /** True if {@code method} is one of these: the name first, which rejects most calls cheaply. */
  public boolean matches(MethodSymbol method, VisitorState state) {
    return names.contains(Symbols.name(method, state))
        && (binding == Binding.EITHER || method.isStatic() == (binding == Binding.STATIC))
        && method.owner != null
        && owner.matches(method.owner, state);
  }
}
