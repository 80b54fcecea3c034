package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.Symbols;
import org.jspecify.annotations.Nullable;

/**
 * A call that waits until a future or publisher completes, as a library table writes it down.
 *
 * @param owner the class that declares it
 * @param name its name, or a prefix ending in {@code *} ({@code blocking*})
 * @param isStatic true for a static helper that takes the future as its first argument
 * @param arities the parameter counts it has; empty for any
 * @param boundedArity the parameter count of the overload that takes a timeout, or -1 if none does
 * @param future where the call shows the future it waits for
 * @param displayPrefix what goes before the name in a message: {@code Futures.}, {@code await().}
 * @param twin how to bound it where it has no bound; null where there is no single wait to bound
 *     (it hands back elements one at a time) or no bounded form (the fork/join idiom)
 * @param handsBackLater true for a wait that hands back something to read later ({@code
 *     toIterable}, {@code blockingStream}) rather than the result
 * @param composable true for the plain await of a future's value ({@code join}, {@code block}),
 *     whose call in a map's function the map's composing twin replaces
 */
public record AwaitRule(
    Owner owner,
    String name,
    boolean isStatic,
    ImmutableSet<Integer> arities,
    int boundedArity,
    Future future,
    String displayPrefix,
    @Nullable TimedTwin twin,
    boolean handsBackLater,
    boolean composable) {

  /** Where a call shows the future it waits for. */
  public enum Future {
    /** {@code f.join()} */
    RECEIVER,
    /** {@code Futures.getUnchecked(f)} */
    FIRST_ARGUMENT,
    /** {@code uni.await().indefinitely()} */
    RECEIVER_OF_RECEIVER
  }

  /** An instance method that waits for the future it is called on, with no bound. */
  public static AwaitRule instance(Owner owner, String name, TimedTwin twin) {
    return new AwaitRule(
        owner, name, false, ImmutableSet.of(), -1, Future.RECEIVER, "", twin, false, false);
  }

  /** A static helper that waits for the future it is given first. */
  public static AwaitRule helper(String owner, String name, TimedTwin twin) {
    String simpleName = owner.substring(owner.lastIndexOf('.') + 1);
    return new AwaitRule(
        Owner.exactly(owner),
        name,
        true,
        ImmutableSet.of(),
        -1,
        Future.FIRST_ARGUMENT,
        simpleName + ".",
        twin,
        false,
        false);
  }

  /** Only the overloads with these parameter counts wait. */
  public AwaitRule arities(Integer... counts) {
    return copy(
        ImmutableSet.copyOf(counts),
        boundedArity,
        future,
        displayPrefix,
        handsBackLater,
        composable);
  }

  /** The overload with {@code count} parameters takes a timeout. */
  public AwaitRule boundedWith(int count) {
    return copy(arities, count, future, displayPrefix, handsBackLater, composable);
  }

  /**
   * The call is made on a group the future hands out: {@code uni.await().indefinitely()}, shown as
   * {@code groupCall + "." + name}.
   */
  public AwaitRule onGroup(String groupCall) {
    return copy(
        arities,
        boundedArity,
        Future.RECEIVER_OF_RECEIVER,
        groupCall + ".",
        handsBackLater,
        composable);
  }

  /** It hands back something to read later; {@code twin} is null then. */
  public AwaitRule handingBackLater() {
    return copy(arities, boundedArity, future, displayPrefix, true, composable);
  }

  /** It is the plain await of the value, which a map's composing twin makes unnecessary. */
  public AwaitRule replacedByComposing() {
    return copy(arities, boundedArity, future, displayPrefix, handsBackLater, true);
  }

  private AwaitRule copy(
      ImmutableSet<Integer> arities,
      int boundedArity,
      Future future,
      String displayPrefix,
      boolean handsBackLater,
      boolean composable) {
    return new AwaitRule(
        owner,
        name,
        isStatic,
        arities,
        boundedArity,
        future,
        displayPrefix,
        twin,
        handsBackLater,
        composable);
  }

  /** True if a call of {@code method} is this wait: name, binding, arity, then owner. */
  public boolean matches(MethodSymbol method, VisitorState state) {
    String methodName = Symbols.name(method, state);
    boolean named =
        name.endsWith("*")
            ? methodName.startsWith(name.substring(0, name.length() - 1))
            : methodName.equals(name);
    return named
        && method.isStatic() == isStatic
        && (arities.isEmpty() || arities.contains(method.getParameters().size()))
        && method.owner != null
        && owner.matches(method.owner, state);
  }

  /** True if a call of {@code method}, which {@link #matches}, takes a timeout. */
  public boolean isBounded(MethodSymbol method) {
    return method.getParameters().size() == boundedArity;
  }
}
