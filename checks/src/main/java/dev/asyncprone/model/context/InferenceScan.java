package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.BlockingPath;
import dev.asyncprone.model.api.BlockingSummaries;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.context.BlockingCalls.BlockingCall;
import dev.asyncprone.model.context.BlockingInference.Edge;
import dev.asyncprone.model.context.BlockingInference.Node;
import dev.asyncprone.model.context.BlockingInference.ParameterAwait;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.CompilationUnits;
import dev.asyncprone.model.javac.MethodKeys;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import java.util.HashSet;
import java.util.Set;
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
    // A method of a future type, or one that returns a future, is excluded whatever else it is
    // (isExcluded): known here, its calls need not be read at all.
    boolean async =
        AsyncTypes.isFutureLike(method.owner.type, state)
            || (!method.isConstructor() && AsyncTypes.isFutureLike(method.getReturnType(), state));
    node = new Node(method, getCurrentPath(), unit, async ? Boolean.TRUE : null);
    functional = null;
    inference.add(node);
    super.visitMethod(tree, null);
    node = outerNode;
    functional = outerFunctional;
    return null;
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
        || caller.direct != null
        || Boolean.TRUE.equals(caller.excluded)
        || !(ASTHelpers.getSymbol(tree) instanceof MethodSymbol callee)) {
      return;
    }
    TreePath path = getCurrentPath();
    BlockingCall blocking = inference.calls().directAt(tree, state);
    if (blocking != null) {
      // The cheap questions first; whether an await's future is known done runs a flow analysis.
      if (!inference.isExcluded(caller, state)
          && inference.runsHere(functional, caller, state)
          && !(blocking.isAwait()
              && KnownDone.isKnownDone(blocking.await(), state.withPath(path)))) {
        int parameter = blocking.isAwait() ? awaitedParameter(blocking, caller) : -1;
        if (parameter < 0) {
          caller.direct = BlockingPath.direct(leaf(blocking, tree));
        } else if (caller.parameterAwait == null) {
          caller.parameterAwait = new ParameterAwait(parameter, leaf(blocking, tree));
        }
      }
      return;
    }
    if (!isJdk(callee) && mayBlockThroughItsBody(callee)) {
      caller.edges.add(new Edge(callee, path, viaSuper, functional));
    }
  }

  /**
   * False for a callee that cannot block through a body of its own: one of this compilation that
   * has none (abstract, or of an interface), or one of another module whose summary does not name
   * it (or that has no summary).
   */
  private boolean mayBlockThroughItsBody(MethodSymbol callee) {
    if (!(callee.owner instanceof ClassSymbol owner)) {
      return false;
    }
    // Read already, even if javac has since lowered its file and forgotten its classes (byfile).
    if (inference.knows(callee)) {
      return true;
    }
    if (CompilationUnits.isCompiledHere(owner, state)) {
      return BlockingCalls.declaresABody(callee, owner);
    }
    return BlockingSummaries.of(callee, state) != null;
  }

  /**
   * The index of the parameter of {@code caller} whose future {@code await} waits for (directly, or
   * as the variable of a loop over it: {@code for (f : futures) f.join()}), or -1. Such a method is
   * a helper that waits for what its caller hands it, and blocks where that is not done.
   */
  private int awaitedParameter(BlockingCall await, Node caller) {
    if (await.await() == null || await.await().future() == null) {
      return -1;
    }
    Set<Symbol> roots = new HashSet<>(Trees.rootSymbols(await.await().future(), state));
    for (TreePath p = getCurrentPath();
        p != null && p.getLeaf() != caller.tree();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof EnhancedForLoopTree loop
          && roots.contains(ASTHelpers.getSymbol(loop.getVariable()))) {
        roots.addAll(Trees.rootSymbols(loop.getExpression(), state));
      }
    }
    int index = 0;
    for (Symbol.VarSymbol parameter : caller.method.getParameters()) {
      if (roots.contains(parameter)) {
        return index;
      }
      index++;
    }
    return -1;
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
