package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.await.AsyncWraps;
import dev.asyncprone.model.javac.Expressions;
import dev.asyncprone.model.javac.Imports;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.ErrorProneChecks;
import dev.asyncprone.model.support.Guard;

/** Async machinery around a value that is already there, or a composition that only re-wraps. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Async machinery around a value that is already there: supplyAsync(() -> value),"
            + " thenCompose(x -> completedFuture(g(x))), flatMap(x -> Mono.just(g(x)))",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "NeedlessAsync.md")
public final class NeedlessAsync extends BugChecker implements MethodInvocationTreeMatcher {
  private static final String MONO = AsyncKind.MONO.className();

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          if (AsyncWraps.isSupplyOrRunAsync(tree, state)
              && Trees.methodName(tree).equals("supplyAsync")) {
            return supplyAsyncOfValue(tree, state);
          }
          if (Trees.isStaticCall(tree, MONO, "defer", state)) {
            return deferOfConstant(tree, state);
          }
          return composeOfValue(tree, state);
        });
  }

  /**
   * {@code supplyAsync(() -> value)} to {@code completedFuture(value)}. Not with an executor of its
   * own, which decides where the callers' callbacks run; nor where a callback is attached right
   * there ({@code supplyAsync(() -> id).thenApply(this::load)}), which the hop likely carries to
   * the pool and a completed future would run on the caller.
   */
  private Description supplyAsyncOfValue(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree value = Lambdas.singleResult(tree.getArguments().get(0));
    if (tree.getArguments().size() > 1
        || !Expressions.isTrivial(value, state)
        || AsyncWraps.feedsCallback(state)) {
      return Description.NO_MATCH;
    }
    String source = state.getSourceForNode(value);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String type = Imports.qualify(state, fix, AsyncKind.COMPLETABLE_FUTURE.className());
    String typeArguments =
        tree.getTypeArguments().isEmpty()
            ? ""
            : "<" + state.getSourceForNode(tree.getTypeArguments().get(0)) + ">";
    return buildDescription(tree)
        .setMessage(
            "supplyAsync(...) only returns '"
                + source
                + "', a value that is already there: it"
                + " schedules a task on the common pool just to complete a future with it; use"
                + " CompletableFuture.completedFuture("
                + source
                + ")")
        .addFix(
            fix.replace(tree, type + "." + typeArguments + "completedFuture(" + source + ")")
                .build())
        .build();
  }

  /** {@code Mono.defer(() -> Mono.just(constant))} to {@code Mono.just(constant)}. */
  private Description deferOfConstant(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree inner = Lambdas.singleResult(tree.getArguments().get(0));
    if (!(inner instanceof MethodInvocationTree)
        || !Trees.isStaticCall(inner, MONO, "just", state)
        || ((MethodInvocationTree) inner).getArguments().size() != 1) {
      return Description.NO_MATCH;
    }
    ExpressionTree value = ((MethodInvocationTree) inner).getArguments().get(0);
    if (!Expressions.isTrivial(value, state)
        || !Expressions.isNonNull(value, state)
        || !state.getTypes().isSameType(ASTHelpers.getType(tree), ASTHelpers.getType(inner))) {
      return Description.NO_MATCH;
    }
    String just = state.getSourceForNode(inner);
    return buildDescription(tree)
        .setMessage(
            "Mono.defer(...) only defers "
                + just
                + ", which is the same at every"
                + " subscription and cannot fail; use "
                + just)
        .addFix(SuggestedFix.replace(tree, just))
        .build();
  }

  /**
   * A wrap of a value ({@code completedFuture(v)}, {@code Mono.just(v)}, {@code
   * immediateFuture(v)}) that is all a composing function returns: {@code thenCompose} to {@code
   * thenApply}, {@code flatMap}/{@code concatMap} to {@code map}, {@code transformAsync} to {@code
   * transform}.
   */
  private Description composeOfValue(MethodInvocationTree wrap, VisitorState state) {
    Library.ValueWrap wrapped = AsyncWraps.valueWrap(wrap, state);
    TreePath lambdaPath = Lambdas.lambdaReturning(state.getPath());
    if (wrapped == null || lambdaPath == null) {
      return Description.NO_MATCH;
    }
    LambdaExpressionTree lambda = (LambdaExpressionTree) lambdaPath.getLeaf();
    Tree parent = lambdaPath.getParentPath().getLeaf();
    if (!(parent instanceof MethodInvocationTree) || !Trees.isArgument(lambda, parent)) {
      return Description.NO_MATCH;
    }
    MethodInvocationTree compose = (MethodInvocationTree) parent;
    String plain = AsyncWraps.plainOperator(compose, wrapped, state);
    ExpressionTree value = wrap.getArguments().get(0);
    if (plain == null
        || (wrapped.reportedByErrorProne() != null
            && !isOurs(wrapped.reportedByErrorProne(), lambda, state))) {
      return Description.NO_MATCH;
    }
    String wrapName = Trees.methodName(wrap);
    String composeName = Trees.methodName(compose);
    boolean nullSafe = !wrapped.rejectsNull() || isNonNull(value, lambda, state);
    boolean sameType =
        value.getKind() == Tree.Kind.NULL_LITERAL
            || AsyncTypes.hasValueType(
                ASTHelpers.getType(compose), ASTHelpers.getType(value), state);
    String message =
        wrapName
            + "(...) only wraps the value of this "
            + composeName
            + " function, so the"
            + " composition adds nothing; use "
            + plain
            + "(...), which takes the value itself"
            + (nullSafe
                ? ""
                : " (no fix: map(...) signals a null from '"
                    + Trees.label(value, state)
                    + "'"
                    + " with another error than Mono.just(null) does; make sure it is never null)");
    Description.Builder description = buildDescription(wrap).setMessage(message);
    if (nullSafe && sameType && wrap.getTypeArguments().isEmpty()) {
      SuggestedFix.Builder fix =
          SuggestedFix.builder()
              .merge(SuggestedFixes.renameMethodInvocation(compose, plain, state))
              .replace(wrap, state.getSourceForNode(value));
      Symbol composed = ASTHelpers.getSymbol(compose);
      if (composed != null
          && composed.isStatic()
          && compose.getMethodSelect() instanceof IdentifierTree) {
        Imports.addStaticImport(
            Symbols.qualifiedName(composed.owner, state) + "." + plain, state, fix);
      }
      description.addFix(fix.build());
    }
    return description.build();
  }

  /**
   * Where Error Prone's own check {@code errorProneCheck} (FutureTransformAsync for Guava's
   * transformAsync) reports the same shape with the same fix, the shape is ours only where that
   * check does not run ({@link ErrorProneChecks#isEnabled}), so that each site is reported once;
   * and only where the plain operator's function may throw what the lambda throws (transform's
   * Function no checked exception, which an AsyncFunction may).
   */
  private static boolean isOurs(
      ErrorProneChecks.Check errorProneCheck, LambdaExpressionTree lambda, VisitorState state) {
    return !ErrorProneChecks.isEnabled(errorProneCheck, state)
        && ASTHelpers.getThrownExceptions(lambda.getBody(), state).stream()
            .noneMatch(t -> ASTHelpers.isCheckedExceptionType(t, state));
  }

  /** Never null: provably so, or the operator's own parameter, which Reactor never sets to null. */
  private static boolean isNonNull(
      ExpressionTree value, LambdaExpressionTree lambda, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(value));
    for (VariableTree parameter : lambda.getParameters()) {
      if (symbol != null && symbol.equals(ASTHelpers.getSymbol(parameter))) {
        return true;
      }
    }
    return Expressions.isNonNull(value, state);
  }
}
