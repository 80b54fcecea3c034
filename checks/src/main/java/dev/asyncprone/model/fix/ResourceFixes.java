package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.Reactor;
import dev.asyncprone.model.javac.NewLocals;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.resources.ClosedResources.ClosedResource;
import dev.asyncprone.model.resources.LeakingWork.Leak;
import dev.asyncprone.model.resources.LeakingWork.Leaves;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Ties a resource that a try-with-resources closes to the end of the work that a method returns,
 * where that keeps what the try did on every other path. Both need a try of one declared resource,
 * no catch or finally, in a block, whose block ends with the one way out, {@code return work;}, of
 * the method around it:
 *
 * <ul>
 *   <li>a {@code CompletableFuture} or {@code CompletionStage} (the method's return type, exactly):
 *       the resource is opened before the try, the work started in it, the resource closed if
 *       starting fails (what close throws kept as suppressed, as the try did) and otherwise once
 *       the work completes, in {@code whenComplete}. The resource's {@code close()} must throw no
 *       checked exception, and the resource must be known not null (made with {@code new}, or used
 *       by the call that starts the work), as the try closes only a resource that is not null.
 *   <li>a {@code Mono} or {@code Flux}, exactly, returned by the only statement of the block:
 *       {@code Flux.using(() -> open, r -> work, Type::close)}, or, where {@code close()} throws a
 *       checked exception, {@code usingWhen} with the close in {@code Mono.fromCallable}. The
 *       resource is then opened for each subscription, when it is subscribed, and a failure to open
 *       it is signalled to the subscriber; the locals the work reads must be effectively final.
 * </ul>
 */
public final class ResourceFixes {
  private ResourceFixes() {}

  /** The fix for {@code leak}, or null where none keeps behaviour. */
  public static @Nullable SuggestedFix of(Leak leak, VisitorState state) {
    ClosedResource resource = leak.resource();
    TryTree tryTree = resource.tryTree();
    VariableTree declaration = resource.declaration();
    TreePath parent = resource.tryPath().getParentPath();
    List<? extends StatementTree> statements = resource.block().getStatements();
    // The method whose own code the try is: a lambda's return type is not written down.
    MethodTree method =
        Trees.methodRunning(resource.tryPath()) == null
            ? null
            : ASTHelpers.findEnclosingNode(resource.tryPath(), MethodTree.class);
    if (declaration == null
        || declaration.getInitializer() == null
        || tryTree.getResources().size() != 1
        || !tryTree.getCatches().isEmpty()
        || tryTree.getFinallyBlock() != null
        || !(parent.getLeaf() instanceof BlockTree)
        || leak.leaves() != Leaves.RETURNED
        || statements.isEmpty()
        || statements.get(statements.size() - 1) != leak.at()
        || !(leak.at() instanceof ReturnTree ret)
        || ret.getExpression() == null
        || method == null
        || leavesEarly(resource.block(), ret)) {
      return null;
    }
    ExpressionTree work = ret.getExpression();
    Type type = ASTHelpers.getType(work);
    String typeName = type == null ? "" : Symbols.qualifiedName(type.tsym, state);
    Type returned = ASTHelpers.getType(method.getReturnType());
    String returnedName = returned == null ? "" : Symbols.qualifiedName(returned.tsym, state);
    boolean checkedClose = closeThrowsChecked(resource.variable().type, state);
    if ((returnedName.equals(Jdk.COMPLETABLE_FUTURE) || returnedName.equals(Jdk.COMPLETION_STAGE))
        && !checkedClose
        && knownNotNull(declaration, leak, ret.getExpression())) {
      return closeOnCompletion(leak, declaration, method, ret, state);
    }
    if ((typeName.equals(Reactor.MONO) || typeName.equals(Reactor.FLUX))
        && statements.size() == 1
        && readsOnlyFinalLocals(work, resource, state)
        && readsOnlyFinalLocals(declaration.getInitializer(), resource, state)) {
      return using(leak, declaration, work, typeName, checkedClose, state);
    }
    return null;
  }

  /**
   * {@code try (R r = open()) { ...; return work; }} to {@code R r = open(); T started; try { ...;
   * started = work; } catch (Throwable failure) { close r, keeping what it throws as suppressed;
   * throw failure; } return started.whenComplete((value, error) -> r.close());}.
   */
  private static SuggestedFix closeOnCompletion(
      Leak leak, VariableTree declaration, MethodTree method, ReturnTree ret, VisitorState state) {
    ClosedResource resource = leak.resource();
    TryTree tryTree = resource.tryTree();
    String indent = NewLocals.indentOf(tryTree, state);
    String step = stepOf(resource.block(), indent, state);
    Set<String> taken = NewLocals.takenNames(state.withPath(resource.tryPath()));
    String started = NewLocals.freshName("started", taken);
    String failure = NewLocals.freshName("failure", taken);
    String suppressed = NewLocals.freshName("suppressed", taken);
    String value = NewLocals.freshName("value", taken);
    String error = NewLocals.freshName("error", taken);
    String name = resource.name();
    boolean guard = !(declaration.getInitializer() instanceof NewClassTree);
    String inner = indent + step + (guard ? step : "");
    String close =
        inner
            + "try {\n"
            + inner
            + step
            + name
            + ".close();\n"
            + inner
            + "} catch (Throwable "
            + suppressed
            + ") {\n"
            + inner
            + step
            + failure
            + ".addSuppressed("
            + suppressed
            + ");\n"
            + inner
            + "}\n";
    if (guard) {
      close = indent + step + "if (" + name + " != null) {\n" + close + indent + step + "}\n";
    }
    return SuggestedFix.builder()
        .replace(
            ASTHelpers.getStartPosition(tryTree),
            ASTHelpers.getStartPosition(resource.block()) + 1,
            state.getSourceForNode(declaration)
                + ";\n"
                + indent
                + state.getSourceForNode(method.getReturnType())
                + " "
                + started
                + ";\n"
                + indent
                + "try {")
        .replace(
            ASTHelpers.getStartPosition(ret),
            ASTHelpers.getStartPosition(ret.getExpression()),
            started + " = ")
        .postfixWith(
            tryTree,
            " catch (Throwable "
                + failure
                + ") {\n"
                + close
                + indent
                + step
                + "throw "
                + failure
                + ";\n"
                + indent
                + "}\n"
                + indent
                + "return "
                + started
                + "."
                + Jdk.WHEN_COMPLETE
                + "(("
                + value
                + ", "
                + error
                + ") -> "
                + name
                + ".close());")
        .build();
  }

  /**
   * {@code try (R r = open()) { return work; }} to {@code return Flux.using(() -> open(), r ->
   * work, R::close);}; with {@code usingWhen} where close throws a checked exception.
   */
  private static SuggestedFix using(
      Leak leak,
      VariableTree declaration,
      ExpressionTree work,
      String typeName,
      boolean checkedClose,
      VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String publisher = SuggestedFixes.qualifyType(state, fix, typeName);
    String name = leak.resource().name();
    String open = state.getSourceForNode(declaration.getInitializer());
    String body = name + " -> " + state.getSourceForNode(work);
    String replacement;
    if (checkedClose) {
      String mono = SuggestedFixes.qualifyType(state, fix, Reactor.MONO);
      replacement =
          String.format(
              "%1$s.%2$s(%3$s.%4$s(() -> %5$s), %6$s, %7$s -> %3$s.%4$s(() -> { %7$s.close();"
                  + " return null; }))",
              publisher, Reactor.USING_WHEN, mono, Reactor.FROM_CALLABLE, open, body, name);
    } else {
      Tree declared = declaration.getType();
      String cleanup =
          declared instanceof IdentifierTree || declared instanceof MemberSelectTree
              ? state.getSourceForNode(declared) + "::close"
              : name + " -> " + name + ".close()";
      replacement =
          String.format("%s.%s(() -> %s, %s, %s)", publisher, Reactor.USING, open, body, cleanup);
    }
    return fix.replace(leak.resource().tryTree(), "return " + replacement + ";").build();
  }

  /**
   * True if {@code block} may leave other than by {@code last}: another return, a labelled jump, or
   * a break or continue outside the loops and switches inside it.
   */
  private static boolean leavesEarly(BlockTree block, ReturnTree last) {
    Boolean found =
        new TreeScanner<Boolean, Integer>() {
          @Override
          public Boolean visitReturn(ReturnTree node, Integer depth) {
            return node != last;
          }

          @Override
          public Boolean visitBreak(BreakTree node, Integer depth) {
            return depth == 0 || node.getLabel() != null;
          }

          @Override
          public Boolean visitContinue(ContinueTree node, Integer depth) {
            return depth == 0 || node.getLabel() != null;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree node, Integer depth) {
            return false;
          }

          @Override
          public Boolean scan(Tree tree, Integer depth) {
            boolean nests =
                tree != null
                    && switch (tree.getKind()) {
                      case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP, SWITCH -> true;
                      default -> false;
                    };
            return super.scan(tree, nests ? depth + 1 : depth);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(block, 0);
    return Boolean.TRUE.equals(found);
  }

  /**
   * True if the resource cannot be null once the work {@code returned} has started: made with
   * {@code new}, or the receiver of the call that starts the work, on the chain returned, which a
   * null resource fails before anything starts.
   */
  private static boolean knownNotNull(
      VariableTree declaration, Leak leak, ExpressionTree returned) {
    if (declaration.getInitializer() instanceof NewClassTree) {
      return true;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(leak.work());
    if (receiver == null
        || ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver))
            != leak.resource().variable()) {
      return false;
    }
    for (ExpressionTree e = returned; e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (e == leak.work()) {
        return true;
      }
    }
    return false;
  }

  /** True if every local {@code tree} reads, but {@code resource}, is effectively final. */
  private static boolean readsOnlyFinalLocals(
      Tree tree, ClosedResource resource, VisitorState state) {
    int start = ASTHelpers.getStartPosition(tree);
    int end = state.getEndPosition(tree);
    for (Symbol read : Variables.reads(tree)) {
      boolean declaredInside = read instanceof Symbol.VarSymbol v && v.pos >= start && v.pos < end;
      if (Variables.isLocal(read)
          && read != resource.variable()
          && !ASTHelpers.isConsideredFinal(read)
          && !declaredInside) {
        return false;
      }
    }
    return true;
  }

  /**
   * True unless the {@code close()} a {@code type} resolves to is known to throw no checked
   * exception.
   */
  private static boolean closeThrowsChecked(Type type, VisitorState state) {
    Type bounded = ASTHelpers.getUpperBound(type, state.getTypes());
    for (Type supertype : state.getTypes().closure(bounded)) {
      for (Symbol member : supertype.tsym.members().getSymbolsByName(state.getName("close"))) {
        if (member instanceof MethodSymbol close && close.getParameters().isEmpty()) {
          for (Type thrown : close.getThrownTypes()) {
            if (ASTHelpers.isCheckedExceptionType(thrown, state)) {
              return true;
            }
          }
          return false;
        }
      }
    }
    return true;
  }

  /** The indentation one level in, read from the block's first statement; two spaces if none. */
  private static String stepOf(BlockTree block, String indent, VisitorState state) {
    if (!block.getStatements().isEmpty()) {
      String inner = NewLocals.indentOf(block.getStatements().get(0), state);
      if (inner.startsWith(indent) && inner.length() > indent.length()) {
        return inner.substring(indent.length());
      }
    }
    return "  ";
  }
}
