package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Operators;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import dev.asyncprone.model.api.libraries.Vocabulary;
import dev.asyncprone.model.await.AsyncWraps;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.javac.Imports;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.observe.Drops;
import dev.asyncprone.model.observe.NestedFutures;
import dev.asyncprone.model.observe.VoidEnds;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Shared builders for suggested fixes: the edits. What they read from the code first is in {@link
 * FixSources}; how a library says what they write ({@code thenCompose}, {@code Mono.empty()},
 * {@code thenReturn}) is in its table.
 */
public final class Fixes {
  private Fixes() {}

  /**
   * An expression for the empty, already completed value of a future-like type, with the import it
   * needs: {@code CompletableFuture.completedFuture(null)}, {@code Mono.empty()}, ... Null where
   * the type has no such value (RxJava's Single) or the declared type is a subclass it would not
   * fit.
   */
  public static @Nullable String emptyValue(
      Type declared, SuggestedFix.Builder fix, VisitorState state) {
    AsyncKind kind = AsyncTypes.kindOf(declared, state);
    if (kind == null
        || declared.tsym == null
        || !declared.tsym.getQualifiedName().contentEquals(kind.className())) {
      return null;
    }
    Library.EmptyValue empty = Vocabulary.emptyValue(kind);
    return empty == null ? null : Imports.qualify(state, fix, empty.className()) + empty.call();
  }

  /**
   * Passes the executor named {@code executor} to the call that hands over the code of {@code
   * context}: in place of its executor argument ({@code supplyAsync(s, cpu)}, Guava's {@code
   * transform(f, fn, ForkJoinPool.commonPool())}), or as a new last argument of supplyAsync,
   * runAsync or a CompletionStage *Async method that has none. Null where the executor is not an
   * argument: a receiver ({@code pool.submit(task)}), a parallel stream.
   */
  public static @Nullable SuggestedFix passExecutor(
      AsyncContext context, String executor, VisitorState state) {
    MethodInvocationTree callback = context.callbackOf();
    ExpressionTree current = context.source();
    if (callback == null
        || callback.getArguments().isEmpty()
        || !(context.isSharedPool() || context.kind() == AsyncContext.Kind.OFFLOADED)) {
      return null;
    }
    if (current != null) {
      return Trees.isArgument(current, callback) ? SuggestedFix.replace(current, executor) : null;
    }
    Symbol method = ASTHelpers.getSymbol(callback);
    boolean takesExecutor =
        AsyncWraps.isSupplyOrRunAsync(callback, state)
            || (method != null
                && !method.isStatic()
                && Symbols.name(method, state).endsWith(Jdk.ASYNC_SUFFIX)
                && AsyncTypes.isOwnedBy(method, Jdk.COMPLETION_STAGE, state));
    return takesExecutor
        ? SuggestedFix.postfixWith(
            callback.getArguments().get(callback.getArguments().size() - 1), ", " + executor)
        : null;
  }

  /**
   * Renames the call that a lambda or method reference is passed to, and puts a new lambda in its
   * place: {@code doOnNext(x -> save(x))} to {@code concatMap(x -> save(x).thenReturn(x))}.
   */
  public static SuggestedFix recompose(
      MethodInvocationTree call,
      Tree functional,
      String newName,
      String newLambda,
      VisitorState state) {
    return SuggestedFix.builder()
        .merge(SuggestedFixes.renameMethodInvocation(call, newName, state))
        .replace(functional, newLambda)
        .build();
  }

