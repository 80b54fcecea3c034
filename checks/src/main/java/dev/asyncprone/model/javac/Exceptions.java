package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Questions about checked exceptions where a fix would add a throwing call. */
public final class Exceptions {
  private Exceptions() {}

  /**
   * True if a call at {@code path} may throw the checked exception {@code className} and still
   * compile: an enclosing {@code try} of the same method or lambda catches it (and does not rethrow
   * what it caught, which would change what that catch rethrows), or the method or the lambda's
   * functional interface declares it or a supertype. False where the path leaves a method or lambda
   * first, and inside field initializers and initializer blocks.
   */
  public static boolean isHandledAt(TreePath path, String className, VisitorState state) {
    Type exception = state.getTypeFromString(className);
    if (exception == null) {
      return false;
    }
    CatchTree receiving = catchOf(path, className, state);
    if (receiving != null) {
      return !rethrows(receiving);
    }
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        Type type = ASTHelpers.getType(leaf);
        if (type == null) {
          return false;
        }
        try {
          Type descriptor = state.getTypes().findDescriptorType(type);
          return declares(descriptor.getThrownTypes(), exception, state);
        } catch (RuntimeException notFunctional) {
          return false;
        }
      } else if (leaf instanceof MethodTree) {
        MethodSymbol method = ASTHelpers.getSymbol((MethodTree) leaf);
        return method != null && declares(method.getThrownTypes(), exception, state);
      } else if (leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /**
   * The catch that receives {@code className} (or a subtype) thrown at {@code path}: the first
   * catch that catches it, of the innermost enclosing {@code try} of the same method or lambda that
   * has one. Null where none does (it leaves the method or lambda) or the type is unknown.
   */
  public static @Nullable CatchTree catchOf(TreePath path, String className, VisitorState state) {
    Type exception = state.getTypeFromString(className);
    if (exception == null) {
      return null;
    }
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof TryTree tryTree
          && (child == tryTree.getBlock() || tryTree.getResources().contains(child))) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          if (catches(catchTree, exception, state)) {
            return catchTree;
          }
        }
      } else if (leaf instanceof LambdaExpressionTree
          || leaf instanceof MethodTree
          || leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * True if {@code catchTree} neither throws nor reads what it caught ({@code catch (Exception e) {
   * return null; }}): an exception that lands there leaves no trace, and the code goes on with its
   * fallback as if nothing had been thrown.
   */
  public static boolean swallows(CatchTree catchTree) {
    Symbol parameter = ASTHelpers.getSymbol(catchTree.getParameter());
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitThrow(ThrowTree tree, Void unused) {
            return true;
          }

          @Override
          public Boolean visitIdentifier(IdentifierTree tree, Void unused) {
            return parameter != null && parameter.equals(ASTHelpers.getSymbol(tree));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(catchTree.getBlock(), null);
    return !Boolean.TRUE.equals(found);
  }

  private static boolean catches(CatchTree catchTree, Type exception, VisitorState state) {
    Type caught = ASTHelpers.getType(catchTree.getParameter());
    if (caught == null) {
      return false;
    }
    if (caught.isUnion()) {
      for (Type alternative : ((Type.UnionClassType) caught).getAlternativeTypes()) {
        if (ASTHelpers.isSubtype(exception, alternative, state)) {
          return true;
        }
      }
      return false;
    }
    return ASTHelpers.isSubtype(exception, caught, state);
  }

  private static boolean declares(List<Type> thrown, Type exception, VisitorState state) {
    for (Type type : thrown) {
      if (ASTHelpers.isSubtype(exception, type, state)) {
        return true;
      }
    }
    return false;
  }

  /** True if the catch block throws its own parameter again somewhere. */
  private static boolean rethrows(CatchTree catchTree) {
    Symbol parameter = ASTHelpers.getSymbol(catchTree.getParameter());
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitThrow(ThrowTree tree, Void unused) {
            return parameter != null
                && parameter.equals(
                    ASTHelpers.getSymbol(ASTHelpers.stripParentheses(tree.getExpression())));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(catchTree.getBlock(), null);
    return Boolean.TRUE.equals(found);
  }
}
