package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.fix.OneShotFixes;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.oneshot.OneShotFlow;
import dev.asyncprone.model.oneshot.OneShotFlow.Violation;
import dev.asyncprone.model.oneshot.OneShotValues;
import dev.asyncprone.model.oneshot.OneShotValues.How;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.PerUnitCache;

/**
 * A value that may be consumed only once (an {@code @AwaitOnce} result or type, a stream) held in a
 * local and consumed twice on one path, on every turn of a loop or every run of a lambda, or
 * returned or stored after it was consumed. The paths come from the method's control-flow graph
 * ({@link OneShotFlow}), so consumptions that exclude each other are left alone. The first
 * declaration or assignment of a method that may hold a one-shot value starts the analysis of the
 * method, once, which reports each violation with {@code reportMatch}, as Error Prone's {@code
 * GuardedByChecker} does.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A value that may be consumed only once (an @AwaitOnce result or type, a Stream) is"
            + " consumed twice on one path, in a loop or a repeated lambda, or returned or stored"
            + " after it was consumed",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "AwaitOnceViolation.md")
public final class AwaitOnceViolation extends BugChecker
    implements VariableTreeMatcher, AssignmentTreeMatcher {

  /** The methods of the file whose analysis has run, each once. */
  private static final PerUnitCache<Tree, Boolean> ANALYSED = new PerUnitCache<>();

  /**
   * Reads a method in the order Error Prone would visit its trees, and reports each violation where
   * it is, once the first local that may hold a one-shot value is found in it (most methods have
   * none, and Error Prone visits every declaration anyway); the analysis lives as long as this
   * match. Local and anonymous classes are left to their own methods, as Error Prone matches them.
   */
  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          Symbol symbol = ASTHelpers.getSymbol(tree);
          if (Variables.isLocal(symbol)
              && OneShotValues.ofDeclaration((VarSymbol) symbol, tree, state) != null) {
            analyzeEnclosingMethod(state);
          }
          return Description.NO_MATCH;
        });
  }

  @Override
  public Description matchAssignment(AssignmentTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          VarSymbol variable = OneShotValues.local(tree.getVariable());
          if (variable != null
              && OneShotValues.ofValue(variable, tree.getExpression(), state) != null) {
            analyzeEnclosingMethod(state);
          }
          return Description.NO_MATCH;
        });
  }

  private void analyzeEnclosingMethod(VisitorState state) {
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      if (path.getLeaf() instanceof ClassTree) {
        return; // a field's initializer, or a lambda in one: no method's code
      }
      if (path.getLeaf() instanceof MethodTree method) {
        if (method.getBody() != null) {
          TreePath methodPath = path;
          ANALYSED.get(
              method,
              state,
              m -> {
                new Sites(state).scan(methodPath, null);
                return true;
              });
        }
        return;
      }
    }
  }

  /** The method's trees, pre-order: declarations and assignments noted, uses looked up. */
  private final class Sites extends TreePathScanner<Void, Void> {
    private final OneShotFlow flow = new OneShotFlow();
    private final VisitorState state;

    Sites(VisitorState state) {
      this.state = state;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      if (isSuppressed(node, state)) {
        return null; // as Error Prone skips a suppressed declaration, initializer included
      }
      flow.noteVariable(node, state.withPath(getCurrentPath()));
      return super.visitVariable(node, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
      flow.noteAssignment(node, state.withPath(getCurrentPath()));
      return super.visitAssignment(node, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      report(node);
      return super.visitMethodInvocation(node, unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      report(node);
      return super.visitIdentifier(node, unused);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
      report(node);
      return super.visitMemberReference(node, unused);
    }

    private void report(Tree site) {
      Violation violation = flow.at(site);
      if (violation != null) {
        state.reportMatch(describe(site, violation, state.withPath(getCurrentPath())));
      }
    }
  }

  private Description describe(Tree site, Violation violation, VisitorState state) {
    Description.Builder description = buildDescription(site).setMessage(message(violation, state));
    SuggestedFix fix = violation.first() ? OneShotFixes.consumeOnce(violation, state) : null;
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static String message(Violation v, VisitorState state) {
    String value = v.origin().subject(v.variable(), state);
    Use use = v.use();
    String earlier = v.earlier().isEmpty() ? "an earlier use" : v.earlier().get(0).describe(state);
    String what;
    switch (v.kind()) {
      case LOOP:
        what =
            value
                + " is consumed by "
                + use.describe(state)
                + " on every iteration of a loop,"
                + " but it holds one value, made before the loop";
        break;
      case REPEATED:
        what =
            value
                + " is consumed by "
                + use.describe(state)
                + " in a lambda that "
                + v.repeatedBy()
                + "(...) may run many times, but it holds one value, made"
                + " outside the lambda";
        break;
      case ESCAPED:
        what =
            value
                + " is "
                + escaped(use)
                + " at line "
                + use.line(state)
                + " after it was"
                + " consumed by "
                + earlier
                + (use.how() == How.RETURN
                    ? ": the caller gets a value that was already consumed"
                    : ": whoever takes it from there consumes it again");
        break;
      default:
        what =
            value
                + " is consumed twice on one path: by "
                + earlier
                + ", then by "
                + use.describe(state);
    }
    return what + ". " + v.origin().why(state) + " " + v.origin().advice(state);
  }

  private static String escaped(Use use) {
    switch (use.how()) {
      case RETURN:
        return "returned";
      case FIELD:
        return "stored in a field";
      default:
        return "added to a collection by " + Trees.methodName(use.context()) + "(...)";
    }
  }
}
