package dev.asyncprone.model.api;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.util.Name;
import dev.asyncprone.model.api.libraries.Contracts;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.Options;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The contracts written as annotations: {@code @Blocking}, {@code @NonBlocking} (ours, JetBrains',
 * SmallRye's, and any a build adds by flag), read from source and from class files alike. The
 * annotations' names are in {@link Contracts}.
 */
public final class Annotations {

  /** A contract found on a method, and where it came from, for messages. */
  public record Found(Symbol carrier, String annotation) {
    public String simpleAnnotationName() {
      return annotation.substring(annotation.lastIndexOf('.') + 1);
    }
  }

  private static final PerCompilationCache<Set<String>, Boolean> KNOWN =
      new PerCompilationCache<>();
  private static final PerCompilationCache<Set<String>, List<Name>> FLAT_NAMES =
      new PerCompilationCache<>();
  private static final PerCompilationCache<Set<String>, Set<Symbol>> CANNOT_CARRY =
      new PerCompilationCache<>();

  private Annotations() {}

  /** The annotations that say a method may block: the built-in ones and the build's own. */
  public static ImmutableSet<String> blocking(Options options) {
    return ImmutableSet.<String>builder()
        .addAll(Contracts.BLOCKING)
        .addAll(options.extraBlockingAnnotations())
        .build();
  }

  /** The annotations that say a method or type must not block, built in and the build's own. */
  public static ImmutableSet<String> nonBlocking(Options options) {
    return ImmutableSet.<String>builder()
        .addAll(Contracts.NON_BLOCKING)
        .addAll(options.extraNonBlockingAnnotations())
        .build();
  }

  /** The first annotation of {@code symbol} whose qualified name is in {@code names}. */
  public static @Nullable String annotationIn(
      @Nullable Symbol symbol, Set<String> names, VisitorState state) {
    if (symbol == null) {
      return null;
    }
    for (Attribute.Compound compound : symbol.getRawAttributes()) {
      String name = Symbols.qualifiedName(compound.type.tsym, state);
      if (names.contains(name)) {
        return name;
      }
    }
    return null;
  }

  public static boolean has(@Nullable Symbol symbol, String name, VisitorState state) {
    return annotationIn(symbol, Set.of(name), state) != null;
  }

  /**
   * The {@code names} annotation that governs {@code method}: on the method itself, on a method it
   * overrides, or on the class that declares it (or an enclosing class). Null if there is none.
   */
  public static @Nullable Found governing(
      MethodSymbol method, Set<String> names, VisitorState state) {
    if (!mayCarry(method, names, state)) {
      return null;
    }
    Found found = direct(method, names, state);
    if (found != null) {
      return found;
    }
    if (mayInherit(method, state)) {
      for (MethodSymbol superMethod : Symbols.superMethods(method, state)) {
        found = direct(superMethod, names, state);
        if (found != null) {
          return found;
        }
      }
    }
    for (Symbol owner = method.owner; owner instanceof Symbol.ClassSymbol; owner = owner.owner) {
      String annotation = annotationIn(owner, names, state);
      if (annotation != null) {
        return new Found(owner, annotation);
      }
    }
    return null;
  }

  /**
   * False if neither {@code method}, nor a method it overrides, nor its class can carry one of
   * {@code names}: none of them is {@link #isAnyKnown known} once its supertypes and enclosing
   * classes are read.
   */
  public static boolean mayCarry(MethodSymbol method, Set<String> names, VisitorState state) {
    // A class whose supertypes and enclosing classes were read while none of the names was known
    // carries none of them, nor do its methods, whatever classes javac reads later. Asked of each
    // method of the class, and most compilations know none of the names: remembered per class.
    Set<Symbol> cannotCarry =
        CANNOT_CARRY.get(names, state, n -> Collections.newSetFromMap(new IdentityHashMap<>()));
    if (cannotCarry.contains(method.owner)) {
      return false;
    }
    if (isAnyKnown(names, state)) {
      return true;
    }
    // Completes the supertypes and the enclosing classes, which enters the annotations they and
    // their methods carry.
    state.getTypes().closure(method.owner.type);
    for (Symbol owner = method.owner.owner; owner instanceof ClassSymbol; owner = owner.owner) {
      try {
        owner.complete();
      } catch (Symbol.CompletionFailure missing) {
        // Not on the class path: it carries nothing javac can read.
      }
    }
    if (isAnyKnown(names, state)) {
      return true;
    }
    cannotCarry.add(method.owner);
    return false;
  }

  /**
   * True if javac has entered a class of one of {@code names}, as it does for every annotation type
   * that a class it has read or compiled mentions: until then no symbol carries one, and most
   * compilations have none of them on their class path. Once true, true for the compilation. Keep
   * {@code names} in a constant: the answer is kept per set, by identity.
   */
  public static boolean isAnyKnown(Set<String> names, VisitorState state) {
    if (KNOWN.peek(names, state) != null) {
      return true;
    }
    Symtab symtab = state.getSymtab();
    for (Name name : FLAT_NAMES.get(names, state, n -> flatNames(n, state))) {
      if (symtab.getClassesForName(name).iterator().hasNext()) {
        KNOWN.get(names, state, n -> Boolean.TRUE);
        return true;
      }
    }
    return false;
  }

  /**
   * The names javac may enter each of {@code names} under: {@code a.b.C}, and, should it be a
   * nested type, {@code a.b$C} and {@code a$b$C}.
   */
  private static List<Name> flatNames(Set<String> names, VisitorState state) {
    List<Name> flat = new ArrayList<>();
    for (String name : names) {
      String candidate = name;
      flat.add(state.getName(candidate));
      for (int dot = candidate.lastIndexOf('.'); dot > 0; dot = candidate.lastIndexOf('.')) {
        candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
        flat.add(state.getName(candidate));
      }
    }
    return flat;
  }

  /**
   * False where a method's super methods need not be searched for an annotation of ours (or
   * JetBrains', SmallRye's): a method that overrides nothing, or a method of the JDK, which uses
   * none of them and whose methods override only the JDK's.
   */
  public static boolean mayInherit(MethodSymbol method, VisitorState state) {
    if (method.isStatic() || method.isConstructor() || method.isPrivate()) {
      return false;
    }
    String owner = Symbols.qualifiedName(method.owner, state);
    for (String jdk : Jdk.PACKAGES) {
      if (owner.startsWith(jdk)) {
        return false;
      }
    }
    return true;
  }

  /** The {@code names} annotation on {@code symbol} itself, not inherited. */
  public static @Nullable Found direct(Symbol symbol, Set<String> names, VisitorState state) {
    String annotation = annotationIn(symbol, names, state);
    return annotation == null ? null : new Found(symbol, annotation);
  }

  /**
   * True if the result of {@code method} may be dropped by its author's word: the method, its class
   * (or an enclosing class), or a method it overrides that returns a future-like type carries an
   * annotation whose simple name is {@code CanIgnoreReturnValue} (Error Prone's, or a copy). The
   * override rule is Error Prone's own: a {@code @CanIgnoreReturnValue} interface such as Guava's
   * {@code Function} does not excuse an override that returns a future.
   */
  public static boolean canIgnoreReturnValue(MethodSymbol method, VisitorState state) {
    if (hasSimpleName(method, Contracts.CAN_IGNORE_RETURN_VALUE)) {
      return true;
    }
    for (Symbol owner = method.owner; owner instanceof Symbol.ClassSymbol; owner = owner.owner) {
      if (hasSimpleName(owner, Contracts.CAN_IGNORE_RETURN_VALUE)) {
        return true;
      }
    }
    for (MethodSymbol superMethod : Symbols.superMethods(method, state)) {
      if (hasSimpleName(superMethod, Contracts.CAN_IGNORE_RETURN_VALUE)
          && AsyncTypes.isFutureLike(superMethod.getReturnType(), state)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code symbol} carries an annotation with the simple name {@code simpleName}. */
  public static boolean hasSimpleName(@Nullable Symbol symbol, String simpleName) {
    if (symbol == null) {
      return false;
    }
    for (Attribute.Compound compound : symbol.getRawAttributes()) {
      if (compound.type.tsym.getSimpleName().contentEquals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the symbol or its return type itself carries an annotation whose simple name is
   * Nullable: a declaration annotation (JSR-305, JetBrains), or a type-use annotation on the return
   * type (JSpecify, JetBrains), but not one inside it ({@code CompletableFuture<@Nullable Void>}).
   */
  public static boolean isNullable(@Nullable Symbol symbol) {
    if (symbol == null) {
      return false;
    }
    for (Attribute.Compound compound : symbol.getRawAttributes()) {
      if (compound.type.tsym.getSimpleName().contentEquals("Nullable")) {
        return true;
      }
    }
    for (Attribute.TypeCompound compound : symbol.getRawTypeAttributes()) {
      if (compound.type.tsym.getSimpleName().contentEquals("Nullable")
          && compound.position.type == com.sun.tools.javac.code.TargetType.METHOD_RETURN
          && onTheTypeItself(compound.position)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if a type annotation's path leads to the annotated type itself, not into it: {@code
   * CompletableFuture<@Nullable Void>} says the future's value may be null, not the future. Only
   * steps into the inner type of a nested class are allowed ({@code Outer.@Nullable Inner}).
   */
  private static boolean onTheTypeItself(com.sun.tools.javac.code.TypeAnnotationPosition position) {
    for (com.sun.tools.javac.code.TypeAnnotationPosition.TypePathEntry step : position.location) {
      if (step.tag
          != com.sun.tools.javac.code.TypeAnnotationPosition.TypePathEntryKind.INNER_TYPE) {
        return false;
      }
    }
    return true;
  }
}
