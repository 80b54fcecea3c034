package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.BlockingPath;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.context.BlockingInference.Edge;
import dev.asyncprone.model.context.BlockingInference.Node;
import dev.asyncprone.model.javac.MethodKeys;
import dev.asyncprone.model.javac.Symbols;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a file for the inference: a node for each method with a body, with the first call
 * on its own thread that blocks by itself (an await not known done, a catalog method, an
 * {@code @Blocking} method, a library method's blocking twin), and, if there is none, every call it
 * makes to a method that may block through its own body (an edge). Code that runs elsewhere (a
 * lambda handed to an executor, a callback, a scheduler, the methods of an anonymous class) is not
 * the method's; a lambda run on the spot ({@code forEach}, a sequential stream) is. Which is which
 * is {@link Contexts}' answer, asked once per lambda, and only where it decides something.
 */
final class InferenceScan extends TreePathScanner<Void, Void> {
  private final BlockingInference inference;
  private final VisitorState state;
  private final CompilationUnitTree unit;
  private @Nullable Node node;
  private @Nullable TreePath functional;

  InferenceScan(BlockingInference inference, VisitorState state, CompilationUnitTree unit) {
    this.inference = inference;
    this.state = state;
    this.unit = unit;
  }

  void run() {
    scan(new TreePath(unit), null);
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    Node outerNode = node;
    TreePath outerFunctional = functional;
    node = null; // field initializers and the methods of the class are no method's own code
    functional = null;
    ClassSymbol type = ASTHelpers.getSymbol(tree);
    if (type != null) {
      inference.declareClass(type);
    }
    super.visitClass(tree, null);
    node = outerNode;
    functional = outerFunctional;
    return null;
  }

  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null) {
      return null;
    }
    inference.declareMethod(method);
    if (tree.getBody() == null) {
      return null;
    }
    Node outerNode = node;
    TreePath outerFunctional = functional;
    node = new Node(method, tree, unit, !runsOnCallersThread(tree));
    functional = null;
    inference.add(node);
    super.visitMethod(tree, null);
    node = outerNode;
    functional = outerFunctional;
    return null;
  }

  /**
   * False for a method whose body is not its callers' wait: one that returns a future or is
   * {@code @NonBlocking} (where blocking is reported inside it, once), {@code @Blocking} (which
   * says so itself), Spring's {@code @Async}, or a method of an anonymous class handed over.
   */
  private boolean runsOnCallersThread(MethodTree tree) {
    TreePath path = getCurrentPath();
    AsyncContext context = inference.contexts().of(path, state.withPath(path));
    return context.scope() == tree && context.kind() == AsyncContext.Kind.SYNCHRONOUS;
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    TreePath outer = functional;
    functional = getCurrentPath();
    super.visitLambdaExpression(tree, null);
    functional = outer;
    return null;
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    TreePath outer = functional;
    functional = getCurrentPath();
    super.visitMemberReference(tree, null);
    call(tree, false);
    functional = outer;
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    super.visitMethodInvocation(tree, null);
    call(tree, BlockingCalls.viaSuper(tree));
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    super.visitNewClass(tree, null);
    call(tree, false);
    return null;
  }

  /** A call of the current method: a blocking call of its own, or an edge to its callee. */
  private void call(Tree tree, boolean viaSuper) {
    Node caller = node;
    if (caller == null
        || caller.excluded
        || caller.direct != null
        || !(ASTHelpers.getSymbol(tree) instanceof MethodSymbol callee)) {
      return;
    }
    TreePath path = getCurrentPath();
    BlockingCall blocking = inference.calls().directAt(tree, path, state);
    if (blocking != null) {
      if (inference.runsHere(functional, caller, state)) {
        caller.direct = BlockingPath.direct(leaf(blocking, tree));
      }
      return;
    }
    if (!isJdk(callee)) {
      caller.edges.add(new Edge(callee, viaSuper, functional));
    }
  }

  private BlockingPath.Leaf leaf(BlockingCall call, Tree tree) {
    String location = MethodKeys.location(unit, tree);
    switch (call.reason()) {
      case AWAIT:
        return new BlockingPath.Leaf(BlockingPath.Kind.AWAIT, call.display(), "", location);
      case ANNOTATED:
        return new BlockingPath.Leaf(
            BlockingPath.Kind.ANNOTATED, call.display(), call.annotation(), location);
      case TWIN:
        return new BlockingPath.Leaf(
            BlockingPath.Kind.TWIN,
            call.display(),
            call.twin() == null ? "" : MethodKeys.shortDisplay(call.twin()),
            location);
      default:
        return new BlockingPath.Leaf(
            BlockingPath.Kind.CATALOG, call.display(), call.waitsFor(), location);
    }
  }

  /** The JDK's methods block only as the catalog and the tables say, which the call asked. */
  private boolean isJdk(MethodSymbol callee) {
    String owner = Symbols.qualifiedName(callee.owner, state);
    for (String jdk : Jdk.PACKAGES) {
      if (owner.startsWith(jdk)) {
        return true;
      }
    }
    return false;
  }
}
