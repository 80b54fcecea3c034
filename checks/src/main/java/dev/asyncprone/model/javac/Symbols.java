package dev.asyncprone.model.javac;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Name;
import dev.asyncprone.model.support.ContextLocal;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The names of symbols, and the names of a type's supertypes, computed once per compilation.
 *
 * <p>The checks ask for the same few names at every call in the code, and javac's {@code Name}
 * decodes its text from UTF-8 on each {@code toString()} and {@code contentEquals()} (JDK 17); a
 * type's supertypes are a walk of its hierarchy each time. One instance lives in javac's {@code
 * Context}, so it is shared by every check of one compilation and dropped with it; a compilation
 * runs on one thread.
 */
public final class Symbols {
  private static final ContextLocal<Symbols> PER_COMPILATION = new ContextLocal<>();

  private final Map<Name, String> texts = new IdentityHashMap<>();
  private final Map<TypeSymbol, Set<String>> supertypes = new IdentityHashMap<>();
  private final Map<MethodSymbol, List<MethodSymbol>> superMethods = new IdentityHashMap<>();
  private final Types types;

  private Symbols(Types types) {
    this.types = types;
  }

  private static Symbols in(VisitorState state) {
    return PER_COMPILATION.get(state, () -> new Symbols(state.getTypes()));
  }

  /** The simple name of {@code symbol}: {@code join}, {@code CompletableFuture}. */
  public static String name(Symbol symbol, VisitorState state) {
    return in(state).text(symbol.getSimpleName());
  }

  /** The qualified name of {@code symbol}: {@code java.util.concurrent.CompletableFuture}. */
  public static String qualifiedName(Symbol symbol, VisitorState state) {
    return in(state).text(symbol.getQualifiedName());
  }

  /** True if {@code symbol}'s owner is the class or interface named {@code className} itself. */
  public static boolean isOwner(Symbol symbol, String className, VisitorState state) {
    return symbol.owner != null && qualifiedName(symbol.owner, state).equals(className);
  }

  /**
   * True if no subclass can override {@code method}, so a call of it runs the body it declares:
   * static, private or final, or declared in a final class (a record, an enum without bodies).
   */
  public static boolean cannotBeOverridden(Symbol.MethodSymbol method) {
    return (method.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.FINAL)) != 0
        || (method.owner != null && (method.owner.flags() & Flags.FINAL) != 0);
  }

  /**
   * The qualified names of {@code type} and of all its supertypes, erased; empty for a type that is
   * not a class or interface type.
   */
  public static Set<String> supertypeNames(@Nullable Type type, VisitorState state) {
    if (type == null || !type.hasTag(TypeTag.CLASS) || type.tsym == null) {
      return Set.of();
    }
    return in(state).supertypesOf(type);
  }

  /**
   * The methods {@code method} overrides, nearest first ({@link ASTHelpers#findSuperMethods}),
   * found once per method: several checks ask of the same methods, and each search walks the
   * hierarchy.
   */
  public static List<MethodSymbol> superMethods(MethodSymbol method, VisitorState state) {
    Symbols symbols = in(state);
    List<MethodSymbol> found = symbols.superMethods.get(method);
    if (found == null) {
      found = ImmutableList.copyOf(ASTHelpers.findSuperMethods(method, symbols.types));
      symbols.superMethods.put(method, found);
    }
    return found;
  }

  private String text(Name name) {
    String text = texts.get(name);
    if (text == null) {
      text = name.toString();
      texts.put(name, text);
    }
    return text;
  }

  private Set<String> supertypesOf(Type type) {
    Set<String> names = supertypes.get(type.tsym);
    if (names == null) {
      Set<String> found = new HashSet<>();
      for (Type supertype : types.closure(types.erasure(type))) {
        found.add(text(supertype.tsym.getQualifiedName()));
      }
      names = Set.copyOf(found);
      supertypes.put(type.tsym, names);
    }
    return names;
  }
}
