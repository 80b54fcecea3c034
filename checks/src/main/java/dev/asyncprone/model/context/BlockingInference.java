package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.BlockingPath;
import dev.asyncprone.model.api.BlockingSummaries;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.CompilationUnits;
import dev.asyncprone.model.javac.MethodKeys;
import dev.asyncprone.model.javac.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which methods of the compilation block their caller's thread through their own code: a method
 * blocks when it makes a blocking call on its own thread ({@link InferenceScan}), or calls, where
 * the method that runs is known ({@link KnownTargets}), a method that blocks: one of this
 * compilation, or one that another module's summary names ({@link BlockingSummaries}).
 *
 * <p>Computed once per compilation, for every method of every file javac has attributed, when a
 * check first asks ({@code -XDcompilePolicy=simple}: all of them; {@code byfile}: each file when
 * the checks reach it): one scan of each file, then the strongly connected components of the call
 * graph, callees first (Tarjan's algorithm, without recursion, so that a long chain of calls cannot
 * overflow the stack). A component blocks as a whole when one of its methods blocks, by itself or
 * through a method outside it; each method's reason is the shortest way to a blocking call within
 * it. The cost is the size of the code: each method is scanned once, each edge followed once.
 */
final class BlockingInference {
  /** A method with a body, as the inference sees it. */
  static final class Node {
    final MethodSymbol method;

    /** Where it is declared. */
    final TreePath declaration;

    final CompilationUnitTree unit;

    /**
     * Whether its code is not its callers' wait (an async or @NonBlocking method, and the like);
     * null until asked, which only a method that would block needs.
     */
    @Nullable Boolean excluded;

    /** Its first blocking call of its own, or null. */
    @Nullable BlockingPath direct;

    /**
     * Its first wait for a future one of its parameters hands it, or null: it blocks where its
     * caller's argument is not known to be done.
     */
    @Nullable ParameterAwait parameterAwait;

    /** The calls it makes that may block through their own code, in source order. */
    final List<Edge> edges = new ArrayList<>();

    /** Why it blocks; null if it does not. */
    @Nullable BlockingPath path;

    // Tarjan's bookkeeping; a node of an earlier batch has an index and is resolved.
    int index = -1;
    int low;
    boolean onStack;
    int component;

    Node(
        MethodSymbol method,
        TreePath declaration,
        CompilationUnitTree unit,
        @Nullable Boolean excluded) {
      this.method = method;
      this.declaration = declaration;
      this.unit = unit;
      this.excluded = excluded;
    }

    MethodTree tree() {
      return (MethodTree) declaration.getLeaf();
    }
  }

  /**
   * A call to {@code callee} at {@code call}; {@code functional}, the innermost lambda or method
   * reference it is in, if any, whose thread decides whether the call is the caller's.
   */
  record Edge(
      MethodSymbol callee, TreePath call, boolean viaSuper, @Nullable TreePath functional) {}

  /** A wait for the future that parameter {@code index} hands the method: the wait's words. */
  record ParameterAwait(int index, BlockingPath.Leaf leaf) {}

  private final BlockingCalls calls;
  private final Contexts contexts;
  private final @Nullable SummaryWriter writer;
  private final KnownTargets targets = new KnownTargets();
  private final Map<MethodSymbol, Node> nodes = new IdentityHashMap<>();
  private final Set<CompilationUnitTree> analyzed =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Tree, Boolean> runsHere = new IdentityHashMap<>();
  private List<Node> batch = new ArrayList<>();
  private boolean started;
  private @Nullable CompilationUnitTree lastAsked;
  private int components;

  BlockingInference(BlockingCalls calls, Contexts contexts, @Nullable SummaryWriter writer) {
    this.calls = calls;
    this.contexts = contexts;
    this.writer = writer;
  }

  BlockingCalls calls() {
    return calls;
  }

  Contexts contexts() {
    return contexts;
  }

  /**
   * Analyzes what has not been: at the first question, every file javac has attributed; later, the
   * file being checked, if it was not ready then.
   */
  void ensure(VisitorState state) {
    CompilationUnitTree current = state.getPath().getCompilationUnit();
    // Asked at every call a check matches: the file of the last question answers most of them.
    if (current == lastAsked) {
      return;
    }
    lastAsked = current;
    if (started && analyzed.contains(current)) {
      return;
    }
    List<CompilationUnitTree> units = new ArrayList<>();
    if (!started) {
      started = true;
      units.addAll(CompilationUnits.ready(state));
    }
    if (!units.contains(current)) {
      units.add(current);
    }
    for (CompilationUnitTree unit : units) {
      if (analyzed.add(unit)) {
        new InferenceScan(this, state.withPath(new TreePath(unit)), unit).run();
      }
    }
    resolve(state);
  }

