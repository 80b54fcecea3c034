package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The calls of a private method. A private method can be called only from the top-level class it is
 * declared in, so the file that declares it shows every call: what holds at each of them holds
 * where the method starts. Found with one scan of the file, the first time a question is asked.
 */
public final class PrivateCalls {
  private static final ContextLocal<PerUnitCache<CompilationUnitTree, Index>> INDEX =
      new ContextLocal<>();

  /** The calls of each private method of a file, and the methods used otherwise. */
  private record Index(Map<MethodSymbol, List<TreePath>> calls, Set<Symbol> otherUses) {}

  private PrivateCalls() {}

  /**
   * The paths of every call of {@code method} (each the {@link MethodInvocationTree}), if it is a
   * private method declared in the file at {@code state}'s path and every use of it is a call; null
   * if it is not private, is used otherwise (a method reference), or is never called.
   */
  public static @Nullable List<TreePath> of(MethodSymbol method, VisitorState state) {
    if (!method.isPrivate() || method.isConstructor()) {
      return null;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    Index index = INDEX.get(state, PerUnitCache::new).get(unit, state, u -> scan(u));
    List<TreePath> calls = index.calls().get(method);
    return calls == null || index.otherUses().contains(method) ? null : calls;
  }

  private static Index scan(CompilationUnitTree unit) {
    Map<MethodSymbol, List<TreePath>> calls = new HashMap<>();
    Set<Symbol> otherUses = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        MethodSymbol m = ASTHelpers.getSymbol(call);
        if (m != null && m.isPrivate()) {
          calls.computeIfAbsent(m, k -> new ArrayList<>(2)).add(getCurrentPath());
        }
        // The method select names the method as the call's own: not another use.
        scan(call.getTypeArguments(), null);
        if (call.getMethodSelect() instanceof MemberSelectTree select) {
          scan(select.getExpression(), null);
        }
        scan(call.getArguments(), null);
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        use(reference);
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        use(identifier);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        use(select);
        return super.visitMemberSelect(select, null);
      }

      private void use(Tree tree) {
        if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol m && m.isPrivate()) {
          otherUses.add(m);
        }
      }
    }.scan(new TreePath(unit), null);
    return new Index(calls, otherUses);
  }
}
