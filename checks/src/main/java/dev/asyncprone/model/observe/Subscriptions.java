package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TargetType;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Library;
import dev.asyncprone.model.api.libraries.Mutiny;
import dev.asyncprone.model.api.libraries.ReactiveStreams;
import dev.asyncprone.model.api.libraries.Reactor;
import dev.asyncprone.model.api.libraries.Vocabulary;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.javac.FunctionalTargets;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The calls that subscribe to a publisher and start it: Reactor's and RxJava's {@code subscribe},
 * Mutiny's {@code subscribe().with(...)}; whether they give errors somewhere to go; and whether
 * they run inside another pipeline's operator or a future's callback.
 */
public final class Subscriptions {
  private static final String NULLABLE = "Nullable";

  /**
   * A subscription.
   *
   * @param call the {@code subscribe(...)} call (for Mutiny, the {@code subscribe()} that opens the
   *     group)
   * @param publisher what it subscribes to: the receiver of {@code call}
   * @param kind the publisher's type
   * @param handlesErrors true if it passes an error consumer, a whole subscriber or observer, or
   *     (Mutiny) anything but {@code with(onItem)}
   */
  public record Subscription(
      MethodInvocationTree call,
      @Nullable ExpressionTree publisher,
      AsyncKind kind,
      boolean handlesErrors) {
    /** Where an error goes when a subscription has no error consumer, in words for a message. */
    public String droppedErrorHook() {
      Library library = Vocabulary.ofFamily(kind.family());
      String hook = library == null ? null : library.droppedErrorHook();
      return hook != null ? hook : Reactor.TABLE.droppedErrorHook();
    }

    /** True for {@code subscribe()} with no arguments: nothing at all is done with the result. */
    public boolean isBare() {
      return call.getArguments().isEmpty() && kind.family() != AsyncKind.Family.MUTINY;
    }
  }

  private Subscriptions() {}

  /** The subscription that the call at {@code path} is, or null if it is not one. */
  public static @Nullable Subscription of(TreePath path, VisitorState state) {
    if (!(path.getLeaf() instanceof MethodInvocationTree call)) {
      return null;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || method.isStatic() || !Symbols.name(method, state).equals("subscribe")) {
      return null;
    }
    AsyncKind kind = AsyncTypes.kindOf(method.owner.type, state);
    if (kind == null || !kind.isLazy()) {
      return null;
    }
    ExpressionTree publisher = ASTHelpers.getReceiver(call);
    if (kind.family() == AsyncKind.Family.MUTINY) {
      if (!call.getArguments().isEmpty()) {
        return new Subscription(call, publisher, kind, true);
      }
      MethodInvocationTree with = chainedCall(path);
      boolean onItemOnly =
          with != null
              && Trees.methodName(with).equals(Mutiny.SUBSCRIBE_WITH)
              && !passesErrorHandler(with, state);
      return new Subscription(call, publisher, kind, !onItemOnly);
    }
    return new Subscription(call, publisher, kind, passesErrorHandler(call, state));
  }

  /**
   * True if {@code subscription} is one of a publisher's own {@code subscribe} overloads handing on
   * to another on {@code this}: Reactor's {@code Disposable subscribe() { return subscribe(null,
   * null, null); }}. The consumers are its caller's choice, passed on as given; a missing error
   * consumer is found where that caller subscribes, not here. {@code path} is the subscription's.
   */
  public static boolean forwardsOwnSubscribe(
      Subscription subscription, TreePath path, VisitorState state) {
    ExpressionTree publisher =
        subscription.publisher() == null
            ? null
            : ASTHelpers.stripParentheses(subscription.publisher());
    if (publisher != null && !Trees.isThis(publisher)) {
      return false;
    }
    MethodSymbol method = Trees.methodRunning(path);
    if (method == null || method.isStatic() || !Symbols.name(method, state).equals("subscribe")) {
      return false;
    }
    AsyncKind owner = AsyncTypes.kindOf(method.owner.type, state);
    return owner != null && owner.isLazy();
  }

  /**
   * The operator or future callback that the code at {@code state}'s path runs in, if that is where
   * it runs (a subscription there starts a pipeline that the outer one does not wait for); null for
   * code that runs anywhere else.
   */
  public static @Nullable AsyncContext nestedIn(Contexts contexts, VisitorState state) {
    AsyncContext context = contexts.of(state);
    return context.kind() == AsyncContext.Kind.REACTIVE_OPERATOR
            || context.kind() == AsyncContext.Kind.STAGE_CALLBACK
        ? context
        : null;
  }

