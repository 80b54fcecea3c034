package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree;

/**
 * How a method is named where it is written down for another compilation to read (its key), and for
 * a reader (its display name), and how a place in the sources is shown.
 */
public final class MethodKeys {
  private MethodKeys() {}

  /**
   * The key of {@code method}, the same in the compilation that declares it from source and in one
   * that reads it from a class file: the binary name of its class, {@code #}, its name ({@code
   * <init>} for a constructor) and its erased parameter types, {@code
   * com.acme.PriceDao#row(java.lang.String,int[])}.
   */
  public static String key(MethodSymbol method, VisitorState state) {
    StringBuilder key = new StringBuilder(binaryName(method.owner)).append('#');
    key.append(method.isConstructor() ? "<init>" : method.getSimpleName().toString()).append('(');
    Types types = state.getTypes();
    boolean first = true;
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (!first) {
        key.append(',');
      }
      first = false;
      key.append(erased(types.erasure(parameter.type)));
    }
    return key.append(')').toString();
  }

  /**
   * The name a message shows for a call of {@code method}: {@code PriceDao.row()}, {@code new
   * PriceDao(...)}.
   */
  public static String display(MethodSymbol method) {
    String owner = method.owner.getSimpleName().toString();
    if (method.isConstructor()) {
      return "new " + owner + "(...)";
    }
    return owner + "." + method.getSimpleName() + "()";
  }

  /** {@code row()}, {@code new PriceDao(...)}: the method without its class. */
  public static String shortDisplay(MethodSymbol method) {
    return method.isConstructor() ? display(method) : method.getSimpleName() + "()";
  }

  /** Where {@code tree} is in {@code unit}, as a reader finds it: {@code PriceDao.java:27}. */
  public static String location(CompilationUnitTree unit, Tree tree) {
    String file = unit.getSourceFile().getName();
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    long line = unit.getLineMap().getLineNumber(((JCTree) tree).getStartPosition());
    return file.substring(slash + 1) + ":" + line;
  }

  /** {@code com.acme.Outer$Inner}: the name of the class file, dots for the packages. */
  public static String binaryName(Symbol type) {
    return type instanceof ClassSymbol c ? c.flatName().toString() : type.toString();
  }

  private static String erased(Type type) {
    if (type.hasTag(TypeTag.ARRAY)) {
      return erased(((Type.ArrayType) type).elemtype) + "[]";
    }
    if (type.hasTag(TypeTag.CLASS)) {
      return binaryName(type.tsym);
    }
    return type.tsym == null ? type.toString() : type.tsym.getSimpleName().toString();
  }
}
