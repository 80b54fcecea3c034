package dev.asyncprone.model.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.flow.HeldLocks.Held;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Methods of the build that run a function they are handed while holding a lock: {@code void
 * doByExclusiveLock(Runnable operation) { writeLock.lock(); try { operation.run(); } finally {
 * writeLock.unlock(); } }}, or the same in a {@code synchronized} block. A lambda handed to one
 * runs with that lock held. Read from the helper's own code ({@link HeldLocks} at each place it
 * runs the function), for a functional parameter it uses only to run it; kept for the compilation.
 */
final class LockingHelpers {
  private static final PerCompilationCache<MethodSymbol, Map<Integer, List<Held>>> HELD =
      new PerCompilationCache<>();

  private LockingHelpers() {}

  /**
   * The locks held wherever {@code helper} runs the function passed at {@code position}, as the
   * helper names them; empty if it holds none there, or runs it elsewhere too.
   */
  static List<Held> heldWhileRunning(MethodSymbol helper, int position, VisitorState state) {
    return HELD.get(helper, state, h -> compute(h, state)).getOrDefault(position, List.of());
  }

  private static Map<Integer, List<Held>> compute(MethodSymbol helper, VisitorState state) {
    TreePath methodPath = Trees.sourcePath(helper, state);
    if (methodPath == null) {
      return Map.of();
    }
    MethodTree method = (MethodTree) methodPath.getLeaf();
    Map<Symbol, Integer> functions = new HashMap<>();
    int i = 0;
    for (VariableTree parameter : method.getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      if (symbol != null && state.getTypes().isFunctionalInterface(symbol.type)) {
        functions.put(symbol, i);
      }
      i++;
    }
    functions.keySet().removeAll(FunctionSummaries.otherUses(method, functions.keySet()));
    if (functions.isEmpty()) {
      return Map.of();
    }
    Map<Symbol, List<Held>> found = new HashMap<>();
    Set<Symbol> unlocked = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol function =
            ASTHelpers.getReceiver(call) instanceof IdentifierTree receiver
                ? ASTHelpers.getSymbol(receiver)
                : null;
        MethodSymbol called = ASTHelpers.getSymbol(call);
        if (functions.containsKey(function)
            && called != null
            && (called.flags() & Flags.ABSTRACT) != 0) {
          List<Held> here = HeldLocks.at(getCurrentPath(), state);
          List<Held> before = found.get(function);
          if (before == null) {
            found.put(function, here);
          } else {
            found.put(function, common(before, here));
          }
          if (here.isEmpty()) {
            unlocked.add(function);
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        // a run inside a lambda happens later, with whatever is held then
        markRunsIn(lambda, functions.keySet(), unlocked);
        return null;
      }

      @Override
      public Void visitClass(ClassTree type, Void unused) {
        markRunsIn(type, functions.keySet(), unlocked);
        return null;
      }
    }.scan(new TreePath(methodPath, method.getBody()), null);
    Map<Integer, List<Held>> byPosition = new HashMap<>();
    found.forEach(
        (function, held) -> {
          if (!held.isEmpty() && !unlocked.contains(function)) {
            byPosition.put(functions.get(function), List.copyOf(held));
          }
        });
    return Map.copyOf(byPosition);
  }

  private static List<Held> common(List<Held> a, List<Held> b) {
    List<Held> kept = new ArrayList<>();
    for (Held held : a) {
      if (b.stream().anyMatch(h -> h.name().equals(held.name()) && h.kind() == held.kind())) {
        kept.add(held);
      }
    }
    return kept;
  }

  /** Marks the functions that code run at another time ({@code tree}) mentions. */
  private static void markRunsIn(Tree tree, Set<Symbol> functions, Set<Symbol> unlocked) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(identifier);
        if (functions.contains(symbol)) {
          unlocked.add(symbol);
        }
        return null;
      }
    }.scan(tree, null);
  }

  /** For {@link HeldLocks}: the held locks a lambda handed to {@code call} starts with. */
  static List<Held> heldByCaller(@Nullable Tree call, Tree function, VisitorState state) {
    if (call == null || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol helper)) {
      return List.of();
    }
    List<? extends ExpressionTree> arguments = Trees.arguments(call);
    for (int i = 0; i < arguments.size(); i++) {
      if (ASTHelpers.stripParentheses(arguments.get(i)) == function) {
        List<Held> held = heldWhileRunning(helper, i, state);
        List<Held> renamed = new ArrayList<>();
        for (Held lock : held) {
          // taken by the helper's call, where the reader sees it
          renamed.add(new Held(lock.name(), lock.kind(), call));
        }
        return renamed;
      }
    }
    return List.of();
  }
}
