package dev.asyncprone.model.oneshot;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.oneshot.OneShotValues.How;
import dev.asyncprone.model.oneshot.OneShotValues.Origin;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.ForwardTransferFunction;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.AbstractNodeVisitor;
import org.checkerframework.errorprone.dataflow.cfg.node.ArrayAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FunctionalInterfaceNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ReturnNode;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;
import org.jspecify.annotations.Nullable;

/**
 * Where a local holding a value that may be consumed only once ({@link OneShotValues}) is consumed
 * again, found on the control-flow graph of its method with Error Prone's dataflow framework, so
 * that "on one path" is real: the two arms of an if, two switch cases, a try and the catch that
 * runs when its consuming call threw are separate paths; a consumption in a loop of a value made
 * before the loop meets itself on the next iteration.
 *
 * <p>A forward analysis maps each tracked local to the consumptions that may have happened on some
 * path to the current point (join: union). Assigning a local starts it afresh. A lambda or method
 * reference counts, where it is created, as the consumptions its body makes of the locals it
 * captures; each lambda body is analysed on its own graph as well.
 *
 * <p>A method is analysed once, when the check's matchers reach the first declaration or assignment
 * that gives one of its locals a one-shot value ({@link #noteVariable}); its violations are kept
 * for the compilation unit, so that asking about a tree is a lookup. Most methods have no such
 * local and are never walked a second time. A first pass over a method's trees decides whether a
 * graph is needed at all: only where a tracked local is used twice, or inside a loop or lambda that
 * its declaration is not in. Graphs are built from the path of the body, so the cost grows with the
 * size of the method, times the number of its tracked locals (at most {@code 128}).
 */
public final class OneShotFlow {
  /** What is wrong with a use. */
  public enum Kind {
    /** Consumed again after an earlier consumption on the same path. */
    AGAIN,
    /** Consumed on every iteration of a loop, the value made before the loop. */
    LOOP,
    /** Consumed in a lambda that may run many times, the value made outside it. */
    REPEATED,
    /** Returned or stored after it was consumed. */
    ESCAPED
  }

  /**
   * A use of a one-shot value that breaks its contract.
   *
   * @param use the offending use
   * @param origin why the value may be consumed only once
   * @param kind what is wrong
   * @param earlier the consumptions that may precede it on some path, first in the source first
   * @param repeatedBy for {@link Kind#REPEATED}, the method that runs the lambda many times
   * @param declaration the declaration of the local, for fixes; null if not found
   * @param first true for the first violation of this local in the source: fixes go there only
   */
  public record Violation(
      Use use,
      Origin origin,
      Kind kind,
      List<Use> earlier,
      @Nullable String repeatedBy,
      @Nullable VariableTree declaration,
      boolean first) {
    public VarSymbol variable() {
      return use.variable();
    }
  }

  private @Nullable CompilationUnitTree unit;
  private final Set<Tree> analyzed = new HashSet<>();
  private final Map<Tree, Violation> violations = new HashMap<>();

  /**
   * Notes the variable declared at {@code state}'s path; call it from a variable matcher. The first
   * time a local or parameter of a method may hold a one-shot value, the method is analysed (Error
   * Prone matches a declaration before the code that uses it), and {@link #at} then finds its
   * violations. Methods without such a local are never walked again.
   */
  public void noteVariable(VariableTree tree, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (!Variables.isLocal(symbol)) {
      return;
    }
    VarSymbol variable = (VarSymbol) symbol;
    if (OneShotValues.ofDeclaration(variable, tree, state) != null) {
      analyzeEnclosingMethod(state);
    }
  }

  /**
   * Notes the assignment at {@code state}'s path, as {@link #noteVariable} does declarations. A
   * local that only gets a one-shot value by assignment is analysed from there on: a use earlier in
   * the source (in a loop, before the assignment) is not reported.
   */
  public void noteAssignment(AssignmentTree tree, VisitorState state) {
    VarSymbol variable = OneShotValues.local(tree.getVariable());
    if (variable != null && OneShotValues.ofValue(variable, tree.getExpression(), state) != null) {
      analyzeEnclosingMethod(state);
    }
  }

  /** The violation at {@code site}, found when its method was analysed, or null. */
  public @Nullable Violation at(Tree site) {
    return violations.isEmpty() ? null : violations.get(site);
  }

