package dev.asyncprone.model.resources;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.BlockingCatalog;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.AsyncContext.Kind;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.resources.ClosedResources.ClosedResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One pass over the block of a try that closes a resource, collecting what {@link LeakingWork}
 * decides on: where async work over the resource starts, the variables that hold the resource (or
 * read it later), where each variable is read, and where the block waits.
 *
 * <p>Work over the resource starts at a call whose result is a future or publisher and that is made
 * on the resource ({@code ch.sendAsync(m)}), is given it ({@code sender.send(ch, m)}) or a view
 * that reads it when consumed ({@code Flux.fromStream(r.lines())}), or is given a lambda, method
 * reference or anonymous class that reads it and runs later or elsewhere ({@code supplyAsync(() ->
 * r.readLine())}, {@code Mono.fromCallable(...)}, a stage callback, a reactive operator); and at a
 * call of any type that hands such code to another thread or a future's completion ({@code
 * executor.execute(...)}, {@code addListener}): that work is left running at once. A factory of a
 * completed value ({@code completedFuture(x)}, {@code Mono.just(x)}) reads its argument at once. A
 * value read from the resource ({@code r.readLine()}) is not the resource.
 *
 * <p>Lambdas and classes in the block are not entered: their code runs at another time; they count
 * where they are handed over.
 */
final class WorkScan extends TreePathScanner<Void, Void> {
  /** Where handed-over code runs later or elsewhere, so that the work it starts outlives a call. */
  private static final ImmutableSet<Kind> DEFERRED =
      ImmutableSet.of(
          Kind.STAGE_CALLBACK,
          Kind.REACTIVE_OPERATOR,
          Kind.EVENT_LOOP_HANDLER,
          Kind.SUBSCRIPTION_TIME,
          Kind.COMMON_POOL,
          Kind.NON_BLOCKING_EXECUTOR,
          Kind.OFFLOADED);

  /**
   * Where handed-over code runs on another thread once handed over, whatever the call returns; not
   * a reactive operator, which runs only when something subscribes.
   */
  private static final ImmutableSet<Kind> RUNS_ON =
      ImmutableSet.of(
          Kind.STAGE_CALLBACK,
          Kind.EVENT_LOOP_HANDLER,
          Kind.COMMON_POOL,
          Kind.NON_BLOCKING_EXECUTOR,
          Kind.OFFLOADED);

  /**
   * A call that starts work over the resource.
   *
   * @param path the call
   * @param leftRunning true if its result is no future: the work runs on, unseen, once handed over
   */
  record Start(TreePath path, boolean leftRunning) {}

  private final ClosedResource resource;
  private final Contexts contexts;
  private final VisitorState state;
  private final int blockStart;
  private final int blockEnd;

  /** The resource, and the variables that read it later: aliases, views, functions over it. */
  private final Set<Symbol> tainted = new HashSet<>();

  final List<Start> starts = new ArrayList<>();
  final Map<Symbol, List<TreePath>> reads = new HashMap<>();
  final List<Integer> waits = new ArrayList<>();

  WorkScan(ClosedResource resource, Contexts contexts, VisitorState state) {
    this.resource = resource;
    this.contexts = contexts;
    this.state = state;
    this.blockStart = ASTHelpers.getStartPosition(resource.block());
    this.blockEnd = state.getEndPosition(resource.block());
    tainted.add(resource.variable());
  }

  /** True if {@code variable} is a local declared inside the block. */
  boolean declaredInBlock(Symbol variable) {
    return Variables.isLocal(variable)
        && variable instanceof VarSymbol v
        && v.pos >= blockStart
        && v.pos < blockEnd;
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    scan(node.getEnclosingExpression(), null);
    scan(node.getArguments(), null);
    return null; // the body, if any, is a class
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    super.visitVariable(node, unused);
    Symbol variable = ASTHelpers.getSymbol(node);
    if (variable != null && node.getInitializer() != null && taints(node.getInitializer())) {
      tainted.add(variable);
    }
    return null;
  }

  @Override
  public Void visitAssignment(AssignmentTree node, Void unused) {
    super.visitAssignment(node, unused);
    Symbol variable = ASTHelpers.getSymbol(node.getVariable());
    if (variable != null && declaredInBlock(variable) && taints(node.getExpression())) {
      tainted.add(variable);
    }
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    read(node);
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree node, Void unused) {
    if (Trees.isThis(node.getExpression())) {
      read(node);
    }
    return super.visitMemberSelect(node, unused);
  }

  private void read(ExpressionTree node) {
    Symbol symbol = ASTHelpers.getSymbol(node);
    TreePath parent = getCurrentPath().getParentPath();
    boolean assigned =
        parent != null
            && parent.getLeaf() instanceof AssignmentTree assignment
            && assignment.getVariable() == node;
    if (symbol instanceof VarSymbol && !assigned) {
      reads.computeIfAbsent(symbol, s -> new ArrayList<>()).add(getCurrentPath());
    }
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    super.visitMethodInvocation(node, unused);
    MethodSymbol method = ASTHelpers.getSymbol(node);
    if (method == null) {
      return null;
    }
    if (waits(node, method)) {
      waits.add(ASTHelpers.getStartPosition(node));
    }
    Start start = start(node, method);
    if (start != null) {
      starts.add(start);
    }
    return null;
  }

