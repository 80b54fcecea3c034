package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import org.jspecify.annotations.Nullable;

/**
 * What the declaration that receives a lambda, or that a method implements, says about the result:
 * whether the result is a future because the API declares one ({@code thenCompose} takes a {@code
 * Function<? super T, ? extends CompletionStage<U>>}) or only because a type variable was filled in
 * with one ({@code Map.compute} takes a {@code BiFunction<? super K, ? super V, ? extends V>}), and
 * whether it is declared {@code @Nullable}.
 */
public final class FunctionalTargets {
  private FunctionalTargets() {}

  /**
   * Where the lambda (or method reference) at {@code path} is an argument: the result type that the
   * invoked method's declaration gives that parameter's functional interface, before type inference
   * fills in its type variables ({@code V} for {@code Map.compute}, {@code CompletionStage<U>} for
   * {@code thenCompose}). Null where the tree is not an argument or the declaration does not say.
   */
  public static @Nullable Type declaredResult(TreePath path, VisitorState state) {
    Tree parent = path.getParentPath().getLeaf();
    if (!(parent instanceof MethodInvocationTree || parent instanceof NewClassTree)) {
      return null;
    }
    List<? extends ExpressionTree> arguments = Trees.arguments(parent);
    int index = arguments.indexOf(path.getLeaf());
    Symbol symbol = ASTHelpers.getSymbol(parent);
    if (index < 0 || !(symbol instanceof MethodSymbol)) {
      return null;
    }
    MethodSymbol method = (MethodSymbol) symbol;
    List<Symbol.VarSymbol> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return null;
    }
    Type parameter = parameters.get(Math.min(index, parameters.size() - 1)).asType();
    if (method.isVarArgs()
        && index >= parameters.size() - 1
        && parameter instanceof Type.ArrayType) {
      parameter = ((Type.ArrayType) parameter).getComponentType();
    }
    try {
      Type descriptor = state.getTypes().findDescriptorType(parameter);
      return descriptor == null ? null : descriptor.getReturnType();
    } catch (RuntimeException notFunctional) {
      return null;
    }
  }

  /**
   * True if the lambda at {@code path} is passed where the declared result is a type variable or
   * {@code @Nullable}: the generic code that calls it, not a caller that expects a future, decides
   * what its result means (a null from {@code Map.compute}'s remapping function removes the entry).
   */
  public static boolean resultIsGenericOrNullable(TreePath path, VisitorState state) {
    Type declared = declaredResult(path, state);
    return declared != null && (declared.hasTag(TypeTag.TYPEVAR) || isNullableType(declared));
  }

  /** True if the type itself carries a type-use annotation named {@code Nullable}. */
  public static boolean isNullableType(@Nullable Type type) {
    if (type == null) {
      return false;
    }
    for (AnnotationMirror annotation : type.getAnnotationMirrors()) {
      if (annotation.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) {
        return true;
      }
    }
    return false;
  }
}
