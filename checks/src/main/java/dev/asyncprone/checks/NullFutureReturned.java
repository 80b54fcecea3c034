package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ReturnTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.fix.Fixes;
import dev.asyncprone.model.fix.NullFixes;
import dev.asyncprone.model.javac.FunctionalTargets;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.observe.NullRelays;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A method or lambda that returns a future-like type returns null. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A method or lambda whose return type is a future or publisher returns null, so every"
            + " caller that chains on the result throws NullPointerException",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "NullFutureReturned.md")
public final class NullFutureReturned extends BugChecker
    implements ReturnTreeMatcher, LambdaExpressionTreeMatcher {

  @Override
  public Description matchReturn(ReturnTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          if (tree.getExpression() == null) {
            return Description.NO_MATCH;
          }
          List<ExpressionTree> nulls = new ArrayList<>();
          collectNulls(tree.getExpression(), false, nulls, state.getPath(), state);
          if (nulls.isEmpty() || NullRelays.returnsOnlyWhenWrappedIsNull(state.getPath(), state)) {
            return Description.NO_MATCH;
          }
          Type returned = declaredReturnType(state.getPath(), state);
          return returned == null ? Description.NO_MATCH : describe(tree, nulls, returned, state);
        });
  }

  @Override
  public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          if (!(tree.getBody() instanceof ExpressionTree)) {
            return Description.NO_MATCH;
          }
          List<ExpressionTree> nulls = new ArrayList<>();
          collectNulls((ExpressionTree) tree.getBody(), false, nulls, state.getPath(), state);
          if (nulls.isEmpty()) {
            return Description.NO_MATCH;
          }
          Type returned = lambdaReturnType(state.getPath(), state);
          return returned == null ? Description.NO_MATCH : describe(tree, nulls, returned, state);
        });
  }

  /**
   * The null literals an expression at {@code at} may evaluate to: itself, or a branch of a
   * conditional; not one chosen only when a wrapped function's result is null ({@code f == null ?
   * null : f.map(...)}, see {@link NullRelays}).
   */
  private static void collectNulls(
      ExpressionTree expression,
      boolean relayed,
      List<ExpressionTree> nulls,
      TreePath at,
      VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (e.getKind() == Tree.Kind.NULL_LITERAL) {
      if (!relayed) {
        nulls.add(e);
      }
    } else if (e instanceof ConditionalExpressionTree) {
      ConditionalExpressionTree c = (ConditionalExpressionTree) e;
      boolean whenNull = NullRelays.testsWrapped(c.getCondition(), true, at, state);
      boolean whenNotNull = NullRelays.testsWrapped(c.getCondition(), false, at, state);
      collectNulls(c.getTrueExpression(), relayed || whenNull, nulls, at, state);
      collectNulls(c.getFalseExpression(), relayed || whenNotNull, nulls, at, state);
    }
  }

  /**
   * The future-like return type of the method or lambda that a return statement leaves, or null if
   * it is not future-like or the method says it may return null.
   */
  private static @Nullable Type declaredReturnType(TreePath returnPath, VisitorState state) {
    for (TreePath p = returnPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        return lambdaReturnType(p, state);
      }
      if (leaf instanceof MethodTree) {
        MethodSymbol method = ASTHelpers.getSymbol((MethodTree) leaf);
        if (method == null || mayReturnNull(method, state)) {
          return null;
        }
        return futureLike(method.getReturnType(), state);
      }
    }
    return null;
  }

  private static boolean mayReturnNull(MethodSymbol method, VisitorState state) {
    if (Annotations.isNullable(method)) {
      return true;
    }
    for (MethodSymbol overridden : Symbols.superMethods(method, state)) {
      if (Annotations.isNullable(overridden)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The future-like type a lambda must return, or null where null is a legal result: the interface
   * or the method it is passed to declares the result {@code @Nullable}, or that method declares it
   * as a type variable (a null from {@code Map.compute}'s remapping function removes the entry).
   */
  private static @Nullable Type lambdaReturnType(TreePath lambdaPath, VisitorState state) {
    Type lambdaType = ASTHelpers.getType(lambdaPath.getLeaf());
    if (lambdaType == null) {
      return null;
    }
    Type descriptor;
    Symbol descriptorSymbol;
    try {
      descriptor = state.getTypes().findDescriptorType(lambdaType);
      descriptorSymbol = state.getTypes().findDescriptorSymbol(lambdaType.tsym);
    } catch (RuntimeException notFunctional) {
      return null;
    }
    if (descriptor == null
        || (descriptorSymbol instanceof MethodSymbol
            && mayReturnNull((MethodSymbol) descriptorSymbol, state))) {
      return null;
    }
    Type type = futureLike(descriptor.getReturnType(), state);
    return type != null
            && !FunctionalTargets.isNullableType(type)
            && !FunctionalTargets.resultIsGenericOrNullable(lambdaPath, state)
        ? type
        : null;
  }

  /**
   * The type if it is a declared future-like type. A type variable bounded by one is left alone:
   * generic code may be a container whose contract allows null.
   */
  private static @Nullable Type futureLike(Type type, VisitorState state) {
    return type.hasTag(TypeTag.CLASS) && AsyncTypes.isFutureLike(type, state) ? type : null;
  }

  private Description describe(
      Tree tree, List<ExpressionTree> nulls, Type returned, VisitorState state) {
    AsyncKind kind = AsyncTypes.kindOf(returned, state);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String empty = Fixes.emptyValue(returned, fix, state);
    String typeName = Symbols.name(returned.tsym, state);
    String message =
        String.format(
            "This returns null where a %s is expected: a caller that chains on it (%s) throws"
                + " NullPointerException instead of seeing an empty result; %s",
            typeName,
            chainExample(kind),
            empty == null
                ? "return an empty or failed " + typeName + " instead"
                : "return " + empty + " instead");
    for (ExpressionTree nullLiteral : nulls) {
      TreePath at = TreePath.getPath(state.getPath(), nullLiteral);
      String whyNot = at == null ? null : NullFixes.whyNot(at, state);
      if (whyNot != null) {
        // The null is a signal someone reads: the fix is the author's to choose, not ours.
        return buildDescription(tree).setMessage(message + ". No fix here: " + whyNot).build();
      }
    }
    Description.Builder description = buildDescription(tree).setMessage(message);
    if (empty != null) {
      for (ExpressionTree nullLiteral : nulls) {
        fix.replace(nullLiteral, empty);
      }
      description.addFix(fix.build());
    }
    return description.build();
  }

  private static String chainExample(@Nullable AsyncKind kind) {
    if (kind == null) {
      return "thenApply";
    }
    switch (kind.family()) {
      case GUAVA:
        return "Futures.transform";
      case REACTOR:
      case RXJAVA:
      case REACTIVE_STREAMS:
        return "map, flatMap, subscribe";
      case MUTINY:
        return "onItem(), subscribe()";
      case VERTX:
        return "map, compose, onComplete";
      default:
        return kind == AsyncKind.FUTURE ? "get" : "thenApply, join";
    }
  }
}
