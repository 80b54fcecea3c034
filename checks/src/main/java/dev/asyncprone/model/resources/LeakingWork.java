package dev.asyncprone.model.resources;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.flow.KnownDone;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.resources.Carriers.Fate;
import dev.asyncprone.model.resources.Carriers.Outcome;
import dev.asyncprone.model.resources.ClosedResources.ClosedResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Async work started inside a try block that still uses the resource the try closes when the block
 * ends ({@link WorkScan} says where work over it starts): the future or publisher that carries it
 * is returned, stored in a field or a variable declared outside the block, passed on, or left
 * running, and nothing in the block waits for it first.
 *
 * <p>What counts as waited for: an await of the carrier itself ({@code join()}, {@code get()},
 * {@code block()}, {@code Futures.getUnchecked}); before a return, a future the flow analysis knows
 * complete there ({@link KnownDone}: {@code f.join(); return f;}), which a publisher never is (it
 * runs again for each subscriber); before any other way out, any wait later in the block (an await,
 * {@code latch.await()}, {@code awaitTermination}), which may be the one that waits for it. A
 * publisher nobody subscribes to and a collection of futures that stays in the block leave nothing
 * running.
 */
public final class LeakingWork {
  /** How work leaves the block while it still runs. */
  public enum Leaves {
    RETURNED,
    /** Stored in a field. */
    STORED,
    /** Kept in a local variable declared outside the block. */
    OUTLIVES,
    PASSED,
    LEFT_RUNNING
  }

  /**
   * Work that outlives the resource it uses.
   *
   * @param resource the resource
   * @param work the call that starts the work
   * @param kind the type of the future or publisher that carries it out of the block; null for a
   *     task handed over
   * @param leaves how it leaves the block
   * @param at where: the return, the assignment, the call it is passed to, the statement
   * @param through the variable it is held in on the way, if any
   */
  public record Leak(
      ClosedResource resource,
      MethodInvocationTree work,
      @Nullable AsyncKind kind,
      Leaves leaves,
      Tree at,
      @Nullable VarSymbol through) {

    /** How the work leaves, to follow its description: "is returned from the block". */
    public String howItLeaves() {
      String name = through == null ? "" : through.getSimpleName().toString();
      switch (leaves) {
        case RETURNED:
          return "is returned from the block";
        case STORED:
          return "is stored in the field '" + name + "'";
        case OUTLIVES:
          return "is kept in '" + name + "', which outlives the block";
        case PASSED:
          return "is passed to " + Trees.methodName(at) + "(...)";
        default:
          return at == work && kind == null
              ? "is handed to " + Trees.methodName(work) + "(...) and left running"
              : "is left running";
      }
    }
  }

  private static final int MAX_VARIABLES = 8;

  private LeakingWork() {}

  /** The first work in the block of {@code resource}'s try that outlives it, or null. */
  public static @Nullable Leak first(
      ClosedResource resource, Contexts contexts, VisitorState state) {
    WorkScan scan = new WorkScan(resource, contexts, state);
    scan.scan(new TreePath(resource.tryPath(), resource.block()), null);
    List<WorkScan.Start> starts = new ArrayList<>(scan.starts);
    starts.sort(Comparator.comparingInt(s -> ASTHelpers.getStartPosition(s.path().getLeaf())));
    for (WorkScan.Start start : starts) {
      MethodInvocationTree work = (MethodInvocationTree) start.path().getLeaf();
      if (start.leftRunning()) {
        if (!waitsAfter(scan, work)) {
          return new Leak(resource, work, null, Leaves.LEFT_RUNNING, work, null);
        }
        continue;
      }
      Outcome escape =
          unresolved(
              Carriers.follow(start.path(), scan::declaredInBlock, state),
              scan,
              new HashSet<>(),
              state);
      if (escape != null && escape.leaves() != null) {
        return new Leak(
            resource, work, escape.kind(), escape.leaves(), escape.at().getLeaf(), escape.held());
      }
    }
    return null;
  }

  /** The way out that {@code outcome} takes and nothing in the block waits for first, or null. */
  private static @Nullable Outcome unresolved(
      Outcome outcome, WorkScan scan, Set<VarSymbol> seen, VisitorState state) {
    if (outcome.fate() == Fate.HELD && outcome.held() != null) {
      return held(outcome, outcome.held(), scan, seen, state);
    }
    if (outcome.fate() != Fate.ESCAPED) {
      return null;
    }
    return outcome.leaves() == Leaves.RETURNED || !waitsAfter(scan, outcome.at().getLeaf())
        ? outcome
        : null;
  }

  /**
   * For work held in {@code variable}: the first way out of its reads after {@code holding} that
   * nothing waits for; else, for a variable that outlives the block, the variable itself; for one
   * in the block that holds a future (not a publisher, which nothing ran), the work left running.
   */
  private static @Nullable Outcome held(
      Outcome holding, VarSymbol variable, WorkScan scan, Set<VarSymbol> seen, VisitorState state) {
    if (!seen.add(variable) || seen.size() > MAX_VARIABLES) {
      return null;
    }
    int from = ASTHelpers.getStartPosition(holding.at().getLeaf());
    for (TreePath read : scan.reads.getOrDefault(variable, List.of())) {
      if (ASTHelpers.getStartPosition(read.getLeaf()) <= from) {
        continue;
      }
      Outcome next = Carriers.follow(read, scan::declaredInBlock, state);
      if (next.fate() == Fate.ESCAPED
          && next.leaves() == Leaves.RETURNED
          && KnownDone.isKnownDoneAt(next.carrier(), variable, state)) {
        continue;
      }
      Outcome escape = unresolved(next, scan, seen, state);
      if (escape != null) {
        return escape.through(variable);
      }
    }
    Leaves base;
    if (!scan.declaredInBlock(variable)) {
      base = Variables.isLocal(variable) ? Leaves.OUTLIVES : Leaves.STORED;
    } else if (holding.kind() != null && !holding.kind().isLazy()) {
      base = Leaves.LEFT_RUNNING;
    } else {
      return null;
    }
    return waitsAfter(scan, holding.at().getLeaf())
        ? null
        : new Outcome(
            Fate.ESCAPED, base, holding.at(), holding.carrier(), variable, holding.kind());
  }

  /** True if the block waits for something after {@code tree}. */
  private static boolean waitsAfter(WorkScan scan, Tree tree) {
    int position = ASTHelpers.getStartPosition(tree);
    return scan.waits.stream().anyMatch(wait -> wait > position);
  }
}
