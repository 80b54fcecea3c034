package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.FindIdentifiers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Contracts;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.javac.NewLocals;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * What the fixes read from the code around them before they edit it: the source of the future an
 * await waits on, the one executor in scope they may name, a name no variable in scope has, whether
 * a method's signature may change, the call a method reference stands for.
 */
public final class FixSources {
  /** {@code CompletionStage.toCompletableFuture()}: a view of the stage it is called on. */
  private static final String TO_COMPLETABLE_FUTURE = "toCompletableFuture";

  private FixSources() {}

  /**
   * The future an await waits on, with a trailing {@code toCompletableFuture()} dropped: {@code
   * g(x)} for {@code g(x).toCompletableFuture()}.
   */
  public static ExpressionTree stripToCompletableFuture(ExpressionTree future) {
    ExpressionTree e = ASTHelpers.stripParentheses(future);
    if (e instanceof MethodInvocationTree call
        && Trees.methodName(call).equals(TO_COMPLETABLE_FUTURE)
        && call.getArguments().isEmpty()
        && Trees.receiver(call) != null) {
      return Trees.receiver(call);
    }
    return e;
  }

  /** The source of {@link #stripToCompletableFuture}, to put in place of an await. */
  public static String awaitedSource(ExpressionTree future, VisitorState state) {
    return state.getSourceForNode(stripToCompletableFuture(future));
  }

  /**
   * The one executor that code at {@code path} can name by its simple name and that is annotated
   * {@code @BlockingExecutor}: a field, parameter or local variable whose type is an Executor. Null
   * if there is none, or more than one, so that a fix never has to guess. A variable hidden by
   * another of the same name does not count; nor does an instance field in a static context, or a
   * local that a lambda could not capture.
   */
  public static @Nullable VarSymbol soleBlockingExecutor(TreePath path, VisitorState state) {
    Set<String> names = new HashSet<>();
    VarSymbol found = null;
    for (VarSymbol variable : FindIdentifiers.findAllIdents(state.withPath(path))) {
      if (!names.add(Symbols.name(variable, state))) {
        continue;
      }
      if (Annotations.has(variable, Contracts.BLOCKING_EXECUTOR, state)
          && AsyncTypes.isSubtypeNamed(variable.type, Jdk.EXECUTOR, state)) {
        if (found != null) {
          return null;
        }
        found = variable;
      }
    }
    return found;
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}, ...: the first that names no variable in scope
   * at {@code state}'s path, for a lambda parameter that a fix introduces there.
   */
  public static String freshName(String base, VisitorState state) {
    return NewLocals.freshName(base, NewLocals.visibleNames(state));
  }

  /**
   * True if a fix may change the return type of {@code method}: it is private or package-private,
   * overrides nothing, and carries no annotation (a framework that calls an annotated method, such
   * as {@code @Scheduled} or {@code @PostConstruct}, decides what it may return).
   */
  public static boolean mayChangeReturnType(MethodTree method, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    Set<Modifier> modifiers = symbol.getModifiers();
    return !modifiers.contains(Modifier.PUBLIC)
        && !modifiers.contains(Modifier.PROTECTED)
        && method.getModifiers().getAnnotations().isEmpty()
        && Symbols.superMethods(symbol, state).isEmpty();
  }

  /**
   * The source of a call of what a one-argument method reference refers to, with {@code argument}
   * as its argument: {@code repo.save(order)} for {@code repo::save}, {@code Repo.save(order)} for
   * a static {@code Repo::save}, {@code order.save()} for an unbound {@code Order::save}. Null for
   * constructor references and qualifiers that are neither a name nor {@code this}.
   */
  public static @Nullable String callOf(
      MemberReferenceTree reference, String argument, VisitorState state) {
    if (reference.getMode() != MemberReferenceTree.ReferenceMode.INVOKE) {
      return null;
    }
    ExpressionTree qualifier = reference.getQualifierExpression();
    if (!(qualifier instanceof IdentifierTree || qualifier instanceof MemberSelectTree)) {
      return null;
    }
    Symbol method = ASTHelpers.getSymbol(reference);
    Symbol qualifierSymbol = ASTHelpers.getSymbol(qualifier);
    if (method == null) {
      return null;
    }
    String name = reference.getName().toString();
    boolean qualifierIsType = qualifierSymbol instanceof Symbol.TypeSymbol;
    if (qualifierIsType && !method.isStatic()) {
      return argument + "." + name + "()";
    }
    return state.getSourceForNode(qualifier) + "." + name + "(" + argument + ")";
  }

  /**
   * True if {@code functional}, a lambda or method reference, implements a method of one parameter
   * ({@code Consumer}, not {@code Runnable}): a call of it can be written with the value as its
   * argument.
   */
  public static boolean takesOneValue(Tree functional, VisitorState state) {
    Type type = ASTHelpers.getType(functional);
    if (type == null) {
      return false;
    }
    try {
      return state.getTypes().findDescriptorType(type).getParameterTypes().size() == 1;
    } catch (RuntimeException notFunctional) {
      return false;
    }
  }
}
