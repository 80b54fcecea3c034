package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.libraries.Spring;
import dev.asyncprone.model.fix.FixSources;
import dev.asyncprone.model.fix.Fixes;
import dev.asyncprone.model.javac.Imports;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.observe.Drops;
import dev.asyncprone.model.observe.ErrorProneTwins;
import dev.asyncprone.model.observe.VoidEnds;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.ErrorProneChecks;
import dev.asyncprone.model.support.Guard;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** A void method that starts async work and drops its handle: the Java twin of async void. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A void method starts async work and drops its future, so callers can neither wait for it"
            + " nor see it fail; Spring @Async void likewise",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.CHECKS + "AsyncVoid.md")
public final class AsyncVoid extends BugChecker implements MethodTreeMatcher {
  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          MethodSymbol method = ASTHelpers.getSymbol(tree);
          if (method == null
              || method.isConstructor()
              || tree.getBody() == null
              || !method.getReturnType().hasTag(TypeTag.VOID)
              || isMain(method)) {
            return Description.NO_MATCH;
          }
          if (isSpringAsync(method, state)) {
            Set<Modifier> modifiers = method.getModifiers();
            boolean canChange =
                !modifiers.contains(Modifier.PUBLIC)
                    && !modifiers.contains(Modifier.PROTECTED)
                    && Symbols.superMethods(method, state).isEmpty();
            return springAsync(tree, method, canChange, state);
          }
          List<StatementTree> ends = VoidEnds.of(tree.getBody()).statements();
          // Most void methods end with something else than a call that yields a future: found
          // before any path is built, which takes a walk over the method.
          for (StatementTree end : ends) {
            if (!(end instanceof ExpressionStatementTree statement)
                || !Drops.yieldsAsyncValue(statement.getExpression(), state)) {
              return Description.NO_MATCH;
            }
          }
          TreePath methodPath = state.getPath();
          Drops.Drop first = null;
          TreePath firstPath = null;
          int drops = 0;
          for (StatementTree end : ends) {
            // Every statement the method ends with drops a future: that is what it leaves behind.
            TreePath endPath = TreePath.getPath(methodPath, end);
            if (endPath == null || !(end instanceof ExpressionStatementTree statement)) {
              return Description.NO_MATCH;
            }
            TreePath dropPath = new TreePath(endPath, statement.getExpression());
            Drops.Drop drop = Drops.of(dropPath, state);
            if (drop == null
                || Drops.endOfVoidMethod(drop, state.withPath(dropPath)) != tree
                || reportedElsewhere(dropPath, state)) {
              return Description.NO_MATCH;
            }
            if (first == null) {
              first = drop;
              firstPath = dropPath;
            }
            drops++;
          }
          if (first == null || !Symbols.superMethods(method, state).isEmpty()) {
            return Description.NO_MATCH;
          }
          String name = method.getSimpleName() + "()";
          Description.Builder description =
              buildDescription(tree)
                  .setMessage(
                      String.format(
                          "%s starts async work (%s returns a %s%s) and returns void, dropping it:"
                              + " its callers can neither wait for it nor see it fail, the Java"
                              + " twin of async void. %s",
                          name,
                          Trees.label((ExpressionTree) first.tree(), state),
                          first.kind().simpleName(),
                          drops > 1 ? ", as does the last call of each other branch" : "",
                          FixSources.mayChangeReturnType(tree, state)
                              ? "Return the " + first.kind().simpleName() + " instead."
                              : "Return the "
                                  + first.kind().simpleName()
                                  + " instead; that changes"
                                  + " a signature that others see, implement or call by annotation,"
                                  + " so no fix is suggested."));
          SuggestedFix fix = Fixes.returnDroppedAtEnd(first, state.withPath(firstPath));
          if (fix != null) {
            description.addFix(fix);
          }
          return description.build();
        });
  }

  /**
   * True if another check already reports the drop at {@code path}, for the same mistake:
   * UnobservedFuture, where it runs and is not suppressed; or an Error Prone check that reports the
   * dropped result ({@link ErrorProneTwins}). One finding per mistake.
   */
  private static boolean reportedElsewhere(TreePath path, VisitorState state) {
    return ErrorProneChecks.reportsAt(Drops.UNOBSERVED_FUTURE, path, state)
        || ErrorProneTwins.reporting(path, state) != null;
  }

  private Description springAsync(
      MethodTree tree, MethodSymbol method, boolean canChange, VisitorState state) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      return Description.NO_MATCH;
    }
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                String.format(
                    "%s() is @Async and returns void: Spring runs it on another thread, and its"
                        + " callers can neither wait for it nor see it fail (an exception goes only"
                        + " to the AsyncUncaughtExceptionHandler, which logs it by default), the"
                        + " Java twin of async void. Return CompletableFuture<Void> instead%s.",
                    method.getSimpleName(),
                    canChange
                        ? ""
                        : "; that changes a signature others see or implement, so no fix is"
                            + " suggested"));
    if (canChange) {
      SuggestedFix.Builder fix = SuggestedFix.builder();
      String future = Imports.qualify(state, fix, AsyncKind.COMPLETABLE_FUTURE.className());
      String done = "return " + future + ".completedFuture(null);";
      fix.replace(tree.getReturnType(), future + "<Void>");
      for (ReturnTree ret : Lambdas.ownReturns(tree.getBody())) {
        fix.replace(ret, done);
      }
      List<? extends StatementTree> statements = tree.getBody().getStatements();
      if (statements.isEmpty()) {
        fix.replace(tree.getBody(), "{ " + done + " }");
      } else if (Reachability.canCompleteNormally(tree.getBody())) {
        fix.postfixWith(statements.get(statements.size() - 1), "\n" + done);
      }
      description.addFix(fix.build());
    }
    return description.build();
  }

  /** Spring's {@code @Async} on the method, or on its class (which makes every method async). */
  private static boolean isSpringAsync(MethodSymbol method, VisitorState state) {
    return Annotations.has(method, Spring.ASYNC, state)
        || Annotations.has(method.owner, Spring.ASYNC, state);
  }

  private static boolean isMain(MethodSymbol method) {
    return method.isStatic() && method.getSimpleName().contentEquals("main");
  }
}
