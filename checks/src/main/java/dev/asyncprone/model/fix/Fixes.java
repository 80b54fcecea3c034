package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.FindIdentifiers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.await.AsyncWraps;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.javac.Lambdas;
import dev.asyncprone.model.javac.NewLocals;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.observe.Drops;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/** Shared builders for suggested fixes. */
public final class Fixes {
  private Fixes() {}

  /**
   * The future an await waits on, with a trailing {@code toCompletableFuture()} dropped: {@code
   * g(x)} for {@code g(x).toCompletableFuture()}.
   */
  public static ExpressionTree stripToCompletableFuture(ExpressionTree future) {
    ExpressionTree e = ASTHelpers.stripParentheses(future);
    if (e instanceof MethodInvocationTree
        && Trees.methodName(e).equals("toCompletableFuture")
        && ((MethodInvocationTree) e).getArguments().isEmpty()
        && Trees.receiver(e) != null) {
      return Trees.receiver(e);
    }
    return e;
  }

  /** The source of {@link #stripToCompletableFuture}, to put in place of an await. */
  public static String awaitedSource(ExpressionTree future, VisitorState state) {
    return state.getSourceForNode(stripToCompletableFuture(future));
  }

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
    switch (kind) {
      case COMPLETABLE_FUTURE:
      case COMPLETION_STAGE:
      case FUTURE:
        return qualify(fix, state, AsyncKind.COMPLETABLE_FUTURE.className())
            + ".completedFuture(null)";
      case LISTENABLE_FUTURE:
        return qualify(fix, state, "com.google.common.util.concurrent.Futures")
            + ".immediateFuture(null)";
      case MONO:
      case FLUX:
      case RX_MAYBE:
      case RX_OBSERVABLE:
      case RX_FLOWABLE:
        return qualify(fix, state, kind.className()) + ".empty()";
      case RX_COMPLETABLE:
        return qualify(fix, state, kind.className()) + ".complete()";
      case UNI:
        return qualify(fix, state, kind.className()) + ".createFrom().nullItem()";
      case MULTI:
        return qualify(fix, state, kind.className()) + ".createFrom().empty()";
      case VERTX_FUTURE:
        return qualify(fix, state, kind.className()) + ".succeededFuture()";
      default:
        return null;
    }
  }

  /**
   * The one executor that code at {@code path} can name by its simple name and that is annotated
   * {@code @BlockingExecutor}: a field, parameter or local variable whose type is an Executor. Null
   * if there is none, or more than one, so that a fix never has to guess. A variable hidden by
   * another of the same name does not count; nor does an instance field in a static context, or a
   * local that a lambda could not capture.
   */
  public static @Nullable VarSymbol soleBlockingExecutor(TreePath path, VisitorState state) {
    Set<String> names = new HashSet<>();
    VarSymbol found = null;
    for (VarSymbol variable : FindIdentifiers.findAllIdents(state.withPath(path))) {
      if (!names.add(Symbols.name(variable, state))) {
        continue;
      }
      if (Annotations.has(variable, Annotations.BLOCKING_EXECUTOR, state)
          && AsyncTypes.isSubtypeNamed(variable.type, "java.util.concurrent.Executor", state)) {
        if (found != null) {
          return null;
        }
        found = variable;
      }
    }
    return found;
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}, ...: the first that names no variable in scope
   * at {@code state}'s path, for a lambda parameter that a fix introduces there.
   */
  public static String freshName(String base, VisitorState state) {
    return NewLocals.freshName(base, NewLocals.visibleNames(state));
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
    com.sun.tools.javac.code.Symbol method = ASTHelpers.getSymbol(callback);
    boolean takesExecutor =
        AsyncWraps.isSupplyOrRunAsync(callback, state)
            || (method != null
                && !method.isStatic()
                && Symbols.name(method, state).endsWith("Async")
                && AsyncTypes.isOwnedBy(method, AsyncKind.COMPLETION_STAGE.className(), state));
    return takesExecutor
        ? SuggestedFix.postfixWith(
            callback.getArguments().get(callback.getArguments().size() - 1), ", " + executor)
        : null;
  }

  private static String qualify(SuggestedFix.Builder fix, VisitorState state, String className) {
    return SuggestedFixes.qualifyType(state, fix, className);
  }

  /**
   * The operator that waits for a publisher returned per element, keeping the shape of a Reactor
   * source: {@code flatMap} on a Mono, {@code concatMap} on a Flux (which keeps the order and runs
   * one at a time). Null for other types.
   */
  public static @Nullable String reactorCompose(@Nullable AsyncKind source) {
    if (source == AsyncKind.MONO) {
      return "flatMap";
    }
    return source == AsyncKind.FLUX ? "concatMap" : null;
  }

  /**
   * {@code inner.thenReturn(value)}: a Reactor Mono that waits for {@code inner} to complete (and
   * fails if it fails), then emits {@code value}; {@code inner.then().thenReturn(value)} for a
   * Flux. Null for other types.
   */
  public static @Nullable String thenReturn(
      String innerSource, @Nullable AsyncKind inner, String valueSource) {
    if (inner == AsyncKind.MONO) {
      return innerSource + ".thenReturn(" + valueSource + ")";
    }
    if (inner == AsyncKind.FLUX) {
      return innerSource + ".then().thenReturn(" + valueSource + ")";
    }
    return null;
  }

  /**
   * A {@code CompletionStage<Void>}-compatible expression that completes when {@code inner} does:
   * {@code inner} itself for a CompletableFuture or CompletionStage, {@code
   * inner.then().toFuture()} for a Reactor Mono or Flux (which subscribes to it). Null for other
   * types.
   */
  public static @Nullable String asStage(String innerSource, @Nullable AsyncKind inner) {
    if (inner == AsyncKind.COMPLETABLE_FUTURE || inner == AsyncKind.COMPLETION_STAGE) {
      return innerSource;
    }
    if (inner == AsyncKind.MONO || inner == AsyncKind.FLUX) {
      return innerSource + ".then().toFuture()";
    }
    return null;
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
    if (method == null || method.isStatic()) {
      return null;
    }
    String name = Symbols.name(method, state);
    String parameter;
    String innerSource;
    if (functional instanceof LambdaExpressionTree) {
      LambdaExpressionTree lambda = (LambdaExpressionTree) functional;
      if (lambda.getParameters().size() > 1 || inner == null) {
        return null;
      }
      parameter =
          lambda.getParameters().isEmpty()
              ? null
              : lambda.getParameters().get(0).getName().toString();
      innerSource = state.getSourceForNode(inner);
    } else if (functional instanceof MemberReferenceTree && !name.startsWith("thenRun")) {
      parameter = freshName("item", state);
      innerSource = callOf((MemberReferenceTree) functional, parameter, state);
    } else {
      return null;
    }
    if (innerSource == null) {
      return null;
    }
    AsyncKind receiver = AsyncTypes.kindOf(method.owner.type, state);
    if (name.equals("doOnNext") && parameter != null) {
      String operator = reactorCompose(receiver);
      String body = thenReturn(innerSource, innerKind, parameter);
      return operator == null || body == null
          ? null
          : recompose(call, functional, operator, parameter + " -> " + body, state);
    }
    boolean stage =
        receiver == AsyncKind.COMPLETABLE_FUTURE || receiver == AsyncKind.COMPLETION_STAGE;
    boolean acceptOrRun =
        name.equals("thenAccept")
            || name.equals("thenAcceptAsync")
            || name.equals("thenRun")
            || name.equals("thenRunAsync");
    String body = asStage(innerSource, innerKind);
    if (!stage || !acceptOrRun || body == null || (!innerKind.isLazy() && !innerIsVoid)) {
      return null;
    }
    String lambdaParameter = parameter != null ? parameter : freshName("ignored", state);
    return recompose(
        call,
        functional,
        name.endsWith("Async") ? "thenComposeAsync" : "thenCompose",
        lambdaParameter + " -> " + body,
        state);
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
        || !(statementPath.getParentPath().getLeaf() instanceof BlockTree)
        || (droppedKind != AsyncKind.MONO && droppedKind != AsyncKind.FLUX)) {
      return null;
    }
    List<? extends StatementTree> statements =
        ((BlockTree) statementPath.getParentPath().getLeaf()).getStatements();
    int index = statements.indexOf(statement);
    if (index + 1 >= statements.size() || !(statements.get(index + 1) instanceof ReturnTree)) {
      return null;
    }
    ReturnTree next = (ReturnTree) statements.get(index + 1);
    ExpressionTree returned = next.getExpression();
    AsyncKind returnedKind = AsyncTypes.kindOf(returned, state);
    String operator =
        returnedKind == AsyncKind.MONO
            ? "then"
            : returnedKind == AsyncKind.FLUX ? "thenMany" : null;
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
   * chosen.
   */
  public static @Nullable SuggestedFix executeInstead(Tree submit, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(submit);
    if (!(submit instanceof MethodInvocationTree)
        || !(symbol instanceof MethodSymbol)
        || ((MethodSymbol) symbol).getParameters().size() != 1
        || !((MethodSymbol) symbol)
            .getParameters()
            .get(0)
            .type
            .tsym
            .getQualifiedName()
            .contentEquals("java.lang.Runnable")) {
      return null;
    }
    return SuggestedFixes.renameMethodInvocation((MethodInvocationTree) submit, "execute", state);
  }

  /**
   * {@link #returnDropped} for a drop that ends a void method whose return type may change; null
   * for any other drop. {@code state} is at the dropped tree.
   */
  public static @Nullable SuggestedFix returnDroppedAtEnd(Drops.Drop drop, VisitorState state) {
    MethodTree method = Drops.endOfVoidMethod(drop, state);
    return method == null || !mayChangeReturnType(method, state)
        ? null
        : returnDropped(method, (ExpressionStatementTree) drop.use().user(), drop.type(), state);
  }

  /**
   * True if a fix may change the return type of {@code method}: it is private or package-private,
   * overrides nothing, and carries no annotation (a framework that calls an annotated method, such
   * as {@code @Scheduled} or {@code @PostConstruct}, decides what it may return).
   */
  public static boolean mayChangeReturnType(MethodTree method, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    Set<Modifier> modifiers = symbol.getModifiers();
    return !modifiers.contains(Modifier.PUBLIC)
        && !modifiers.contains(Modifier.PROTECTED)
        && method.getModifiers().getAnnotations().isEmpty()
        && ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty();
  }

  /**
   * Makes a void method return the future that its last statement drops: the return type becomes
   * {@code type}, the statement {@code return ...;}, and each earlier {@code return;} returns the
   * empty completed value of the type. Null where the type cannot be written, has no empty value,
   * or is a future of a future. AsyncVoid and UnobservedFuture offer the same fix, which patch mode
   * applies once.
   */
  public static @Nullable SuggestedFix returnDropped(
      MethodTree method, ExpressionStatementTree last, Type type, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String typeSource = SuggestedFixes.prettyType(state, fix, type);
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
    fix.replace(method.getReturnType(), typeSource).prefixWith(last, "return ");
    for (ReturnTree ret : returns) {
      fix.replace(ret, "return " + empty + ";");
    }
    return fix.build();
  }

  /**
   * The source of a call of what a one-argument method reference refers to, with {@code argument}
   * as its argument: {@code repo.save(order)} for {@code repo::save}, {@code Repo.save(order)} for
   * a static {@code Repo::save}, {@code order.save()} for an unbound {@code Order::save}. Null for
   * constructor references and qualifiers that are neither a name nor {@code this}.
   */
  public static @Nullable String callOf(
      MemberReferenceTree reference, String argument, VisitorState state) {
    if (reference.getMode() != MemberReferenceTree.ReferenceMode.INVOKE) {
      return null;
    }
    ExpressionTree qualifier = reference.getQualifierExpression();
    if (!(qualifier instanceof IdentifierTree || qualifier instanceof MemberSelectTree)) {
      return null;
    }
    Symbol method = ASTHelpers.getSymbol(reference);
    Symbol qualifierSymbol = ASTHelpers.getSymbol(qualifier);
    if (method == null) {
      return null;
    }
    String name = reference.getName().toString();
    boolean qualifierIsType = qualifierSymbol instanceof Symbol.TypeSymbol;
    if (qualifierIsType && !method.isStatic()) {
      return argument + "." + name + "()";
    }
    return state.getSourceForNode(qualifier) + "." + name + "(" + argument + ")";
  }
}
