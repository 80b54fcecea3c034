package dev.asyncprone.model.flow;

import java.util.List;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.analysis.ConditionalTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardTransferFunction;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.node.AbstractNodeVisitor;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalAndNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalOrNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * A transfer function that keeps the store that reaches each node, so that, once the analysis has
 * run, what holds before any tree is a lookup ({@link Flow#before}) instead of a replay. The
 * framework visits a node again whenever what reaches it changes, so the store kept last is the one
 * of the fixed point.
 *
 * <p>Subclasses say what a node does in {@link #flow}; a node they do not know passes the store on,
 * keeping apart what holds when a condition is true and when it is false, and a {@code !} swaps the
 * two.
 */
public abstract class RecordingTransfer<S extends Store<S>>
    extends AbstractNodeVisitor<
        TransferResult<UnusedAbstractValue, S>, TransferInput<UnusedAbstractValue, S>>
    implements ForwardTransferFunction<UnusedAbstractValue, S> {
  private final S entry;
  private final Map<Node, S> recorded;

  /**
   * @param entry what holds where the graph's code starts
   * @param recorded where to keep the store before each node, shared by the graphs of one method
   */
  protected RecordingTransfer(S entry, Map<Node, S> recorded) {
    this.entry = entry;
    this.recorded = recorded;
  }

  @Override
  public final S initialStore(UnderlyingAST ast, List<LocalVariableNode> parameters) {
    return entry;
  }

  @Override
  public final TransferResult<UnusedAbstractValue, S> visitNode(
      Node node, TransferInput<UnusedAbstractValue, S> input) {
    recorded.put(node, input.getRegularStore());
    if (node instanceof ConditionalNotNode) {
      return input.containsTwoStores()
          ? conditional(input.getElseStore(), input.getThenStore())
          : regular(input.getRegularStore());
    }
    return flow(node, input);
  }

  /** What {@code node} does to what holds; by default nothing. */
  protected TransferResult<UnusedAbstractValue, S> flow(
      Node node, TransferInput<UnusedAbstractValue, S> input) {
    return pass(node, input);
  }

  /**
   * The input, unchanged; where {@code node} passes a condition on ({@code a && b}, {@code a ||
   * b}), its true and false stores kept apart.
   */
  protected final TransferResult<UnusedAbstractValue, S> pass(
      Node node, TransferInput<UnusedAbstractValue, S> input) {
    return input.containsTwoStores()
            && (node instanceof ConditionalAndNode || node instanceof ConditionalOrNode)
        ? conditional(input.getThenStore(), input.getElseStore())
        : regular(input.getRegularStore());
  }

  protected final TransferResult<UnusedAbstractValue, S> regular(S after) {
    return new RegularTransferResult<>(null, after);
  }

  /** A condition's result: what holds where it is true, and where it is false. */
  protected final TransferResult<UnusedAbstractValue, S> conditional(S whenTrue, S whenFalse) {
    return new ConditionalTransferResult<>(null, whenTrue, whenFalse);
  }
}