  /** True if the inference read the body of {@code method}. */
  boolean knows(MethodSymbol method) {
    return nodes.containsKey(method);
  }

  /** Why {@code method}, of this compilation, blocks; null if it does not, or is not known. */
  @Nullable BlockingPath pathOf(MethodSymbol method) {
    Node node = nodes.get(method);
    return node == null ? null : node.path;
  }

  /** True if a call of {@code method} runs the body it declares ({@link KnownTargets}). */
  boolean runsItsBody(MethodSymbol method, boolean viaSuper, VisitorState state) {
    return targets.runsItsBody(method, viaSuper, state);
  }

  void declareClass(ClassSymbol type) {
    if (writer != null) {
      writer.compiled(type);
    }
  }

  void declareMethod(MethodSymbol method) {
    targets.declare(method);
  }

  void add(Node node) {
    nodes.put(node.method, node);
    batch.add(node);
  }

  /**
   * True if code in {@code functional} (null: the method's own body) runs on the thread of {@code
   * caller}'s caller: in no lambda, or in lambdas all run on the spot.
   */
  boolean runsHere(@Nullable TreePath functional, Node caller, VisitorState state) {
    if (functional == null) {
      return true;
    }
    Boolean answer = runsHere.get(functional.getLeaf());
    if (answer == null) {
      answer = contexts.of(functional, state.withPath(functional)).scope() == caller.tree();
      runsHere.put(functional.getLeaf(), answer);
    }
    return answer;
  }

  /**
   * True for a method whose body is not its callers' wait: one that returns a future or is
   * {@code @NonBlocking} (where blocking is reported inside it, once), {@code @Blocking} (which
   * says so itself), Spring's {@code @Async}, a method of an anonymous class handed over; and the
   * methods of a future or publisher type, the async machinery itself ({@code set}, {@code
   * complete}, {@code cancel}, its constructors), which block only as the library tables say: they
   * run on completion paths, where the futures they read are done. Asked only of a method that
   * would block, once.
   */
  boolean isExcluded(Node node, VisitorState state) {
    if (node.excluded == null) {
      AsyncContext context = contexts.of(node.declaration, state.withPath(node.declaration));
      node.excluded =
          context.scope() != node.tree() || context.kind() != AsyncContext.Kind.SYNCHRONOUS;
    }
    return node.excluded;
  }

  /** Tarjan's algorithm over the nodes of the last batch, each component resolved when found. */
  private void resolve(VisitorState state) {
    List<Node> roots = batch;
    batch = new ArrayList<>();
    List<Node> stack = new ArrayList<>();
    List<Node> callStack = new ArrayList<>();
    List<Integer> edgeAt = new ArrayList<>();
    int[] counter = {0};
    for (Node root : roots) {
      if (root.index >= 0) {
        continue;
      }
      visit(root, counter, stack, callStack, edgeAt);
      while (!callStack.isEmpty()) {
        int top = callStack.size() - 1;
        Node node = callStack.get(top);
        int next = edgeAt.get(top);
        if (next < node.edges.size()) {
          edgeAt.set(top, next + 1);
          Node callee = nodes.get(node.edges.get(next).callee());
          if (callee == null) {
            continue;
          }
          if (callee.index < 0) {
            visit(callee, counter, stack, callStack, edgeAt);
          } else if (callee.onStack) {
            node.low = Math.min(node.low, callee.index);
          }
          continue;
        }
        callStack.remove(top);
        edgeAt.remove(top);
        if (top > 0) {
          Node parent = callStack.get(top - 1);
          parent.low = Math.min(parent.low, node.low);
        }
        if (node.low == node.index) {
          List<Node> component = new ArrayList<>();
          Node member;
          do {
            member = stack.remove(stack.size() - 1);
            member.onStack = false;
            component.add(member);
          } while (member != node);
          resolveComponent(component, state);
        }
      }
    }
  }

  private static void visit(
      Node node, int[] counter, List<Node> stack, List<Node> callStack, List<Integer> edgeAt) {
    node.index = counter[0];
    node.low = counter[0];
    counter[0]++;
    stack.add(node);
    node.onStack = true;
    callStack.add(node);
    edgeAt.add(0);
  }

