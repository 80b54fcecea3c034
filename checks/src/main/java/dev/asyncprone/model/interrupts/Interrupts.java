package dev.asyncprone.model.interrupts;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.javac.EveryPath;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Interruption, Java's cancellation signal: who restores it, and where a thread's work ends. */
public final class Interrupts {
  /** What the name of a helper from a class file that restores the flag says. */
  private static final String INTERRUPT = "interrupt";

  /** The suffixes of the names of waits that may, and may not, be interrupted. */
  private static final String INTERRUPTIBLY = "Interruptibly";

  private static final String UNINTERRUPTIBLY = "Uninterruptibly";

  private Interrupts() {}

  /**
   * True for {@code Thread.currentThread().interrupt()}: the current thread re-interrupts itself.
   */
  public static boolean isSelfInterrupt(@Nullable Tree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call)) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || !Symbols.name(method, state).equals("interrupt")
        || !method.getParameters().isEmpty()
        || !AsyncTypes.isOwnedBy(method, Jdk.THREAD, state)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null) {
      return false;
    }
    Symbol current = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver));
    return current instanceof MethodSymbol
        && Symbols.name(current, state).equals("currentThread")
        && Symbols.qualifiedName(current.owner, state).equals(Jdk.THREAD);
  }

  /**
   * True for a call that passes the caught exception (or a variable holding it) to a method that
   * declares a type variable as what it throws ({@code <E extends Throwable> void
   * throwAsUnchecked(Throwable t) throws E}, Lombok-style {@code sneakyThrow}): it rethrows the
   * same exception, unchecked.
   */
  public static boolean isSneakyRethrow(@Nullable Tree tree, java.util.Set<Symbol> carriers) {
    if (!(tree instanceof MethodInvocationTree call)) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || method.getThrownTypes().stream().noneMatch(t -> t.hasTag(TypeTag.TYPEVAR))) {
      return false;
    }
    return call.getArguments().stream().anyMatch(a -> Variables.readsAny(a, carriers));
  }

  /**
   * True for a call that hands the caught exception (or a variable holding it) to a helper that
   * restores the interrupt flag for it, as pulsar's {@code
   * ExceptionHandler.handleInterruptedException(e)} does with {@code if (t instanceof
   * InterruptedException) Thread.currentThread().interrupt();}. The helper's body, where this
   * compilation has it and no subclass can override it, must re-interrupt the thread somewhere
   * (under a test of the exception or not); a helper from a class file counts when it is static,
   * takes a Throwable, and says so by its name ({@code handleInterruptedException}, {@code
   * restoreInterrupt}).
   */
  public static boolean isRestoredByHandler(
      @Nullable Tree tree, Set<Symbol> carriers, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call)
        || call.getArguments().stream().noneMatch(a -> Variables.readsAny(a, carriers))) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || method.getParameters().stream()
            .noneMatch(
                p ->
                    ASTHelpers.isSubtype(state.getSymtab().throwableType, p.type, state)
                        || ASTHelpers.isSubtype(p.type, state.getSymtab().throwableType, state))) {
      return false;
    }
    BlockTree body = Trees.sourceBody(method, state);
    if (body != null) {
      return (method.isStatic() || method.isPrivate() || (method.flags() & Flags.FINAL) != 0)
          && containsRestore(body, state);
    }
    return method.isStatic()
        && Symbols.name(method, state).toLowerCase(java.util.Locale.ROOT).contains(INTERRUPT);
  }

  /**
   * True for {@code throw new InterruptedIOException()} (or {@code ClosedByInterruptException}):
   * the java.io form of the interrupt, which the JDK's own streams throw in its place.
   */
  public static boolean throwsInterruptSignal(@Nullable Tree tree, VisitorState state) {
    if (!(tree instanceof ThrowTree thrown)) {
      return false;
    }
    Type type = ASTHelpers.getType(thrown.getExpression());
    for (String signal : Jdk.INTERRUPT_SIGNALS) {
      if (AsyncTypes.isSubtypeNamed(type, signal, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for {@code failure = e;} in the catch at {@code catchPath}, where {@code failure} is a
   * local declared outside the try and the statement right after the try throws an exception that
   * reads it ({@code throw new ServerErrorException(message, failure);}): the interrupt is carried
   * on as the cause of what is thrown.
   */
  public static boolean isCarriedToThrowAfter(
      @Nullable Tree tree, Set<Symbol> carriers, TreePath catchPath, VisitorState state) {
    if (!(tree instanceof AssignmentTree assignment)
        || !Variables.readsAny(assignment.getExpression(), carriers)
        || !(ASTHelpers.getSymbol(assignment.getVariable()) instanceof Symbol.VarSymbol local)
        || local.getKind() != javax.lang.model.element.ElementKind.LOCAL_VARIABLE
        || catchPath.getParentPath() == null
        || !(catchPath.getParentPath().getLeaf() instanceof TryTree attempt)
        || attempt.getFinallyBlock() != null
        || catchPath.getParentPath().getParentPath() == null
        || !(catchPath.getParentPath().getParentPath().getLeaf() instanceof BlockTree block)) {
      return false;
    }
    boolean next = false;
    for (StatementTree statement : block.getStatements()) {
      if (next) {
        return statement instanceof ThrowTree thrown
            && Variables.readsAny(thrown.getExpression(), Set.of(local));
      }
      next = statement == attempt;
    }
    return false;
  }

  /**
   * True for {@code interrupted = true}, where the method or lambda around it restores the flag
   * itself later when that variable says so ({@code if (interrupted)
   * Thread.currentThread().interrupt();}, often in a {@code finally}): the idiom of code that waits
   * on uninterruptibly and reports the interrupt at the end. The restore may go through a helper
   * ({@link #isRestore}). A flag that no restore reads is not enough.
   */
  public static boolean isRememberedForLater(@Nullable Tree tree, TreePath at, VisitorState state) {
    if (!(tree instanceof AssignmentTree)) {
      return false;
    }
    AssignmentTree assignment = (AssignmentTree) tree;
    Type type = ASTHelpers.getType(assignment.getVariable());
    if (type == null
        || type.getTag() != TypeTag.BOOLEAN
        || !Boolean.TRUE.equals(ASTHelpers.constValue(assignment.getExpression(), Boolean.class))) {
      return false;
    }
    Symbol flag = ASTHelpers.getSymbol(assignment.getVariable());
    if (flag == null) {
      return false;
    }
    TreePath body = at;
    while (body != null
        && !(body.getLeaf() instanceof MethodTree
            || body.getLeaf() instanceof LambdaExpressionTree
            || body.getLeaf() instanceof ClassTree)) {
      body = body.getParentPath();
    }
    if (body == null || body.getLeaf() instanceof ClassTree) {
      return false;
    }
    Set<Symbol> flags = Set.of(flag);
    Boolean restores =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitIf(IfTree branch, Void unused) {
            if (Variables.readsAny(branch.getCondition(), flags)
                && containsRestore(branch.getThenStatement(), state)) {
              return true;
            }
            return super.visitIf(branch, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body.getLeaf(), null);
    return Boolean.TRUE.equals(restores);
  }

  private static boolean containsRestore(Tree tree, VisitorState state) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
            return isRestore(invocation, state) || super.visitMethodInvocation(invocation, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * True for a call that re-interrupts the current thread: {@link #isSelfInterrupt}, or a call of a
   * helper without parameters that does it unconditionally ({@link #isInterruptingHelper}).
   */
  public static boolean isRestore(@Nullable Tree tree, VisitorState state) {
    return isSelfInterrupt(tree, state)
        || (tree instanceof MethodInvocationTree
            && isInterruptingHelper((MethodInvocationTree) tree, state));
  }

  /**
   * True for a call of a method without parameters that cannot be overridden (static, private or
   * final) and whose body, compiled from source in this compilation, re-interrupts the current
   * thread before anything could leave it: Guava's {@code Platform.interruptCurrentThread()}. Only
   * the leading expression statements and local declarations of the body are read; a method whose
   * body javac has not attributed yet, or that comes from a class file, is not one.
   */
  public static boolean isInterruptingHelper(MethodInvocationTree call, VisitorState state) {
    if (!call.getArguments().isEmpty()) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null
        || !method.getParameters().isEmpty()
        || method.getReturnType().getTag() != TypeTag.VOID
        || !(method.isStatic()
            || method.isPrivate()
            || (method.flags() & Flags.FINAL) != 0
            || (method.owner.flags() & Flags.FINAL) != 0)) {
      return false;
    }
    BlockTree body = Trees.sourceBody(method, state);
    if (body == null) {
      return false;
    }
    for (StatementTree statement : body.getStatements()) {
      if (statement instanceof ExpressionStatementTree) {
        if (isSelfInterrupt(((ExpressionStatementTree) statement).getExpression(), state)) {
          return true;
        }
      } else if (!(statement instanceof VariableTree)) {
        return false;
      }
    }
    return false;
  }

  /**
   * Why restoring the flag first in a catch would change what the code does; NONE if it would not.
   */
  public enum GoesOnWaiting {
    NONE,
    /** The catch is in a loop that goes on, and waits again, on a path the restore would take. */
    LOOP,
    /** The method must keep waiting: {@code lock()} beside {@code lockInterruptibly()}. */
    CONTRACT
  }

  /**
   * Whether the code after the catch at {@code catchPath} waits again on a path where the flag is
   * not restored ({@code exits}), so that a restore inserted first in the catch would make that
   * wait throw at once: a catch in a loop (a worker's {@code while (running) { try { queue.take();
   * } catch (InterruptedException e) {} }}, a retry around a sleep) where a path falls through or
   * continues the loop; a catch in a method whose contract is to keep waiting through interrupts
   * ({@code lock()} beside {@code lockInterruptibly()}, {@code acquireUninterruptibly()}).
   */
  public static GoesOnWaiting goesOnWaiting(
      TreePath catchPath, List<EveryPath.Exit> exits, VisitorState state) {
    boolean goesOn =
        exits.stream()
            .anyMatch(
                e ->
                    e.kind() == EveryPath.Exit.Kind.FALLS_THROUGH
                        || e.kind() == EveryPath.Exit.Kind.CONTINUE);
    for (TreePath p = catchPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (goesOn && Trees.isLoop(leaf)) {
        return GoesOnWaiting.LOOP;
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return symbol != null && keepsWaitingByContract(symbol, state)
            ? GoesOnWaiting.CONTRACT
            : GoesOnWaiting.NONE;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return GoesOnWaiting.NONE;
      }
    }
    return GoesOnWaiting.NONE;
  }

  /**
   * True for a method whose name says it waits through interrupts ({@code acquireUninterruptibly}),
   * or that has a twin that may be interrupted ({@code lock()} beside {@code lockInterruptibly()}).
   */
  private static boolean keepsWaitingByContract(MethodSymbol method, VisitorState state) {
    String name = Symbols.name(method, state);
    if (name.endsWith(UNINTERRUPTIBLY)) {
      return true;
    }
    return method.owner != null
        && method.owner.members().findFirst(state.getName(name + INTERRUPTIBLY)) != null;
  }

  /**
   * True if {@code body} (a method or lambda) is the top-level code of a thread or task, whose end
   * ends the work the thread was asked to do: {@code run()} of a Runnable or Thread, a lambda that
   * is a Runnable, a {@code main} method.
   */
  public static boolean isThreadTopLevel(Tree body, VisitorState state) {
    if (body instanceof LambdaExpressionTree) {
      Type type = ASTHelpers.getType(body);
      return type != null && Symbols.qualifiedName(type.tsym, state).equals(Jdk.RUNNABLE);
    }
    if (!(body instanceof MethodTree)) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol((MethodTree) body);
    if (method == null || method.getReturnType().getTag() != TypeTag.VOID) {
      return false;
    }
    String name = Symbols.name(method, state);
    if (name.equals("run") && method.getParameters().isEmpty()) {
      return AsyncTypes.isSubtypeNamed(method.owner.type, Jdk.RUNNABLE, state);
    }
    return name.equals("main")
        && method.isStatic()
        && method.getParameters().size() == 1
        && method.getParameters().get(0).type.getTag() == TypeTag.ARRAY;
  }

  /**
   * True if the catch at {@code catchPath} is in the top-level code of a thread or task ({@link
   * #isThreadTopLevel}) and every one of {@code exits} (ways out of the catch block) ends that
   * code: there no one is left to read an interrupt flag.
   */
  public static boolean endsThreadWork(
      TreePath catchPath, List<EveryPath.Exit> exits, VisitorState state) {
    TreePath body = catchPath;
    while (body != null
        && !(body.getLeaf() instanceof MethodTree
            || body.getLeaf() instanceof LambdaExpressionTree)) {
      body = body.getParentPath();
    }
    if (body == null
        || !(catchPath.getLeaf() instanceof CatchTree)
        || !isThreadTopLevel(body.getLeaf(), state)) {
      return false;
    }
    TreePath block = new TreePath(catchPath, ((CatchTree) catchPath.getLeaf()).getBlock());
    for (EveryPath.Exit exit : exits) {
      if (!EveryPath.endsBody(block, exit, body.getLeaf())) {
        return false;
      }
    }
    return true;
  }
}