  /**
   * True if {@code subscription} hands the publisher to a whole Subscriber or Observer object (not
   * consumers): {@code inner.subscribe(dedicatedSubscriber)}, {@code source.subscribe(processor)}.
   * That subscriber takes the Subscription, so it owns the inner pipeline's demand, cancellation
   * and errors: wiring a pipeline on purpose, as a Publisher's own {@code subscribe} does.
   */
  public static boolean handsToSubscriber(Subscription subscription, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(subscription.call());
    if (method == null || subscription.call().getArguments().size() != 1) {
      return false;
    }
    ExpressionTree argument = subscription.call().getArguments().get(0);
    Type type = method.getParameters().isEmpty() ? null : method.getParameters().get(0).type;
    return argument.getKind() != Tree.Kind.NULL_LITERAL
        && type != null
        && !state.getTypes().isFunctionalInterface(type)
        && isSubscriberType(type, state);
  }

  private static boolean isSubscriberType(Type type, VisitorState state) {
    String name = Symbols.name(type.tsym, state);
    for (String subscriber : ReactiveStreams.SUBSCRIBER_NAMES) {
      if (name.endsWith(subscriber)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if a call passes something that receives errors: a consumer of a Throwable ({@code
   * subscribe(onNext, onError)}, Single's {@code subscribe(BiConsumer<T, Throwable>)}) or a whole
   * Subscriber or Observer; or decides in writing that errors go nowhere: a literal {@code null}
   * where the consumer of a Throwable goes and the parameter is {@code @Nullable} (Reactor's are:
   * {@code onTerminate().subscribe(null, null, () -> removeHandler(name))}), which is a choice, not
   * an omission. Any other {@code null} argument passes nothing (RxJava rejects a null there).
   */
  private static boolean passesErrorHandler(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    List<? extends ExpressionTree> arguments = call.getArguments();
    Types types = state.getTypes();
    for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
      Type type = parameters.get(i).type;
      if (arguments.get(i).getKind() == Tree.Kind.NULL_LITERAL) {
        if (consumesThrowable(type, state) && acceptsNull(method, i, parameters.get(i))) {
          return true; // an explicit null error consumer: errors go nowhere, by decision
        }
        continue;
      }
      if (type instanceof Type.ArrayType array) {
        // ParallelFlux.subscribe(CoreSubscriber<? super T>[] subscribers)
        type = array.elemtype;
      }
      if (!types.isFunctionalInterface(type)) {
        // A Subscriber, Observer or CoreSubscriber has an onError of its own; a Context does not.
        if (isSubscriberType(type, state)) {
          return true;
        }
        continue;
      }
      if (consumesThrowable(type, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the {@code index}th parameter of {@code method} is annotated {@code @Nullable}, on the
   * declaration or on its type (Reactor's {@code subscribe} overloads; JSpecify's type-use one).
   */
  private static boolean acceptsNull(MethodSymbol method, int index, VarSymbol parameter) {
    if (Annotations.hasSimpleName(parameter, NULLABLE)
        || FunctionalTargets.isNullableType(parameter.type)) {
      return true;
    }
    for (Attribute.TypeCompound compound : method.getRawTypeAttributes()) {
      if (compound.type.tsym.getSimpleName().contentEquals(NULLABLE)
          && compound.position.type == TargetType.METHOD_FORMAL_PARAMETER
          && compound.position.parameter_index == index) {
        return true;
      }
    }
    return false;
  }

  /** A functional interface of a Throwable: {@code Consumer<? super Throwable>}, a BiConsumer. */
  private static boolean consumesThrowable(Type type, VisitorState state) {
    if (!state.getTypes().isFunctionalInterface(type)) {
      return false;
    }
    for (Type argument : type.getTypeArguments()) {
      Type bound = argument instanceof Type.WildcardType wildcard ? wildcard.type : argument;
      if (bound != null && AsyncTypes.isSubtypeNamed(bound, JdkTypes.THROWABLE, state)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable MethodInvocationTree chainedCall(TreePath path) {
    TreePath parent = path.getParentPath();
    if (parent != null
        && parent.getLeaf() instanceof MemberSelectTree
        && parent.getParentPath() != null
        && parent.getParentPath().getLeaf() instanceof MethodInvocationTree call) {
      return call;
    }
    return null;
  }
}
