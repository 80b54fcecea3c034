package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.flow.HeldLocks.Held;
import dev.asyncprone.model.flow.HeldLocks.Kind;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * How each node changes the locks held ({@link HeldLocks}): {@code lock()} and {@code
 * lockInterruptibly()} take the lock they are called on, {@code tryLock()} takes it where it
 * returned true, {@code unlock()} releases it; an assignment renames what it overwrites.
 */
final class LockTransfer extends RecordingTransfer<LockFacts> {
  private final @Nullable ClassSymbol self;
  private final VisitorState state;

  LockTransfer(
      LockFacts entry,
      Map<Node, LockFacts> recorded,
      @Nullable ClassSymbol self,
      VisitorState state) {
    super(entry, recorded);
    this.self = self;
    this.state = state;
  }

  @Override
  protected TransferResult<UnusedAbstractValue, LockFacts> flow(
      Node node, TransferInput<UnusedAbstractValue, LockFacts> input) {
    if (self != null && node instanceof MethodInvocationNode invocation) {
      MethodInvocationTree call = invocation.getTree();
      if (call != null) {
        LockFacts before = input.getRegularStore();
        if (HeldLocks.isLockMethod(call, Jdk.LOCK_METHOD, state)
            || HeldLocks.isLockMethod(call, Jdk.LOCK_INTERRUPTIBLY, state)) {
          return regular(before.taking(lockOf(call), held(call)));
        }
        if (HeldLocks.isLockMethod(call, Jdk.TRY_LOCK, state)) {
          return conditional(before.taking(lockOf(call), held(call)), before);
        }
        if (HeldLocks.isLockMethod(call, Jdk.UNLOCK, state)) {
          return regular(before.releasing(lockOf(call)));
        }
      }
    }
    if (self != null && node instanceof AssignmentNode assignment) {
      Symbol variable = assigned(assignment.getTarget());
      if (variable != null) {
        return regular(input.getRegularStore().assigned(variable, lockValue(assignment.getTree())));
      }
    }
    return pass(node, input);
  }

  private LockRef lockOf(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return LockRef.of(receiver, self, HeldLocks.name(receiver, state));
  }

  private Held held(MethodInvocationTree call) {
    return new Held(HeldLocks.lockName(call, state), Kind.LOCK, call);
  }

  /** The lock an assignment's value denotes, if it is one with a path. */
  private @Nullable LockRef lockValue(@Nullable Tree assignment) {
    ExpressionTree value =
        assignment instanceof AssignmentTree a
            ? a.getExpression()
            : assignment instanceof VariableTree v ? v.getInitializer() : null;
    if (value == null || !AsyncTypes.isSubtypeNamed(ASTHelpers.getType(value), Jdk.LOCK, state)) {
      return null;
    }
    LockRef ref = LockRef.of(value, self, HeldLocks.name(value, state));
    return ref.hasPath() ? ref : null;
  }

  private static @Nullable Symbol assigned(Node target) {
    if (target instanceof LocalVariableNode local) {
      return (Symbol) local.getElement();
    }
    if (target instanceof FieldAccessNode field) {
      return (Symbol) field.getElement();
    }
    return null;
  }
}