  /**
   * Turns a callback that starts work and drops it into the composing operator that waits for it:
   *
   * <ul>
   *   <li>Reactor {@code doOnNext(x -> inner)} to {@code concatMap(x -> inner.thenReturn(x))}
   *       ({@code flatMap} on a Mono): the element still flows on, once the inner work is done;
   *   <li>{@code thenAccept(x -> inner)} and {@code thenRun(() -> inner)} (and their Async forms)
   *       to {@code thenCompose(x -> inner)}, with {@code inner.then().toFuture()} for a Reactor
   *       publisher, which subscribes to it.
   * </ul>
   *
   * @param call the operator the callback is passed to
   * @param functional the lambda, or a method reference of one parameter
   * @param inner for a lambda, the expression of the inner work (its body, or what it subscribes
   *     to); ignored for a method reference, whose call stands for it
   * @param innerKind the type of the inner work
   * @param innerIsVoid true if the inner future carries no value ({@code CompletableFuture<Void>}),
   *     so that {@code thenCompose} keeps the stage's type; a Reactor publisher is always made a
   *     {@code CompletableFuture<Void>}
   * @return the fix, or null where the rewrite is not mechanical
   */
  public static @Nullable SuggestedFix composeCallback(
      MethodInvocationTree call,
      Tree functional,
      @Nullable ExpressionTree inner,
      AsyncKind innerKind,
      boolean innerIsVoid,
      VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    Library.CallbackTwin twin = method == null ? null : Libraries.callbackTwin(method, state);
    if (twin == null) {
      return null;
    }
    String parameter;
    String innerSource;
    if (functional instanceof LambdaExpressionTree lambda) {
      if (lambda.getParameters().size() > 1 || inner == null) {
        return null;
      }
      parameter =
          lambda.getParameters().isEmpty()
              ? null
              : lambda.getParameters().get(0).getName().toString();
      innerSource = state.getSourceForNode(inner);
    } else if (functional instanceof MemberReferenceTree reference
        && FixSources.takesOneValue(reference, state)) {
      parameter = FixSources.freshName("item", state);
      innerSource = FixSources.callOf(reference, parameter, state);
    } else {
      return null;
    }
    if (innerSource == null) {
      return null;
    }
    if (twin.passesValueOn()) {
      String body =
          parameter == null ? null : Vocabulary.thenReturn(innerKind, innerSource, parameter);
      return body == null
          ? null
          : recompose(call, functional, twin.twin(), parameter + " -> " + body, state);
    }
    String body = Vocabulary.asStage(innerKind, innerSource);
    if (body == null || (!innerKind.isLazy() && !innerIsVoid)) {
      return null;
    }
    String lambdaParameter = parameter != null ? parameter : FixSources.freshName("ignored", state);
    return recompose(call, functional, twin.twin(), lambdaParameter + " -> " + body, state);
  }