  /**
   * Decides a component: its methods that block by themselves or through a method outside it first,
   * then, breadth first, those that call one of them.
   */
  private void resolveComponent(List<Node> component, VisitorState state) {
    int id = ++components;
    if (component.size() == 1) {
      resolveAlone(component.get(0), id, state);
      return;
    }
    for (Node node : component) {
      node.component = id;
    }
    List<Node> queue = new ArrayList<>();
    Map<Node, List<Call>> callersWithin = new IdentityHashMap<>();
    for (Node node : component) {
      BlockingPath path = node.direct;
      for (Edge edge : node.edges) {
        Node callee = nodes.get(edge.callee());
        if (callee != null && callee.component == id) {
          callersWithin.computeIfAbsent(callee, c -> new ArrayList<>()).add(new Call(node, edge));
        } else if (path == null) {
          path = calleePath(edge, callee, node, state);
        }
      }
      if (path != null && !isExcluded(node, state)) {
        node.path = path;
        queue.add(node);
      }
    }
    for (int head = 0; head < queue.size(); head++) {
      Node blocking = queue.get(head);
      for (Call call : callersWithin.getOrDefault(blocking, List.of())) {
        Node caller = call.caller();
        if (caller.path == null && !Boolean.TRUE.equals(caller.excluded)) {
          BlockingPath path = calleePath(call.edge(), blocking, caller, state);
          if (path != null && !isExcluded(caller, state)) {
            caller.path = path;
            queue.add(caller);
          }
        }
      }
    }
    if (writer != null) {
      for (Node node : component) {
        if (node.path != null) {
          writer.blocking(node.method, node.path, state);
        }
      }
    }
  }

  /**
   * Decides a method that is a component by itself, as {@link #resolveComponent} would, without its
   * bookkeeping: most methods call none of their callers.
   */
  private void resolveAlone(Node node, int id, VisitorState state) {
    node.component = id;
    BlockingPath path = node.direct;
    for (int i = 0; path == null && i < node.edges.size(); i++) {
      Edge edge = node.edges.get(i);
      Node callee = nodes.get(edge.callee());
      if (callee != node) {
        path = calleePath(edge, callee, node, state);
      }
    }
    if (path != null && !isExcluded(node, state)) {
      node.path = path;
      if (writer != null) {
        writer.blocking(node.method, path, state);
      }
    }
  }

  /** A call within a component, from {@code caller} through {@code edge}. */
  private record Call(Node caller, Edge edge) {}

  /**
   * The path of a call, at {@code call}, of a method that waits for the future its argument hands
   * it ({@code await}), unless that argument is known done there; else null.
   */
  static @Nullable BlockingPath awaitOfArgument(
      ParameterAwait await, TreePath call, VisitorState state) {
    List<? extends ExpressionTree> arguments = Trees.arguments(call.getLeaf());
    int i = 0;
    for (ExpressionTree argument : arguments) {
      if (i++ == await.index()) {
        return KnownDone.isKnownDoneArgument(argument, state.withPath(call))
            ? null
            : BlockingPath.direct(await.leaf());
      }
    }
    return BlockingPath.direct(await.leaf()); // a method reference: what it is handed is unknown
  }

  /** The wait for a parameter's future of {@code method}, of this compilation, or null. */
  @Nullable ParameterAwait parameterAwaitOf(MethodSymbol method) {
    Node node = nodes.get(method);
    return node == null || node.path != null || Boolean.TRUE.equals(node.excluded)
        ? null
        : node.parameterAwait;
  }

  /**
   * The path of {@code caller} through the call {@code edge}, if the callee blocks (by this
   * compilation's inference, or by its module's summary), the call runs its body, and it runs on
   * the caller's thread; else null.
   */
  private @Nullable BlockingPath calleePath(
      Edge edge, @Nullable Node callee, Node caller, VisitorState state) {
    MethodSymbol method = edge.callee();
    BlockingPath path;
    String from = null;
    if (callee != null) {
      path = callee.path;
      if (path == null && callee.parameterAwait != null) {
        path = awaitOfArgument(callee.parameterAwait, edge.call(), state);
      }
    } else {
      BlockingSummaries.Found found = BlockingSummaries.of(method, state);
      if (found != null && calls.isNonBlocking(method, state)) {
        found = null;
      }
      path = found == null ? null : found.path();
      from = found == null ? null : found.from();
    }
    if (path == null
        || !targets.runsItsBody(method, edge.viaSuper(), state)
        || !runsHere(edge.functional(), caller, state)) {
      return null;
    }
    String shown = MethodKeys.display(method);
    return path.through(from == null ? shown : shown + " (from " + from + ")");
  }
}
