package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Symbols;

/**
 * How a table names the class that declares a method. Always by name, so that no library has to be
 * on the classpath of the code being compiled.
 */
public sealed interface Owner {
  boolean matches(Symbol owner, VisitorState state);

  /** One of the classes named {@code classNames} itself: {@code Futures}, not a subclass. */
  static Owner exactly(String... classNames) {
    return new Exactly(ImmutableSet.copyOf(classNames));
  }

  /**
   * A class of this simple name in any package: a library's class and the copies that projects
   * shade into their own packages ({@code com.datastax.oss.driver.shaded.guava.common.base
   * .Preconditions}), which keep the name.
   */
  static Owner simplyNamed(String simpleName) {
    return new SimplyNamed(simpleName);
  }

  /** The class or interface named {@code className}, or any class that extends it. */
  static Owner subtypeOf(String className) {
    return new SubtypeOf(className);
  }

  /** A class whose most specific future-like kind ({@link AsyncTypes#kindOf}) is one of these. */
  static Owner kind(AsyncKind... kinds) {
    return new OfKind(ImmutableSet.copyOf(kinds));
  }

  /** A future-like class of this family: any of the library's future or publisher types. */
  static Owner family(AsyncKind.Family family) {
    return new OfFamily(family);
  }

  record Exactly(ImmutableSet<String> classNames) implements Owner {
    @Override
    public boolean matches(Symbol owner, VisitorState state) {
      return classNames.contains(Symbols.qualifiedName(owner, state));
    }
  }

  record SimplyNamed(String simpleName) implements Owner {
    @Override
    public boolean matches(Symbol owner, VisitorState state) {
      return Symbols.name(owner, state).equals(simpleName);
    }
  }

  record SubtypeOf(String className) implements Owner {
    @Override
    public boolean matches(Symbol owner, VisitorState state) {
      return AsyncTypes.isSubtypeNamed(owner.type, className, state);
    }
  }

  record OfKind(ImmutableSet<AsyncKind> kinds) implements Owner {
    @Override
    public boolean matches(Symbol owner, VisitorState state) {
      AsyncKind kind = AsyncTypes.kindOf(owner.type, state);
      return kind != null && kinds.contains(kind);
    }
  }

  record OfFamily(AsyncKind.Family family) implements Owner {
    @Override
    public boolean matches(Symbol owner, VisitorState state) {
      AsyncKind kind = AsyncTypes.kindOf(owner.type, state);
      return kind != null && kind.family() == family;
    }
  }
}