  /**
   * Composes a dropped Reactor publisher into the return statement that follows it: {@code
   * repo.save(order); return ok(order);} to {@code return repo.save(order).then(ok(order));}
   * ({@code thenMany} when the returned publisher is a Flux). Null unless the statement drops a
   * Mono or Flux and the next statement returns one.
   */
  public static @Nullable SuggestedFix thenBeforeReturn(
      Tree statement, Tree dropped, AsyncKind droppedKind, VisitorState state) {
    TreePath statementPath = Trees.pathOf(statement, state.getPath());
    if (statementPath == null
        || !(statementPath.getParentPath().getLeaf() instanceof BlockTree block)
        || Vocabulary.continueWith(droppedKind) == null) {
      return null;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(statement);
    if (index + 1 >= statements.size() || !(statements.get(index + 1) instanceof ReturnTree next)) {
      return null;
    }
    ExpressionTree returned = next.getExpression();
    String operator = Vocabulary.continueWith(AsyncTypes.kindOf(returned, state));
    if (operator == null) {
      return null;
    }
    // Deletes the statement, and the blank space after it unless a comment there must stay.
    int start = ASTHelpers.getStartPosition(statement);
    int end = state.getEndPosition(statement);
    int following = ASTHelpers.getStartPosition(next);
    CharSequence source = state.getSourceCode();
    boolean blank = source.subSequence(end, following).toString().isBlank();
    while (end < following && source.charAt(end) == ' ') {
      end++;
    }
    return SuggestedFix.builder()
        .replace(start, blank ? following : end, "")
        .replace(
            returned,
            state.getSourceForNode(dropped)
                + "."
                + operator
                + "("
                + state.getSourceForNode(returned)
                + ")")
        .build();
  }

  /**
   * {@code executor.submit(runnable)} to {@code executor.execute(runnable)}, which hands a failure
   * to the thread's uncaught-exception handler; null unless the {@code Runnable} overload was
   * chosen, or where {@code execute} keeps the failure in a Future too ({@link
   * Drops#executeKeepsFailures}).
   */
  public static @Nullable SuggestedFix executeInstead(Tree submit, VisitorState state) {
    if (!(submit instanceof MethodInvocationTree call)
        || Drops.executeKeepsFailures(call, state)
        || !(ASTHelpers.getSymbol(submit) instanceof MethodSymbol method)
        || method.getParameters().size() != 1
        || !method
            .getParameters()
            .get(0)
            .type
            .tsym
            .getQualifiedName()
            .contentEquals(Jdk.RUNNABLE)) {
      return null;
    }
    return SuggestedFixes.renameMethodInvocation(call, "execute", state);
  }

  /**
   * {@link #returnDropped} for a drop that ends a void method whose return type may change; null
   * for any other drop. {@code state} is at the dropped tree.
   */
  public static @Nullable SuggestedFix returnDroppedAtEnd(Drops.Drop drop, VisitorState state) {
    MethodTree method = Drops.endOfVoidMethod(drop, state);
    if (method == null || !FixSources.mayChangeReturnType(method, state)) {
      return null;
    }
    VoidEnds.Ends ends = VoidEnds.of(method.getBody());
    if (ends.openEnded()) {
      return null; // a path that starts nothing would need a value of its own to return
    }
    TreePath methodPath = Trees.pathOf(method, state.getPath());
    List<ExpressionStatementTree> lasts = new ArrayList<>();
    for (StatementTree end : ends.statements()) {
      // Every end must drop a future of the same type, or the method has no one type to return.
      TreePath endPath = methodPath == null ? null : TreePath.getPath(methodPath, end);
      if (endPath == null
          || !(end instanceof ExpressionStatementTree statement)
          || !sameDrop(new TreePath(endPath, statement.getExpression()), drop, state)) {
        return null;
      }
      lasts.add(statement);
    }
    return returnDropped(method, lasts, drop.type(), state);
  }

  private static boolean sameDrop(TreePath path, Drops.Drop drop, VisitorState state) {
    if (path.getLeaf() == drop.tree()) {
      return true;
    }
    Drops.Drop other = Drops.of(path, state);
    return other != null
        && Drops.endOfVoidMethod(other, state.withPath(path)) != null
        && state.getTypes().isSameType(other.type(), drop.type());
  }

  /**
   * Makes a void method return the future that its last statements drop ({@link VoidEnds}): the
   * return type becomes {@code type}, each of those statements {@code return ...;}, and each
   * earlier {@code return;} returns the empty completed value of the type. Null where the type
   * cannot be written, has no empty value, or is a future of a future. AsyncVoid and
   * UnobservedFuture offer the same fix, which patch mode applies once.
   */
  public static @Nullable SuggestedFix returnDropped(
      MethodTree method, List<ExpressionStatementTree> lasts, Type type, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String typeSource = Imports.prettyType(state, fix, type);
    List<ReturnTree> returns = Lambdas.ownReturns(method.getBody());
    String empty = returns.isEmpty() ? "" : emptyValue(type, fix, state);
    if (typeSource.contains("capture#")
        || empty == null
        || AsyncTypes.valueKind(type, state) != null) {
      // A future of a future: UnobservedFuture's fix flattens it first, which changes the type.
      return null;
    }
    // An insertion, not a replacement of the statement, so that the fixes of other findings
    // inside the statement still apply beside it.
    fix.replace(method.getReturnType(), typeSource);
    for (ExpressionStatementTree last : lasts) {
      fix.prefixWith(last, "return ");
    }
    for (ReturnTree ret : returns) {
      fix.replace(ret, "return " + empty + ";");
    }
    return fix.build();
  }

  /**
   * Renames the map that makes a lost future of a future to its composing twin, where that changes
   * nothing but the nesting: the nested value is lost at the map itself, and a twin that takes
   * another functional interface (Guava's transformAsync an AsyncFunction) is given a lambda or
   * method reference, which fits both.
   */
  public static @Nullable SuggestedFix composeNested(
      NestedFutures.Nested nested, VisitorState state) {
    ComposeTwin twin = Operators.composeTwinOf(nested.map(), nested.inner(), state);
    ExpressionTree mapper = Operators.mapper(nested.map());
    if (twin == null
        || !nested.direct()
        || (twin.otherFunctionType() && (mapper == null || !Trees.isFunctional(mapper)))) {
      return null;
    }
    return SuggestedFixes.renameMethodInvocation(nested.map(), twin.twin(), state);
  }
}
