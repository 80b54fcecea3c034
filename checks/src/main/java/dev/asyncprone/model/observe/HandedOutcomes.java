package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Calls handed the means to fail a future that the method then returns: {@code ReplyHandler<T>
 * handler = createReplyHandler(msg); sendOrPubInternal(msg, options, handler); return
 * handler.result();}. The local {@code handler} is a completer (a promise, a reply handler, a sink:
 * an object that is not itself a future, whose type has a method that takes just a {@code
 * Throwable}, such as {@code fail}, {@code tryFail} or {@code error}); the call was given it, so
 * the call's outcome goes to the completer's future, which the caller sees. The future the call
 * itself returns repeats what it reports there.
 *
 * <p>A general fact, read from the shape of the types and not from any library's names: learned
 * from Vert.x's event bus ({@code sendOrPubInternal(msg, options, replyHandler)}), it holds for any
 * promise, sink or emitter handed to the call that does the work.
 */
public final class HandedOutcomes {
  /** How many statements after the call are looked at for the completer's future. */
  private static final int LOOK_AHEAD = 8;

  private static final PerCompilationCache<Symbol, Boolean> COMPLETERS =
      new PerCompilationCache<>();

  private HandedOutcomes() {}

  /**
   * True if {@code call}, dropped as the expression statement {@code statement} (at {@code path},
   * the call's), is handed a local variable that is a completer ({@link #isCompleter}), and one of
   * the next statements of the same block, before the local is assigned again, returns that
   * completer's future ({@code return handler.result();}, {@code return
   * promise.future().map(...);}) or ends a chain on it with a stage that handles failure ({@code
   * promise.future().onComplete(...);}). The completer's future is a no-argument instance call on
   * the local that returns a future-like. Not a completer that is a field or {@code this}, one
   * whose future is dropped or not read, a local that is itself a future ({@code log(order); return
   * order;}: an input, not a channel), nor a stream handed to a pipe ({@code body.pipeTo(request);
   * return request.response();}: a stream has no method that fails it, and its response does not
   * carry the pipe's failure).
   */
  public static boolean givenToReturnedCompleter(
      MethodInvocationTree call, Tree statement, TreePath path, VisitorState state) {
    Set<Symbol> completers = null;
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree a = ASTHelpers.stripParentheses(argument);
      if (!(a instanceof IdentifierTree)) {
        continue;
      }
      Symbol local = ASTHelpers.getSymbol(a);
      if (local != null
          && local.getKind() == ElementKind.LOCAL_VARIABLE
          && isCompleter(local.type, state)) {
        if (completers == null) {
          completers = new HashSet<>();
        }
        completers.add(local);
      }
    }
    if (completers == null) {
      return false;
    }
    TreePath statementPath = Trees.pathOf(statement, path);
    TreePath blockPath = statementPath == null ? null : statementPath.getParentPath();
    if (blockPath == null || !(blockPath.getLeaf() instanceof BlockTree)) {
      return false;
    }
    BlockTree block = (BlockTree) blockPath.getLeaf();
    boolean after = false;
    int seen = 0;
    for (StatementTree s : block.getStatements()) {
      if (!after) {
        after = s == statement;
        continue;
      }
      if (++seen > LOOK_AHEAD) {
        return false;
      }
      if (s instanceof ReturnTree returned) {
        return futureOf(returned.getExpression(), completers, state);
      }
      if (s instanceof ExpressionStatementTree statementOf) {
        ExpressionTree e = statementOf.getExpression();
        if (e instanceof AssignmentTree assignment
            && completers.contains(ASTHelpers.getSymbol(assignment.getVariable()))) {
          return false; // the local now holds another completer
        }
        if (futureOf(e, completers, state) && Chains.handlesFailure(e, state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if {@code call} is handed a future the object holds in a field and hands out to its
   * callers ({@code newAckCommandAndWrite(cnx, ..., (TimedCompletableFuture<Void>)
   * this.currentAckFuture, ...)}, where another method returns {@code currentAckFuture}): a future
   * given to a call is the completer of its outcome, and whoever asked for that field's future sees
   * it. The future the call returns repeats it.
   */
  public static boolean givenHandedOutFuture(MethodInvocationTree call, VisitorState state) {
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree a = ASTHelpers.stripParentheses(argument);
      while (a instanceof TypeCastTree cast) {
        a = ASTHelpers.stripParentheses(cast.getExpression());
      }
      if (!(a instanceof IdentifierTree || a instanceof MemberSelectTree)) {
        continue;
      }
      Symbol field = ASTHelpers.getSymbol(a);
      AsyncKind kind = field == null ? null : AsyncTypes.kindOf(field.type, state);
      if (field != null
          && field.getKind() == ElementKind.FIELD
          && kind != null
          && !kind.isLazy()
          && SideContinuations.handedOut(field, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if objects of {@code type} can be failed and are not futures themselves: the type, or a
   * supertype, has an instance method that takes just a {@code Throwable} or a subclass of it
   * (Vert.x {@code Promise.fail}, {@code tryFail}; Reactor {@code MonoSink.error}; RxJava {@code
   * Emitter.onError}; a reply handler's {@code fail(ReplyException)}). Not an exception, which
   * takes another in {@code initCause} and {@code addSuppressed}. Answered once per type.
   */
  public static boolean isCompleter(@Nullable Type type, VisitorState state) {
    if (type == null
        || !type.hasTag(TypeTag.CLASS)
        || type.tsym == null
        || AsyncTypes.kindOf(type, state) != null) {
      return false;
    }
    Type classType = type;
    return COMPLETERS.get(type.tsym, state, t -> canBeFailed(classType, state));
  }

  private static boolean canBeFailed(Type type, VisitorState state) {
    Types types = state.getTypes();
    Type throwable = state.getSymtab().throwableType;
    if (types.isSubtype(types.erasure(type), throwable)) {
      return false;
    }
    for (Type supertype : types.closure(types.erasure(type))) {
      for (Symbol member : supertype.tsym.members().getSymbols()) {
        if (member instanceof MethodSymbol method
            && !method.isStatic()
            && !method.isConstructor()) {
          List<Symbol.VarSymbol> parameters = method.getParameters();
          if (parameters.size() == 1
              && types.isSubtype(types.erasure(parameters.get(0).type), throwable)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True if {@code expression} is a chain on {@code completer.m()}, a future of one of them. */
  private static boolean futureOf(
      @Nullable ExpressionTree expression, Set<Symbol> completers, VisitorState state) {
    ExpressionTree e = expression == null ? null : ASTHelpers.stripParentheses(expression);
    while (e instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.stripParentheses(Trees.receiver(call));
      if (receiver instanceof IdentifierTree
          && call.getArguments().isEmpty()
          && completers.contains(ASTHelpers.getSymbol(receiver))) {
        MethodSymbol method = ASTHelpers.getSymbol(call);
        return method != null
            && !method.isStatic()
            && AsyncTypes.kindOf(ASTHelpers.getType(call), state) != null;
      }
      e = receiver;
    }
    return false;
  }
}
