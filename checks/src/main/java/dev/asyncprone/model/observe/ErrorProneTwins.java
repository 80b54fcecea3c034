package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.UnusedReturnValueMatcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Contracts;
import dev.asyncprone.model.api.libraries.ErrorProne;
import dev.asyncprone.model.api.libraries.Jdk;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.ErrorProneChecks;
import org.jspecify.annotations.Nullable;

/**
 * Error Prone's own checks that report a dropped result: FutureReturnValueIgnored (a {@code
 * java.util.concurrent.Future}), RxReturnValueIgnored (an RxJava 1 or 2 type) and CheckReturnValue
 * (a method whose result must be used by annotation). Where one of them runs in this compilation
 * and reports the very call or method reference an asyncprone check would report as dropped, that
 * is one mistake, and asyncprone says nothing there. Each rule is Error Prone's own, as {@link
 * ErrorProne} lists it (the same in Error Prone 2.42.0 and 2.50.0), read with Error Prone's own
 * {@link UnusedReturnValueMatcher} for "dropped".
 */
public final class ErrorProneTwins {
  private static final UnusedReturnValueMatcher UNUSED = UnusedReturnValueMatcher.get(true);

  private ErrorProneTwins() {}

  /**
   * The name of the Error Prone check that reports the value of the call or method reference at
   * {@code path} as dropped, if one runs in this compilation and is not suppressed there; null if
   * none does.
   */
  public static @Nullable String reporting(TreePath path, VisitorState state) {
    if (!(path.getLeaf() instanceof MethodInvocationTree
            || path.getLeaf() instanceof MemberReferenceTree)
        || !(ASTHelpers.getSymbol(path.getLeaf()) instanceof MethodSymbol method)) {
      return null;
    }
    ExpressionTree tree = (ExpressionTree) path.getLeaf();
    VisitorState here = state.withPath(path);
    if (!UNUSED.matches(tree, here)) {
      return null;
    }
    if (futureReturnValueIgnored(tree, method, here)
        && ErrorProneChecks.reportsAt(ErrorProne.FUTURE_RETURN_VALUE_IGNORED, path, here)) {
      return ErrorProne.FUTURE_RETURN_VALUE_IGNORED.name();
    }
    if (rxReturnValueIgnored(tree, method, here)
        && ErrorProneChecks.reportsAt(ErrorProne.RX_RETURN_VALUE_IGNORED, path, here)) {
      return ErrorProne.RX_RETURN_VALUE_IGNORED.name();
    }
    if (checkReturnValue(method, here)
        && ErrorProneChecks.reportsAt(ErrorProne.CHECK_RETURN_VALUE, path, here)) {
      return ErrorProne.CHECK_RETURN_VALUE.name();
    }
    return null;
  }

