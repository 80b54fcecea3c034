package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * One forward analysis of a method, run on the method's control-flow graph (Error Prone's dataflow
 * framework) once, and kept for the compilation unit, so that asking what holds before a tree is a
 * lookup. Each lambda has a graph of its own; it is analysed only when a question is asked inside
 * it (or, for {@link #analyzeAll}, when the analysis wants it), starting from what the analysis
 * makes of the store where the lambda is created.
 *
 * <p>The code a flow runs on is a method (also of an anonymous or local class), or a lambda in a
 * field initializer. Code the framework cannot build a graph for has no stores: every question
 * about it is answered with null, and the analyses then claim nothing.
 */
public final class Flow<S extends Store<S>> {
  /** What an analysis contributes to a flow. */
  public interface Analysis<S extends Store<S>> {
    /** What holds where the method (or a lambda outside any method) starts. */
    S entry(TreePath code);

    /**
     * What holds where the body of the lambda at {@code lambda} starts, given what holds where it
     * is created; null to leave the lambda unanalysed.
     */
    @Nullable S lambdaEntry(S atCreation, TreePath lambda);

    /**
     * A transfer function for the graph of the method or lambda at {@code code}, that keeps each
     * node's input store in {@code recorded}.
     */
    RecordingTransfer<S> transfer(TreePath code, S entry, Map<Node, S> recorded);
  }

  /**
   * The graph of each method and lambda of the file, built once for every analysis that runs on it
   * (the done facts, the locks held, the one-shot values): building a graph costs more than most
   * analyses run on it. Empty where the framework could not build one.
   */
  private static final ContextLocal<PerUnitCache<Tree, Optional<ControlFlowGraph>>> BUILT =
      new ContextLocal<>();

  private final Analysis<S> analysis;
  private final VisitorState state;
  private final @Nullable ClassTree classTree;
  private final @Nullable MethodTree method;
  private final Map<Node, S> recorded = new IdentityHashMap<>();

  /** The nodes of each graph by the tree they stand for (the framework's own map keeps one). */
  private final Map<ControlFlowGraph, Map<Tree, List<Node>>> nodesByTree = new IdentityHashMap<>();

  /** Each analysed graph by the method or lambda it is of; null where none could be built. */
  private final Map<Tree, @Nullable ControlFlowGraph> graphs = new IdentityHashMap<>();

  private Flow(
      Analysis<S> analysis,
      VisitorState state,
      @Nullable ClassTree classTree,
      @Nullable MethodTree method) {
    this.analysis = analysis;
    this.state = state;
    this.classTree = classTree;
    this.method = method;
  }

  /**
   * What {@code analysis} knows before the tree at {@code path}: its flow is found in {@code cache}
   * or run now. Null where no graph covers the tree (a field initializer outside lambdas, code the
   * framework rejects, code that cannot be reached).
   */
  public static <S extends Store<S>> @Nullable S before(
      TreePath path, PerUnitCache<Tree, Flow<S>> cache, Analysis<S> analysis, VisitorState state) {
    Owners owners = Owners.of(path);
    if (owners == null) {
      return null;
    }
    Flow<S> flow = cache.get(owners.root.getLeaf(), state, root -> owners.newFlow(analysis, state));
    return flow.before(path, owners);
  }

  /**
   * The flow of the method at {@code methodPath}, run on the method and on every lambda in it that
   * the analysis wants, in the order they are created: for analyses that collect what they find as
   * they go rather than answer questions.
   */
  public static <S extends Store<S>> Flow<S> analyzeAll(
      TreePath methodPath, Analysis<S> analysis, VisitorState state) {
    MethodTree method = (MethodTree) methodPath.getLeaf();
    Flow<S> flow =
        new Flow<>(
            analysis, state, ASTHelpers.findEnclosingNode(methodPath, ClassTree.class), method);
    ControlFlowGraph graph = flow.graph(methodPath, analysis.entry(methodPath));
    Map<Tree, TreePath> lambdaPaths = lambdaPaths(methodPath);
    List<ControlFlowGraph> pending = new ArrayList<>();
    if (graph != null) {
      pending.add(graph);
    }
    while (!pending.isEmpty()) {
      ControlFlowGraph done = pending.remove(pending.size() - 1);
      for (LambdaExpressionTree lambda : done.getDeclaredLambdas()) {
        TreePath lambdaPath = lambdaPaths.get(lambda);
        S atCreation = lambdaPath == null ? null : flow.storeAt(lambda, done);
        S entry = atCreation == null ? null : analysis.lambdaEntry(atCreation, lambdaPath);
        ControlFlowGraph inner = entry == null ? null : flow.graph(lambdaPath, entry);
        if (inner != null) {
          pending.add(inner);
        }
      }
    }
    return flow;
  }

  /** The graphs this flow analysed. */
  public Iterable<ControlFlowGraph> graphs() {
    List<ControlFlowGraph> all = new ArrayList<>();
    for (ControlFlowGraph g : graphs.values()) {
      if (g != null) {
        all.add(g);
      }
    }
    return all;
  }

  /** The store that reached {@code node} at the fixed point; null if it was never reached. */
  public @Nullable S storeBefore(Node node) {
    return recorded.get(node);
  }

  private @Nullable S before(TreePath path, Owners owners) {
    ControlFlowGraph graph =
        graphs.containsKey(owners.root.getLeaf())
            ? graphs.get(owners.root.getLeaf())
            : graph(owners.root, analysis.entry(owners.root));
    for (TreePath lambda : owners.lambdas) {
      if (graph == null) {
        return null;
      }
      Tree tree = lambda.getLeaf();
      if (!graphs.containsKey(tree)) {
        S atCreation = storeAt(tree, graph);
        S entry = atCreation == null ? null : analysis.lambdaEntry(atCreation, lambda);
        if (entry == null) {
          graphs.put(tree, null);
          return null;
        }
        graph(lambda, entry);
      }
      graph = graphs.get(tree);
    }
    if (graph == null) {
      return null;
    }
    // The nearest tree of the path that the graph has nodes for: a declaration or a statement
    // has none of its own.
    for (TreePath p = path; p != null && p != owners.innermost(); p = p.getParentPath()) {
      S store = storeAt(p.getLeaf(), graph);
      if (store != null) {
        return store;
      }
    }
    return null;
  }

  /**
   * What reached the nodes of {@code tree} in {@code graph}, joined (a {@code finally} block has a
   * copy for each way out of its try); null if none did. The framework also maps a tree to the
   * conversions it adds after it ({@code intValue()} of an {@code Integer} that {@code stock.get()}
   * returned): those come after the tree's own node, and are left out.
   */
  private @Nullable S storeAt(Tree tree, ControlFlowGraph graph) {
    List<Node> nodes =
        nodesByTree.computeIfAbsent(graph, Flow::indexByTree).getOrDefault(tree, List.of());
    Symbol called = tree instanceof MethodInvocationTree ? ASTHelpers.getSymbol(tree) : null;
    S joined = null;
    for (Node node : nodes) {
      S store = recorded.get(node);
      boolean conversion =
          called != null
              && !(node instanceof MethodInvocationNode invocation
                  && invocation.getTarget().getMethod() == called);
      if (store != null && !conversion) {
        joined = joined == null ? store : joined.leastUpperBound(store);
      }
    }
    return joined;
  }

  private static Map<Tree, List<Node>> indexByTree(ControlFlowGraph graph) {
    Map<Tree, List<Node>> index = new IdentityHashMap<>();
    for (Node node : graph.getAllNodes()) {
      if (node.getTree() != null) {
        index.computeIfAbsent(node.getTree(), t -> new ArrayList<>(1)).add(node);
      }
    }
    return index;
  }

  /**
   * Builds and analyses the graph of the method or lambda at {@code code}. The graph is built from
   * the path of the body, not from the compilation unit, which would make the framework search the
   * whole file for it each time.
   */
  private @Nullable ControlFlowGraph graph(TreePath code, S entry) {
    Tree owner = code.getLeaf();
    ControlFlowGraph graph =
        BUILT.get(state, PerUnitCache::new).get(owner, state, o -> build(code)).orElse(null);
    if (graph != null) {
      try {
        new ForwardAnalysisImpl<UnusedAbstractValue, S, RecordingTransfer<S>>(
                analysis.transfer(code, entry, recorded))
            .performAnalysis(graph);
      } catch (RuntimeException | AssertionError | LinkageError unsupported) {
        // An analysis that does not understand the code: it claims nothing about it.
        graph = null;
      }
    }
    graphs.put(owner, graph);
    return graph;
  }

  /**
   * The graph of the method or lambda at {@code code}, built from the path of the body, not from
   * the compilation unit, which would make the framework search the whole file for it each time.
   */
  private Optional<ControlFlowGraph> build(TreePath code) {
    Tree owner = code.getLeaf();
    try {
      UnderlyingAST ast;
      TreePath body;
      if (owner instanceof MethodTree methodTree) {
        if (methodTree.getBody() == null) {
          return Optional.empty();
        }
        ast = new UnderlyingAST.CFGMethod(methodTree, classTree);
        body = new TreePath(code, methodTree.getBody());
      } else {
        LambdaExpressionTree lambda = (LambdaExpressionTree) owner;
        ast = new UnderlyingAST.CFGLambda(lambda, classTree, method);
        body = new TreePath(code, lambda.getBody());
      }
      return Optional.of(
          CFGBuilder.build(
              body, ast, false, false, JavacProcessingEnvironment.instance(state.context)));
    } catch (RuntimeException | AssertionError | LinkageError unsupported) {
      // Code the dataflow framework cannot build a graph for: no analysis claims anything of it.
      return Optional.empty();
    }
  }

  /** The paths of the lambdas in the method at {@code methodPath}, not those of nested classes. */
  private static Map<Tree, TreePath> lambdaPaths(TreePath methodPath) {
    Map<Tree, TreePath> paths = new HashMap<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null; // its methods have flows of their own
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        paths.put(tree, getCurrentPath());
        return super.visitLambdaExpression(tree, unused);
      }
    }.scan(methodPath, null);
    return paths;
  }

  /**
   * The code whose flow answers for a tree: the method around it (or, in a field initializer, the
   * outermost lambda around it), and the lambdas between, outermost first.
   */
  private record Owners(TreePath root, List<TreePath> lambdas) {
    static @Nullable Owners of(TreePath path) {
      List<TreePath> lambdas = new ArrayList<>();
      for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof LambdaExpressionTree) {
          lambdas.add(0, p);
        } else if (leaf instanceof MethodTree) {
          return new Owners(p, lambdas);
        } else if (leaf instanceof ClassTree) {
          return lambdas.isEmpty()
              ? null
              : new Owners(lambdas.get(0), lambdas.subList(1, lambdas.size()));
        }
      }
      return null;
    }

    TreePath innermost() {
      return lambdas.isEmpty() ? root : lambdas.get(lambdas.size() - 1);
    }

    <S extends Store<S>> Flow<S> newFlow(Analysis<S> analysis, VisitorState state) {
      MethodTree method = root.getLeaf() instanceof MethodTree m ? m : null;
      return new Flow<>(
          analysis, state, ASTHelpers.findEnclosingNode(root, ClassTree.class), method);
    }
  }
}
