package dev.asyncprone.model.oneshot;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.oneshot.OneShotFlow.Kind;
import dev.asyncprone.model.oneshot.OneShotFlow.Violation;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/** The violations each node shows with the store that reaches it once the analysis is done. */
final class OneShotResults {
  private final Map<Node, List<Violation>> byNode = new IdentityHashMap<>();

  void put(Node node, List<Violation> found) {
    if (found.isEmpty()) {
      byNode.remove(node);
    } else {
      byNode.put(node, found);
    }
  }

  /** One violation a site: the most telling, with the earlier uses of all merged. */
  Map<Tree, Violation> bySite(OneShotPrescan prescan) {
    Map<Tree, Violation> bySite = new IdentityHashMap<>();
    for (List<Violation> found : byNode.values()) {
      for (Violation v : found) {
        Violation classified = v.kind() == Kind.AGAIN && inLoop(v) ? withKind(v, Kind.LOOP) : v;
        bySite.merge(classified.use().site(), classified, OneShotResults::merge);
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