  /**
   * True for a call that waits for other work to finish: an await, or a catalog wait for another
   * thread ({@code latch.await()}, {@code awaitTermination}).
   */
  private boolean waits(MethodInvocationTree call, MethodSymbol method) {
    Awaits.Await await = Awaits.of(call, state);
    if (await != null) {
      return !await.rule().handsBackLater();
    }
    BlockingCatalog.Entry entry = BlockingCatalog.builtIn().entryFor(method, state);
    return entry != null && entry.waitsFor().equals(BlockingCatalog.WAITS_FOR_ANOTHER_THREAD);
  }

  private @Nullable Start start(MethodInvocationTree call, MethodSymbol method) {
    if (handedToWaitingExecutor(call)) {
      return null;
    }
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (AsyncTypes.kindOf(ASTHelpers.getType(call), state) == null) {
      for (ExpressionTree argument : arguments) {
        if (readsLater(argument, call, RUNS_ON)) {
          return new Start(getCurrentPath(), true);
        }
      }
      return null;
    }
    ExpressionTree receiver = Trees.receiver(call);
    if (receiver != null
        && AsyncTypes.kindOf(ASTHelpers.getType(receiver), state) == null
        && !Collections.disjoint(Trees.rootSymbols(receiver, state), tainted)) {
      return new Start(getCurrentPath(), false);
    }
    boolean wrapsValue =
        method.isStatic() && Libraries.isCompletedFactoryName(Symbols.name(method, state));
    for (ExpressionTree argument : arguments) {
      if ((!wrapsValue && isResourceValue(argument)) || readsLater(argument, call, DEFERRED)) {
        return new Start(getCurrentPath(), false);
      }
    }
    return null;
  }

  /**
   * True if a value of {@code expression} is, or reads later, the resource: a variable in {@link
   * #tainted}, a view of one ({@code r.lines()}), a function that reads one.
   */
  private boolean taints(ExpressionTree expression) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (isResourceValue(e)) {
      return true;
    }
    return (e instanceof LambdaExpressionTree
            || e instanceof MemberReferenceTree
            || (e instanceof NewClassTree n && n.getClassBody() != null))
        && Variables.readsAny(e, tainted);
  }

  /** {@code r}, a variable that holds it, or a view of it that reads it when consumed. */
  private boolean isResourceValue(ExpressionTree expression) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
      return tainted.contains(ASTHelpers.getSymbol(e));
    }
    if (!(e instanceof MethodInvocationTree)) {
      return false;
    }
    Type type = ASTHelpers.getType(e);
    if (AsyncTypes.kindOf(type, state) != null
        || Collections.disjoint(Trees.rootSymbols(e, state), tainted)) {
      return false;
    }
    for (String view : JdkTypes.VIEWS) {
      if (AsyncTypes.isSubtypeNamed(type, view, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code argument} is code that reads the resource and that {@code call} runs in one of
   * {@code kinds} of context.
   */
  private boolean readsLater(ExpressionTree argument, MethodInvocationTree call, Set<Kind> kinds) {
    TreePath inside;
    TreePath argumentPath = new TreePath(getCurrentPath(), argument);
    if (argument instanceof LambdaExpressionTree || argument instanceof MemberReferenceTree) {
      inside = argumentPath;
    } else if (argument instanceof NewClassTree created && created.getClassBody() != null) {
      TreePath body = new TreePath(argumentPath, created.getClassBody());
      inside = null;
      for (Tree member : created.getClassBody().getMembers()) {
        if (member instanceof MethodTree method && !ASTHelpers.getSymbol(method).isConstructor()) {
          inside = new TreePath(body, member);
          break;
        }
      }
    } else {
      return false;
    }
    if (inside == null || !Variables.readsAny(argument, tainted)) {
      return false;
    }
    AsyncContext context = contexts.of(inside, state);
    return kinds.contains(context.kind()) && context.callbackOf() == call;
  }

  /**
   * True if {@code call} hands its work to an executor whose close waits for it and that is closed
   * before the resource: declared after it, by a try inside its block or later in its list.
   */
  private boolean handedToWaitingExecutor(MethodInvocationTree call) {
    ExpressionTree receiver = Trees.receiver(call);
    for (Symbol root : Trees.rootSymbols(receiver, state)) {
      if (root instanceof VarSymbol executor
          && executor.getKind() == javax.lang.model.element.ElementKind.RESOURCE_VARIABLE
          && executor.pos > resource.variable().pos
          && Libraries.closeWaits(executor.type, state)) {
        return true;
      }
    }
    return false;
  }
}
