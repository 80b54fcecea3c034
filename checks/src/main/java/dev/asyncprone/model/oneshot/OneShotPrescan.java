package dev.asyncprone.model.oneshot;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.oneshot.OneShotValues.Origin;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One pass over the method before any graph is built: which assignments and parameters give a local
 * a one-shot value, which lambdas may run many times, where locals are declared.
 */
final class OneShotPrescan extends TreePathScanner<Void, Void> {
  // Trees compare by identity: plain hash maps, which allocate nothing until used (one Prescan
  // runs per method of the code).
  static final int MAX_TRACKED_LOCALS = 128;
  final VisitorState state;
  final Map<Tree, Origin> tracked = new HashMap<>();
  final Map<VarSymbol, VariableTree> declarations = new HashMap<>();
  final Map<Tree, String> repeatedBy = new HashMap<>();
  final Map<Tree, TreePath> lambdaPaths = new HashMap<>();
  final Set<Tree> declaringLambdas = new HashSet<>();
  final Map<Tree, List<Use>> uses = new HashMap<>();
  final Map<Tree, List<Use>> captured = new HashMap<>();
  private final Map<Tree, EnhancedForLoopTree> loops = new HashMap<>();
  private final Deque<Tree> lambdas = new ArrayDeque<>();

  /** Loops and lambdas around the current tree: code that may run more than once. */
  private int depth;

  private final Set<VarSymbol> trackedLocals = new HashSet<>();
  private final Map<VarSymbol, Integer> depthAtDeclaration = new HashMap<>();
  private final Map<VarSymbol, Integer> useCounts = new HashMap<>();
  private final Set<VarSymbol> usedDeeper = new HashSet<>();

  OneShotPrescan(VisitorState state) {
    this.state = state;
  }

  /**
   * False if no graph is needed: no tracked local is used twice, or once from inside a loop or
   * lambda that its declaration is not in. Most methods with a stream local end here. Also false
   * for a method with more than {@link #MAX_TRACKED_LOCALS} such locals.
   */
  boolean mayBreakContract() {
    int needy = 0;
    for (VarSymbol variable : trackedLocals) {
      if (useCounts.getOrDefault(variable, 0) > 1 || usedDeeper.contains(variable)) {
        needy++;
      }
    }
    // The analysis costs the method's size times its tracked locals: past a few hundred of
    // them (generated code), say nothing rather than slow the build down.
    return needy > 0 && needy <= MAX_TRACKED_LOCALS;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    return null; // its methods are analysed on their own
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (Variables.isLocal(symbol)) {
      useCounts.merge((VarSymbol) symbol, 1, Integer::sum);
      if (depth > depthAtDeclaration.getOrDefault(symbol, 0)) {
        usedDeeper.add((VarSymbol) symbol);
      }
    }
    return null;
  }

  @Override
  public Void visitForLoop(ForLoopTree tree, Void unused) {
    return nested(() -> super.visitForLoop(tree, unused));
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
    return nested(() -> super.visitWhileLoop(tree, unused));
  }

  @Override
  public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
    return nested(() -> super.visitDoWhileLoop(tree, unused));
  }

  private Void nested(Runnable scan) {
    depth++;
    scan.run();
    depth--;
    return null;
  }

  @Override
  public Void visitVariable(VariableTree tree, Void unused) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (Variables.isLocal(symbol)) {
      VarSymbol variable = (VarSymbol) symbol;
      declarations.put(variable, tree);
      depthAtDeclaration.put(variable, depth);
      Origin origin = OneShotValues.ofDeclaration(variable, tree, state);
      if (origin != null) {
        tracked.put(tree, origin);
        trackedLocals.add(variable);
        declaringLambdas.addAll(lambdas);
      }
    }
    return super.visitVariable(tree, unused);
  }

  @Override
  public Void visitAssignment(AssignmentTree tree, Void unused) {
    VarSymbol variable = OneShotValues.local(tree.getVariable());
    if (variable != null) {
      Origin origin = OneShotValues.ofValue(variable, tree.getExpression(), state);
      if (origin != null) {
        tracked.put(tree, origin);
        trackedLocals.add(variable);
      }
      return scan(tree.getExpression(), unused); // assigning is not a use
    }
    return super.visitAssignment(tree, unused);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    noteRepeated(tree);
    lambdaPaths.put(tree, getCurrentPath());
    lambdas.push(tree);
    nested(() -> super.visitLambdaExpression(tree, unused));
    lambdas.pop();
    return null;
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    noteRepeated(tree);
    return super.visitMemberReference(tree, unused);
  }

  private void noteRepeated(Tree functional) {
    String method = OneShotValues.repeatedBy(getCurrentPath(), state);
    if (method != null) {
      repeatedBy.put(functional, method);
    }
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
    loops.put(tree.getExpression(), tree);
    return nested(() -> super.visitEnhancedForLoop(tree, unused));
  }

  /**
   * The use a for-each loop makes of the local it iterates, if {@code call} is the {@code
   * iterator()} call the dataflow framework puts in for that loop.
   */
  @Nullable Use iterationBy(MethodInvocationTree call) {
    EnhancedForLoopTree loop = loops.get(Trees.receiver(call));
    return loop == null || !Trees.methodName(call).equals("iterator")
        ? null
        : OneShotValues.useIn(loop, state);
  }

  List<Use> usesIn(Tree invocation) {
    return uses.computeIfAbsent(invocation, t -> OneShotValues.usesIn(t, state));
  }

  /** The consuming uses a lambda's body (or a method reference) makes, of any local. */
  List<Use> capturedBy(Tree functional) {
    List<Use> found = captured.get(functional);
    if (found != null) {
      return found;
    }
    List<Use> all = new ArrayList<>();
    if (functional instanceof MemberReferenceTree) {
      addIfAny(all, OneShotValues.useIn((MemberReferenceTree) functional, state));
    } else if (functional instanceof LambdaExpressionTree) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
          all.addAll(usesIn(tree));
          return super.visitMethodInvocation(tree, unused);
        }

        @Override
        public Void visitNewClass(NewClassTree tree, Void unused) {
          all.addAll(usesIn(tree));
          return super.visitNewClass(tree, unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
          addIfAny(all, OneShotValues.useIn(tree, state));
          return super.visitMemberReference(tree, unused);
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
          addIfAny(all, OneShotValues.useIn(tree, state));
          return super.visitEnhancedForLoop(tree, unused);
        }
      }.scan(((LambdaExpressionTree) functional).getBody(), null);
    }
    captured.put(functional, all);
    return all;
  }

  private static void addIfAny(List<Use> uses, @Nullable Use use) {
    if (use != null) {
      uses.add(use);
    }
  }
}
