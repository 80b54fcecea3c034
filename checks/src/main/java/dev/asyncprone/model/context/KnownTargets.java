package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Name;
import dev.asyncprone.model.javac.Symbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a call runs the body its method declares, so that what that body does is what the call
 * does: a static, private or final method, a constructor, a method of a final class, a {@code
 * super.m()} call, or a method that nothing in this compilation overrides. A call through an
 * interface or an abstract method, or of a method that a class of the compilation overrides, may
 * run another body, and is not judged by a guess.
 *
 * <p>The overriding methods come from the compilation's own classes (anonymous ones and enum
 * constants' bodies included), indexed by name as the inference reads them, so that the question
 * costs a lookup and a few {@code overrides} tests, once per method.
 */
final class KnownTargets {
  private final Map<Name, List<MethodSymbol>> declaredByName = new HashMap<>();
  private final Map<MethodSymbol, Boolean> known = new IdentityHashMap<>();

  /** Records a method declared in the compilation's sources, which may override another. */
  void declare(MethodSymbol method) {
    if (method.isStatic() || method.isPrivate() || method.isConstructor()) {
      return;
    }
    declaredByName.computeIfAbsent(method.name, n -> new ArrayList<>()).add(method);
  }

  /** True if a call of {@code method} ({@code viaSuper}: as {@code super.m()}) runs its body. */
  boolean runsItsBody(MethodSymbol method, boolean viaSuper, VisitorState state) {
    if (viaSuper || method.isConstructor() || Symbols.cannotBeOverridden(method)) {
      return true;
    }
    if ((method.flags() & Flags.ABSTRACT) != 0 || (method.owner.flags() & Flags.INTERFACE) != 0) {
      return false;
    }
    Boolean answer = known.get(method);
    if (answer == null) {
      answer = !isOverridden(method, state.getTypes());
      known.put(method, answer);
    }
    return answer;
  }

  private boolean isOverridden(MethodSymbol method, Types types) {
    for (MethodSymbol other : declaredByName.getOrDefault(method.name, List.of())) {
      if (other != method
          && other.owner != method.owner
          && other.owner.isSubClass(method.owner, types)
          && other.overrides(method, (TypeSymbol) other.owner, types, false)) {
        return true;
      }
    }
    return false;
  }
}
