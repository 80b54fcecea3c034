package dev.asyncprone.model.oneshot;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.Awaits;
import dev.asyncprone.model.api.libraries.Contracts;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.Mutiny;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Uses;
import dev.asyncprone.model.oneshot.OneShotValues.How;
import dev.asyncprone.model.oneshot.OneShotValues.Use;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The uses that consume a one-shot value ({@link OneShotValues}): an await, a subscription, a
 * stream operation, a call that derives a new future, publisher or stream from it, an iteration,
 * passing it to an {@code @AwaitOnce} parameter or to an operator that composes it; and the methods
 * that run a lambda many times.
 */
final class Consumptions {
  /** A stream's close hook runs once, whatever the stream's elements. */
  private static final String ON_CLOSE = "onClose";

  private Consumptions() {}

  /** The uses a call makes of local variables' values that consume them. */
  static List<Use> usesIn(Tree invocation, VisitorState state) {
    List<Use> uses = new ArrayList<>();
    if (!(ASTHelpers.getSymbol(invocation) instanceof MethodSymbol method)) {
      return uses;
    }
    ExpressionTree awaited = null;
    if (invocation instanceof MethodInvocationTree call) {
      if (!method.isStatic()) {
        VarSymbol receiver = root(Trees.receiver(call), state);
        if (receiver != null && consumes(call, method, state)) {
          uses.add(new Use(receiver, call, How.CALL, null));
        }
      } else {
        Awaits.Await await = Awaits.of(call, state);
        awaited = await == null ? null : OneShotValues.strip(await.future());
        VarSymbol variable = OneShotValues.local(awaited);
        if (variable != null) {
          uses.add(new Use(variable, call, How.CALL, null));
        }
      }
    }
    List<? extends ExpressionTree> arguments = Trees.arguments(invocation);
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < arguments.size() && !parameters.isEmpty(); i++) {
      ExpressionTree argument = arguments.get(i);
      VarSymbol variable = OneShotValues.local(argument);
      if (variable == null || OneShotValues.strip(argument) == awaited) {
        continue;
      }
      VarSymbol parameter = parameters.get(Math.min(i, parameters.size() - 1));
      if (Annotations.has(parameter, Contracts.AWAIT_ONCE, state)
          || composes(method, parameter, state)) {
        uses.add(new Use(variable, argument, How.ARGUMENT, invocation));
      }
    }
    return uses;
  }

  /** The use a method reference bound to a local makes of it ({@code m::block}), or null. */
  static @Nullable Use useIn(MemberReferenceTree reference, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(reference);
    VarSymbol variable = OneShotValues.local(reference.getQualifierExpression());
    if (variable == null
        || !(symbol instanceof MethodSymbol method)
        || method.isStatic()
        || !consumes(reference, method, state)) {
      return null;
    }
    return new Use(variable, reference, How.REFERENCE, null);
  }

  /** The use an enhanced for loop makes of the local it iterates, or null. */
  static @Nullable Use useIn(EnhancedForLoopTree loop, VisitorState state) {
    VarSymbol variable = OneShotValues.local(loop.getExpression());
    if (variable == null || !AsyncTypes.isSubtypeNamed(variable.type, JdkTypes.ITERABLE, state)) {
      return null;
    }
    return new Use(variable, OneShotValues.strip(loop.getExpression()), How.ITERATION, loop);
  }

  /**
   * The method that may run the lambda or method reference at {@code functionalPath} many times: a
   * stream or collector step, {@code Iterable.forEach}, a per-element operator of a Flux,
   * Observable or Multi, a comparator, a periodic task. Null if it runs at most once per call (as a
   * future's callback does) or nothing is known.
   */
  static @Nullable String repeatedBy(TreePath functionalPath, VisitorState state) {
    MethodInvocationTree call = Uses.handedTo(functionalPath);
    MethodSymbol method = call == null ? null : ASTHelpers.getSymbol(call);
    if (method == null) {
      return null;
    }
    String name = Symbols.name(method, state);
    Type owner = method.owner.type;
    String ownerName = Symbols.qualifiedName(method.owner, state);
    if (OneShotValues.isStream(owner, state)
        || ownerName.equals(JdkTypes.COLLECTORS)
        || ownerName.equals(JdkTypes.COMPARATOR)) {
      return name.equals(ON_CLOSE) ? null : name;
    }
    if (JdkTypes.COLLECTION_PER_ELEMENT.contains(name)
        && (AsyncTypes.isSubtypeNamed(owner, JdkTypes.ITERABLE, state)
            || AsyncTypes.isSubtypeNamed(owner, JdkTypes.ITERATOR, state)
            || AsyncTypes.isSubtypeNamed(owner, JdkTypes.MAP, state))
        && !name.equals("compute")) {
      return name;
    }
    if (Jdk.PERIODIC.contains(name)
        && AsyncTypes.isSubtypeNamed(owner, Jdk.SCHEDULED_EXECUTOR_SERVICE, state)) {
      return name;
    }
    // Multi's per-element operators are read through its groups, below.
    AsyncKind kind = AsyncTypes.kindOf(owner, state);
    if (kind != null
        && kind.emitsMany()
        && kind != AsyncKind.MULTI
        && Libraries.isPerElementOperator(name)) {
      return name;
    }
    for (String group : Mutiny.PER_ELEMENT_GROUPS) {
      if (ownerName.startsWith(group)) {
        return name;
      }
    }
    return null;
  }

  /**
   * True if {@code method}, called on a value, consumes it: an await, a subscription, a stream
   * operation, a method that derives a new future, publisher or stream from it, an iteration.
   */
  static boolean consumes(Tree callOrReference, MethodSymbol method, VisitorState state) {
    if (isObjectMethod(method) || isPassThrough(method, state)) {
      return false;
    }
    if (Awaits.of(callOrReference, state) != null) {
      return true;
    }
    String name = Symbols.name(method, state);
    if (name.startsWith("subscribe")) {
      return true;
    }
    if (OneShotValues.isStream(method.owner.type, state)) {
      return !name.equals("close") && !name.equals("isParallel");
    }
    Type returned = method.getReturnType();
    if (AsyncTypes.isFutureLike(returned, state) || OneShotValues.isStream(returned, state)) {
      return true;
    }
    return AsyncTypes.isSubtypeNamed(method.owner.type, JdkTypes.ITERABLE, state)
        && (name.equals("iterator") || name.equals("spliterator") || name.equals("forEach"));
  }

  /**
   * The local a call is made on, through calls that hand back the same value: {@code s} for {@code
   * s.parallel()}, {@code f} for {@code f.toCompletableFuture()}, {@code uni} for {@code
   * uni.onItem()}.
   */
  private static @Nullable VarSymbol root(@Nullable ExpressionTree receiver, VisitorState state) {
    ExpressionTree e = OneShotValues.strip(receiver);
    while (e instanceof MethodInvocationTree) {
      MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) e);
      if (method == null || method.isStatic() || !isPassThrough(method, state)) {
        return null;
      }
      e = OneShotValues.strip(Trees.receiver(e));
    }
    return OneShotValues.local(e);
  }

  private static boolean isPassThrough(MethodSymbol method, VisitorState state) {
    String name = Symbols.name(method, state);
    if (JdkTypes.STREAM_PASS_THROUGH.contains(name)
        && OneShotValues.isStream(method.owner.type, state)) {
      return true;
    }
    if (Jdk.SAME_FUTURE.contains(name)
        && AsyncTypes.isOwnedBy(method, Jdk.COMPLETION_STAGE, state)) {
      return true;
    }
    return isMutinyGroup(method, state) && !name.startsWith("subscribe");
  }

  /** {@code uni.onItem()}, {@code uni.await()}: a method of Uni or Multi returning a group. */
  static boolean isMutinyGroup(MethodSymbol method, VisitorState state) {
    AsyncKind owner = AsyncTypes.kindOf(method.owner.type, state);
    Type returned = method.getReturnType();
    return (owner == AsyncKind.UNI || owner == AsyncKind.MULTI)
        && returned != null
        && returned.tsym != null
        && Symbols.qualifiedName(returned.tsym, state).startsWith(Mutiny.GROUPS);
  }

  /**
   * True if {@code parameter} of a reactive or stream operator takes a publisher, future or stream
   * that the operator's result consumes: {@code Mono.zip(a, b)}, {@code then(m)}, {@code
   * Stream.concat(a, b)}, {@code Mono.fromFuture(f)}.
   */
  private static boolean composes(MethodSymbol method, VarSymbol parameter, VisitorState state) {
    AsyncKind owner = AsyncTypes.kindOf(method.owner.type, state);
    if (!((owner != null && owner.isLazy()) || OneShotValues.isStream(method.owner.type, state))) {
      return false;
    }
    Type type = parameter.type;
    if (type.hasTag(TypeTag.ARRAY)) {
      type = state.getTypes().elemtype(type);
    }
    return AsyncTypes.isFutureLike(type, state) || OneShotValues.isStream(type, state);
  }

  private static boolean isObjectMethod(MethodSymbol method) {
    if (method.owner.getQualifiedName().contentEquals(JdkTypes.OBJECT)) {
      return true;
    }
    String name = method.getSimpleName().toString();
    int arity = method.getParameters().size();
    return (arity == 0 && (name.equals("toString") || name.equals("hashCode")))
        || (arity == 1 && name.equals("equals"));
  }
}