  private void analyzeEnclosingMethod(VisitorState state) {
    TreePath methodPath = enclosingMethod(state.getPath());
    if (methodPath == null) {
      return;
    }
    CompilationUnitTree current = methodPath.getCompilationUnit();
    if (current != unit) {
      analyzed.clear();
      violations.clear();
      unit = current;
    }
    if (analyzed.add(methodPath.getLeaf())) {
      violations.putAll(analyze(methodPath, state));
    }
  }

  private static @Nullable TreePath enclosingMethod(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static Map<Tree, Violation> analyze(TreePath methodPath, VisitorState state) {
    MethodTree method = (MethodTree) methodPath.getLeaf();
    if (method.getBody() == null) {
      return Map.of();
    }
    Prescan prescan = new Prescan(state);
    prescan.scan(methodPath, null);
    if (!prescan.mayBreakContract()) {
      return Map.of();
    }
    ClassTree classTree = ASTHelpers.findEnclosingNode(methodPath, ClassTree.class);
    Results results = new Results();
    new Graph(prescan, results, state, classTree, method)
        .run(
            new TreePath(methodPath, method.getBody()),
            new UnderlyingAST.CFGMethod(method, classTree),
            Map.of());
    return results.bySite(prescan);
  }

  /** Builds and analyses the graphs of a method and of the lambdas in it. */
  private static final class Graph {
    private final Prescan prescan;
    private final Results results;
    private final VisitorState state;
    private final @Nullable ClassTree classTree;
    private final MethodTree method;

    Graph(
        Prescan prescan,
        Results results,
        VisitorState state,
        @Nullable ClassTree classTree,
        MethodTree method) {
      this.prescan = prescan;
      this.results = results;
      this.state = state;
      this.classTree = classTree;
      this.method = method;
    }

    /**
     * Analyses the code at {@code bodyPath}. The graph is built from the path, not from the
     * compilation unit, which would make the framework search the whole file for it each time.
     */
    void run(TreePath bodyPath, UnderlyingAST ast, Map<VarSymbol, VarState> captured) {
      ControlFlowGraph cfg;
      try {
        cfg =
            CFGBuilder.build(
                bodyPath, ast, false, false, JavacProcessingEnvironment.instance(state.context));
      } catch (RuntimeException | AssertionError | LinkageError unsupported) {
        // Code the dataflow framework cannot build a graph for: say nothing about this method.
        return;
      }
      Transfer transfer = new Transfer(prescan, results, captured, state);
      new ForwardAnalysisImpl<UnusedAbstractValue, FlowStore, Transfer>(transfer)
          .performAnalysis(cfg);
      for (LambdaExpressionTree lambda : cfg.getDeclaredLambdas()) {
        FlowStore entry = transfer.lambdaEntries.get(lambda);
        TreePath lambdaPath = prescan.lambdaPaths.get(lambda);
        if (entry == null || lambdaPath == null) {
          continue; // never reached
        }
        Map<VarSymbol, VarState> inner = entry.unconsumed();
        Set<VarSymbol> used = new HashSet<>();
        prescan.capturedBy(lambda).forEach(use -> used.add(use.variable()));
        inner.keySet().retainAll(used);
        if (!inner.isEmpty() || prescan.declaringLambdas.contains(lambda)) {
          run(
              new TreePath(lambdaPath, lambda.getBody()),
              new UnderlyingAST.CFGLambda(lambda, classTree, method),
              inner);
        }
      }
    }
  }

  /**
   * One pass over the method before any graph is built: which assignments and parameters give a
   * local a one-shot value, which lambdas may run many times, where locals are declared.
   */
  private static final class Prescan extends TreePathScanner<Void, Void> {
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

    Prescan(VisitorState state) {
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

  /** The violations each node shows with the store that reaches it once the analysis is done. */
  private static final class Results {
    private final Map<Node, List<Violation>> byNode = new IdentityHashMap<>();

    void put(Node node, List<Violation> found) {
      if (found.isEmpty()) {
        byNode.remove(node);
      } else {
        byNode.put(node, found);
      }
    }

    /** One violation a site: the most telling, with the earlier uses of all merged. */
    Map<Tree, Violation> bySite(Prescan prescan) {
      Map<Tree, Violation> bySite = new IdentityHashMap<>();
      for (List<Violation> found : byNode.values()) {
        for (Violation v : found) {
          Violation classified = v.kind() == Kind.AGAIN && inLoop(v) ? withKind(v, Kind.LOOP) : v;
          bySite.merge(classified.use().site(), classified, Results::merge);
        }
      }
      Map<VarSymbol, Tree> firstSites = new HashMap<>();
      for (Violation v : bySite.values()) {
        firstSites.merge(
            v.variable(),
            v.use().site(),
            (a, b) -> ASTHelpers.getStartPosition(a) <= ASTHelpers.getStartPosition(b) ? a : b);
      }
      Map<Tree, Violation> result = new IdentityHashMap<>();
      for (Violation v : bySite.values()) {
        result.put(
            v.use().site(),
            new Violation(
                v.use(),
                v.origin(),
                v.kind(),
                sorted(v.earlier()),
                v.repeatedBy(),
                prescan.declarations.get(v.variable()),
                firstSites.get(v.variable()) == v.use().site()));
      }
      return result;
    }

    /** A use that an earlier use at or after it in the source precedes came round a loop. */
    private static boolean inLoop(Violation v) {
      int position = ASTHelpers.getStartPosition(v.use().site());
      for (Use earlier : v.earlier()) {
        if (earlier.site() == v.use().site()
            || ASTHelpers.getStartPosition(earlier.site()) > position) {
          return true;
        }
      }
      return false;
    }

    private static Violation merge(Violation a, Violation b) {
      Violation kept = rank(a.kind()) >= rank(b.kind()) ? a : b;
      Set<Use> earlier = new LinkedHashSet<>(a.earlier());
      earlier.addAll(b.earlier());
      return new Violation(
          kept.use(),
          kept.origin(),
          kept.kind(),
          new ArrayList<>(earlier),
          kept.repeatedBy(),
          kept.declaration(),
          false);
    }

    /** The more telling kind wins where a site shows two. */
    private static int rank(Kind kind) {
      switch (kind) {
        case REPEATED:
          return 3;
        case LOOP:
          return 2;
        case AGAIN:
          return 1;
        default:
          return 0;
      }
    }

    private static Violation withKind(Violation v, Kind kind) {
      return new Violation(
          v.use(), v.origin(), kind, v.earlier(), v.repeatedBy(), v.declaration(), v.first());
    }

    private static List<Use> sorted(List<Use> uses) {
      List<Use> sorted = new ArrayList<>(uses);
      sorted.sort(Comparator.comparingInt(u -> ASTHelpers.getStartPosition(u.site())));
      return sorted;
    }
  }

  /** What is known of one tracked local: why it is one-shot, and the uses that consumed it. */
  private record VarState(Origin origin, ImmutableSet<Use> consumed) {
    VarState join(VarState other) {
      if (this == other || consumed.containsAll(other.consumed)) {
        return this;
      }
      return new VarState(
          origin, ImmutableSet.<Use>builder().addAll(consumed).addAll(other.consumed).build());
    }

    VarState plus(Use use) {
      return new VarState(origin, ImmutableSet.<Use>builder().addAll(consumed).add(use).build());
    }
  }

  /** The dataflow store: tracked locals and what may have consumed each. Immutable. */
  private static final class FlowStore implements Store<FlowStore> {
    private final ImmutableMap<VarSymbol, VarState> vars;

    FlowStore(Map<VarSymbol, VarState> vars) {
      this.vars = ImmutableMap.copyOf(vars); // no copy if it is one already
    }

    @Nullable VarState get(@Nullable VarSymbol variable) {
      return variable == null ? null : vars.get(variable);
    }

    boolean isEmpty() {
      return vars.isEmpty();
    }

    FlowStore with(VarSymbol variable, VarState value) {
      if (value.equals(vars.get(variable))) {
        return this;
      }
      return new FlowStore(
          ImmutableMap.<VarSymbol, VarState>builderWithExpectedSize(vars.size() + 1)
              .putAll(vars)
              .put(variable, value)
              .buildKeepingLast());
    }

    FlowStore without(VarSymbol variable) {
      if (!vars.containsKey(variable)) {
        return this;
      }
      Map<VarSymbol, VarState> copy = new LinkedHashMap<>(vars);
      copy.remove(variable);
      return new FlowStore(copy);
    }

    /** The same locals, none consumed yet: what a lambda body starts with. */
    Map<VarSymbol, VarState> unconsumed() {
      Map<VarSymbol, VarState> fresh = new LinkedHashMap<>();
      vars.forEach((k, v) -> fresh.put(k, new VarState(v.origin(), ImmutableSet.of())));
      return fresh;
    }

    @Override
    public FlowStore copy() {
      return this;
    }

    @Override
    public FlowStore leastUpperBound(FlowStore other) {
      if (this == other || other.vars.isEmpty()) {
        return this;
      }
      Map<VarSymbol, VarState> joined = null;
      for (Map.Entry<VarSymbol, VarState> entry : other.vars.entrySet()) {
        VarState mine = vars.get(entry.getKey());
        VarState both = mine == null ? entry.getValue() : mine.join(entry.getValue());
        if (both != mine) {
          if (joined == null) {
            joined = new LinkedHashMap<>(vars);
          }
          joined.put(entry.getKey(), both);
        }
      }
      return joined == null ? this : new FlowStore(joined);
    }

    @Override
    public FlowStore widenedUpperBound(FlowStore previous) {
      return leastUpperBound(previous);
    }

    @Override
    public boolean canAlias(JavaExpression a, JavaExpression b) {
      return true;
    }

    @Override
    public String visualize(CFGVisualizer<?, FlowStore, ?> visualizer) {
      return toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof FlowStore && ((FlowStore) o).vars.equals(vars);
    }

    @Override
    public int hashCode() {
      return vars.hashCode();
    }

    @Override
    public String toString() {
      return vars.toString();
    }
  }

  /**
   * The transfer function: consumption, escape and assignment, node by node. (The framework calls
   * lambdas and method references alike "member references".)
   */
  private static final class Transfer
      extends AbstractNodeVisitor<
          TransferResult<UnusedAbstractValue, FlowStore>,
          TransferInput<UnusedAbstractValue, FlowStore>>
      implements ForwardTransferFunction<UnusedAbstractValue, FlowStore> {
    private final Prescan prescan;
    private final Results results;
    private final Map<VarSymbol, VarState> captured;
    private final VisitorState state;
    final Map<Tree, FlowStore> lambdaEntries = new IdentityHashMap<>();

    Transfer(
        Prescan prescan, Results results, Map<VarSymbol, VarState> captured, VisitorState state) {
      this.prescan = prescan;
      this.results = results;
      this.captured = captured;
      this.state = state;
    }

    @Override
    public FlowStore initialStore(UnderlyingAST ast, List<LocalVariableNode> parameters) {
      Map<VarSymbol, VarState> vars = new LinkedHashMap<>(captured);
      for (LocalVariableNode parameter : parameters) {
        VariableTree declaration = prescan.declarations.get((VarSymbol) parameter.getElement());
        Origin origin = declaration == null ? null : prescan.tracked.get(declaration);
        if (origin != null) {
          vars.put((VarSymbol) parameter.getElement(), new VarState(origin, ImmutableSet.of()));
        }
      }
      return new FlowStore(vars);
    }

    @Override
    public TransferResult<UnusedAbstractValue, FlowStore> visitNode(
        Node node, TransferInput<UnusedAbstractValue, FlowStore> input) {
      return new RegularTransferResult<>(null, input.getRegularStore());
    }

    @Override
    public TransferResult<UnusedAbstractValue, FlowStore> visitAssignment(
        AssignmentNode node, TransferInput<UnusedAbstractValue, FlowStore> input) {
      FlowStore store = input.getRegularStore();
      List<Violation> found = new ArrayList<>();
      Node target = node.getTarget();
      if (target instanceof LocalVariableNode) {
        VarSymbol variable = (VarSymbol) ((LocalVariableNode) target).getElement();
        Origin origin = prescan.tracked.get(node.getTree());
        store =
            origin != null
                ? store.with(variable, new VarState(origin, ImmutableSet.of()))
                : store.without(variable);
      } else if ((target instanceof FieldAccessNode || target instanceof ArrayAccessNode)
          && node.getTree() instanceof AssignmentTree) {
        escape(store, ((AssignmentTree) node.getTree()).getExpression(), How.FIELD, null, found);
      }
      return result(node, found, store);
    }

    @Override
    public TransferResult<UnusedAbstractValue, FlowStore> visitMethodInvocation(
        MethodInvocationNode node, TransferInput<UnusedAbstractValue, FlowStore> input) {
      FlowStore store = input.getRegularStore();
      List<Violation> found = new ArrayList<>();
      if (!store.isEmpty()) {
        MethodInvocationTree call = node.getTree();
        if (node.getIterableExpression() == null) { // not the next() of a for-each loop
          Use iteration = prescan.iterationBy(call);
          for (Use use : iteration != null ? List.of(iteration) : prescan.usesIn(call)) {
            store = consume(store, use, found);
          }
          if (storesInCollection(call)) {
            for (ExpressionTree argument : call.getArguments()) {
              escape(store, argument, How.COLLECTION, call, found);
            }
          }
        }
      }
      return result(node, found, store);
    }

    @Override
    public TransferResult<UnusedAbstractValue, FlowStore> visitObjectCreation(
        ObjectCreationNode node, TransferInput<UnusedAbstractValue, FlowStore> input) {
      FlowStore store = input.getRegularStore();
      List<Violation> found = new ArrayList<>();
      if (!store.isEmpty()) {
        for (Use use : prescan.usesIn(node.getTree())) {
          store = consume(store, use, found);
        }
      }
      return result(node, found, store);
    }

    @Override
    public TransferResult<UnusedAbstractValue, FlowStore> visitReturn(
        ReturnNode node, TransferInput<UnusedAbstractValue, FlowStore> input) {
      FlowStore store = input.getRegularStore();
      List<Violation> found = new ArrayList<>();
      ReturnTree tree = node.getTree();
      if (tree != null && tree.getExpression() != null) {
        escape(store, tree.getExpression(), How.RETURN, null, found);
      }
      return result(node, found, store);
    }

    @Override
    public TransferResult<UnusedAbstractValue, FlowStore> visitMemberReference(
        FunctionalInterfaceNode node, TransferInput<UnusedAbstractValue, FlowStore> input) {
      FlowStore before = input.getRegularStore();
      Tree functional = node.getTree();
      if (functional instanceof LambdaExpressionTree) {
        lambdaEntries.merge(functional, before, FlowStore::leastUpperBound);
      }
      List<Violation> found = new ArrayList<>();
      FlowStore after = before;
      if (!before.isEmpty()) {
        String repeated = prescan.repeatedBy.get(functional);
        // The body's uses count as one step here: whether they exclude each other is the
        // business of the body's own analysis.
        for (Use use : prescan.capturedBy(functional)) {
          VarState held = before.get(use.variable());
          if (held == null) {
            continue;
          }
          if (repeated != null || !held.consumed().isEmpty()) {
            found.add(
                violation(use, held, repeated == null ? Kind.AGAIN : Kind.REPEATED, repeated));
          }
          after = after.with(use.variable(), after.get(use.variable()).plus(use));
        }
      }
      return result(node, found, after);
    }

    /** The store after {@code node}, and the violations it shows with the store before it. */
    private TransferResult<UnusedAbstractValue, FlowStore> result(
        Node node, List<Violation> found, FlowStore after) {
      results.put(node, found);
      return new RegularTransferResult<>(null, after);
    }

    private FlowStore consume(FlowStore store, Use use, List<Violation> found) {
      VarState state = store.get(use.variable());
      if (state == null) {
        return store;
      }
      if (!state.consumed().isEmpty()) {
        found.add(violation(use, state, Kind.AGAIN, null));
      }
      return store.with(use.variable(), state.plus(use));
    }

    private static void escape(
        FlowStore store,
        ExpressionTree value,
        How how,
        @Nullable Tree context,
        List<Violation> found) {
      VarSymbol variable = OneShotValues.local(value);
      VarState state = store.get(variable);
      if (variable != null && state != null && !state.consumed().isEmpty()) {
        Use use = new Use(variable, OneShotValues.strip(value), how, context);
        found.add(violation(use, state, Kind.ESCAPED, null));
      }
    }

    private static Violation violation(
        Use use, VarState state, Kind kind, @Nullable String repeatedBy) {
      return new Violation(
          use, state.origin(), kind, new ArrayList<>(state.consumed()), repeatedBy, null, false);
    }

    /** {@code pending.add(m)}, {@code byId.put(id, m)}: a call that keeps its argument. */
    private boolean storesInCollection(MethodInvocationTree call) {
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method == null || method.isStatic()) {
        return false;
      }
      String name = Symbols.name(method, state);
      boolean keeps =
          name.startsWith("add")
              || name.startsWith("offer")
              || name.startsWith("put")
              || name.equals("push")
              || name.equals("set");
      return keeps
          && (AsyncTypes.isOwnedBy(method, "java.util.Collection", state)
              || AsyncTypes.isOwnedBy(method, "java.util.Map", state));
    }
  }
}