  /**
   * The name of the Error Prone check that reports the call at {@code path} for making a future of
   * a future, if one runs in this compilation and is not suppressed there: FutureReturnValueIgnored
   * reports any call whose value is a {@code java.util.concurrent.Future} of a {@code Future}
   * ("Method returns a nested type", its {@code checkLostType}), wherever the value goes, unless it
   * reports the call as a dropped result instead. Null if none does.
   */
  public static @Nullable String reportingNested(TreePath path, VisitorState state) {
    if (!(path.getLeaf() instanceof MethodInvocationTree call)) {
      return null;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    VisitorState here = state.withPath(path);
    if (method == null) {
      return null;
    }
    if (UNUSED.matches(call, here) && futureReturnValueIgnored(call, method, here)) {
      return null; // reported as a dropped result: another reason than the nesting
    }
    Type future = here.getTypeFromString(Jdk.FUTURE);
    Type result = ASTHelpers.getType(call);
    Type asFuture =
        future == null || result == null ? null : here.getTypes().asSuper(result, future.tsym);
    if (asFuture == null
        || asFuture.isRaw()
        || asFuture.getTypeArguments().isEmpty()
        || !AsyncTypes.isSubtypeNamed(
            ASTHelpers.getUpperBound(asFuture.getTypeArguments().get(0), here.getTypes()),
            Jdk.FUTURE,
            here)
        || !ErrorProneChecks.reportsAt(ErrorProne.FUTURE_RETURN_VALUE_IGNORED, path, here)) {
      return null;
    }
    return ErrorProne.FUTURE_RETURN_VALUE_IGNORED.name();
  }

  /**
   * FutureReturnValueIgnored's rule: the method's declared return type, at its upper bound, is a
   * Future; neither it nor a method it overrides that returns a Future is CanIgnoreReturnValue; not
   * one of the calls it exempts.
   */
  private static boolean futureReturnValueIgnored(
      ExpressionTree tree, MethodSymbol method, VisitorState state) {
    Types types = state.getTypes();
    if (!returnsFuture(method, types, state)
        || ASTHelpers.hasDirectAnnotationWithSimpleName(method, Contracts.CAN_IGNORE_RETURN_VALUE)
        || ASTHelpers.streamSuperMethods(method, types)
            .anyMatch(
                s ->
                    ASTHelpers.hasDirectAnnotationWithSimpleName(
                            s, Contracts.CAN_IGNORE_RETURN_VALUE)
                        && returnsFuture(s, types, state))) {
      return false;
    }
    for (ErrorProne.Exempt exempt : ErrorProne.FUTURE_IGNORED_METHODS) {
      if (isExempt(exempt, tree, method, state)) {
        return false;
      }
    }
    return true;
  }

  private static boolean returnsFuture(MethodSymbol method, Types types, VisitorState state) {
    return AsyncTypes.isSubtypeNamed(
        ASTHelpers.getUpperBound(method.getReturnType(), types), Jdk.FUTURE, state);
  }

  /** As Error Prone's method matchers: by name, and by the receiver's static type. */
  private static boolean isExempt(
      ErrorProne.Exempt exempt, ExpressionTree tree, MethodSymbol method, VisitorState state) {
    if (method.isStatic()
        || !exempt.names().contains(Symbols.name(method, state))
        || (exempt.noParametersOnly() && !method.getParameters().isEmpty())) {
      return false;
    }
    Type receiver = ASTHelpers.getReceiverType(tree);
    if (receiver == null) {
      return false;
    }
    return exempt.subtypes()
        ? AsyncTypes.isSubtypeNamed(receiver, exempt.receiverClass(), state)
        : Symbols.qualifiedName(receiver.tsym, state).equals(exempt.receiverClass());
  }

  /**
   * RxReturnValueIgnored's rule: a call (not a method reference) whose value is one of RxJava 1's
   * or 2's types; not a CanIgnoreReturnValue method, nor one overriding such a method of the same
   * return type; not {@code Map.put}.
   */
  private static boolean rxReturnValueIgnored(
      ExpressionTree tree, MethodSymbol method, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree)) {
      return false;
    }
    Type type = ASTHelpers.getType(tree);
    boolean rx = false;
    for (String rxType : ErrorProne.RX_TYPES) {
      rx |= AsyncTypes.isSubtypeNamed(type, rxType, state);
    }
    if (!rx
        || ASTHelpers.hasDirectAnnotationWithSimpleName(method, Contracts.CAN_IGNORE_RETURN_VALUE)
        || (AsyncTypes.isSubtypeNamed(method.owner.type, JdkTypes.MAP, state)
            && Symbols.name(method, state).equals("put"))) {
      return false;
    }
    Symbol returned = method.getReturnType().tsym;
    return ASTHelpers.streamSuperMethods(method, state.getTypes())
        .noneMatch(
            s ->
                ASTHelpers.hasDirectAnnotationWithSimpleName(s, Contracts.CAN_IGNORE_RETURN_VALUE)
                    && s.getReturnType().tsym.equals(returned));
  }

  /**
   * CheckReturnValue's rule for annotations: the nearest of the method (where CanIgnoreReturnValue
   * is also inherited from a method it overrides), the classes around it and its package that is
   * annotated CheckReturnValue or CanIgnoreReturnValue decides; with neither, the flag {@code
   * CheckAllMethods}. Its other rules (protocol buffers, AutoValue, Dagger builders, lists of
   * packages or APIs) make builders' results ignorable or name packages by flag: none of them is a
   * future-like type asyncprone reports, and the flags that name packages are not read here.
   */
  private static boolean checkReturnValue(MethodSymbol method, VisitorState state) {
    if (method.isConstructor()) {
      return false;
    }
    if (ASTHelpers.hasDirectAnnotationWithSimpleName(method, Contracts.CHECK_RETURN_VALUE)) {
      return true;
    }
    if (ASTHelpers.hasDirectAnnotationWithSimpleName(method, Contracts.CAN_IGNORE_RETURN_VALUE)
        || ASTHelpers.streamSuperMethods(method, state.getTypes())
            .anyMatch(
                s ->
                    ASTHelpers.hasDirectAnnotationWithSimpleName(
                        s, Contracts.CAN_IGNORE_RETURN_VALUE))) {
      return false;
    }
    Boolean decided =
        ASTHelpers.enclosingElements(method.owner)
            .filter(s -> s instanceof Symbol.ClassSymbol || s instanceof Symbol.PackageSymbol)
            .map(
                s ->
                    ASTHelpers.hasDirectAnnotationWithSimpleName(s, Contracts.CHECK_RETURN_VALUE)
                        ? Boolean.TRUE
                        : ASTHelpers.hasDirectAnnotationWithSimpleName(
                                s, Contracts.CAN_IGNORE_RETURN_VALUE)
                            ? Boolean.FALSE
                            : null)
            .filter(d -> d != null)
            .findFirst()
            .orElse(null);
    if (decided != null) {
      return decided;
    }
    return state
        .errorProneOptions()
        .getFlags()
        .getBoolean(ErrorProne.CHECK_ALL_METHODS)
        .orElse(false);
  }
}
