package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.FindIdentifiers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a fix needs to declare a new local variable: a name that clashes with nothing, its type as
 * source, and the indentation of the statement it goes in front of.
 */
public final class NewLocals {
  private NewLocals() {}

  /**
   * The names a new local declared where {@code state}'s path points must avoid: every variable
   * visible there, and every name declared or used anywhere in {@link #scope}.
   */
  public static Set<String> takenNames(VisitorState state) {
    Set<String> taken = visibleNames(state);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        taken.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        taken.add(node.getName().toString());
        return null;
      }
    }.scan(scope(state.getPath()), null);
    return taken;
  }

  /** The names of the variables visible where {@code state}'s path points. */
  public static Set<String> visibleNames(VisitorState state) {
    Set<String> names = new HashSet<>();
    for (VarSymbol symbol : FindIdentifiers.findAllIdents(state)) {
      names.add(Symbols.name(symbol, state));
    }
    return names;
  }

  /**
   * The code in which no two locals may share a name with the one about to be declared at {@code
   * path}: the enclosing method, or where there is none, the outermost block or lambda around it.
   */
  public static Tree scope(TreePath path) {
    Tree scope = path.getLeaf();
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree) {
        return leaf;
      }
      if (leaf instanceof ClassTree) {
        break;
      }
      if (leaf instanceof BlockTree || leaf instanceof LambdaExpressionTree) {
        scope = leaf;
      }
    }
    return scope;
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}, ...: the first not in {@code taken}; noted
   * there.
   */
  public static String freshName(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }

  /**
   * {@code type} as source, with the imports it needs added to {@code fix}: the type of an
   * expression, with captured wildcards turned back into the wildcards they came from. Null if it
   * cannot be written down (an intersection, an anonymous class, null's type).
   */
  public static @Nullable String typeSource(
      @Nullable Type type, SuggestedFix.Builder fix, VisitorState state) {
    if (type == null) {
      return null;
    }
    Types types = state.getTypes();
    Type upward = types.upward(type, types.captures(type));
    if (!isDenotable(upward, 0)) {
      return null;
    }
    return Imports.prettyType(state, fix, upward);
  }

  private static boolean isDenotable(Type type, int depth) {
    if (depth > 8) {
      return false;
    }
    if (type.isPrimitive()) {
      return true;
    }
    if (type.hasTag(TypeTag.ARRAY)) {
      return isDenotable(((Type.ArrayType) type).getComponentType(), depth + 1);
    }
    if (type.hasTag(TypeTag.WILDCARD)) {
      Type bound = ((Type.WildcardType) type).type;
      return bound == null || isDenotable(bound, depth + 1);
    }
    if (type.hasTag(TypeTag.TYPEVAR)) {
      return !(type instanceof Type.CapturedType);
    }
    if (!type.hasTag(TypeTag.CLASS) || type.isCompound() || type.tsym == null) {
      return false;
    }
    if (type.tsym.getSimpleName().isEmpty()) {
      return false;
    }
    for (Type argument : type.getTypeArguments()) {
      if (!isDenotable(argument, depth + 1)) {
        return false;
      }
    }
    Type outer = type.getEnclosingType();
    return outer == null || !outer.hasTag(TypeTag.CLASS) || isDenotable(outer, depth + 1);
  }

  /** The whitespace that starts the line {@code tree} starts on. */
  public static String indentOf(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = ASTHelpers.getStartPosition(tree);
    if (source == null || start < 0) {
      return "";
    }
    int lineStart = start;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int end = lineStart;
    while (end < start && (source.charAt(end) == ' ' || source.charAt(end) == '\t')) {
      end++;
    }
    return source.subSequence(lineStart, end).toString();
  }
}
