package dev.asyncprone.model.oneshot;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Contracts;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.javac.Variables;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Values that may be consumed only once, and the uses that consume them: the contract of
 * {@code @AwaitOnce} (on a method, a type or a parameter) and the built-in one of {@code
 * java.util.stream.BaseStream}.
 *
 * <p>A use consumes a value when it awaits it ({@link dev.asyncprone.model.api.Awaits}), subscribes
 * to it ({@code subscribe*}), runs any stream operation on it but {@code close}, {@code isParallel}
 * and the pass-throughs {@code parallel}, {@code sequential}, {@code onClose}, derives a new
 * future, publisher or stream from it ({@code thenApply}, {@code map}, {@code flatMap}, ...),
 * iterates it, passes it to an {@code @AwaitOnce} parameter, or passes it to a reactive or stream
 * operator that composes it ({@code Mono.zip(m, ...)}, {@code then(m)}, {@code Stream.concat(s,
 * ...)}). Reading state ({@code isDone()}, {@code toString()}, a getter) is not a consumption.
 */
public final class OneShotValues {
  /** Where the contract of a value comes from. */
  public enum Source {
    /** A {@code java.util.stream.BaseStream}: built in. */
    STREAM,
    /** The result of a method annotated {@code @AwaitOnce}. */
    METHOD,
    /** A value of a type annotated {@code @AwaitOnce}. */
    TYPE,
    /** A parameter annotated {@code @AwaitOnce}: the method consumes it, at most once. */
    PARAMETER
  }

  /**
   * Why a value may be consumed only once.
   *
   * @param source where the contract comes from
   * @param symbol the annotated method, type or parameter, or the stream type
   * @param type the type of the value, for the words of a message
   */
  public record Origin(Source source, Symbol symbol, @Nullable Type type) {
    /** The future-like kind of the value, or null (a stream, a plain @AwaitOnce type). */
    public @Nullable AsyncKind kind(VisitorState state) {
      return AsyncTypes.kindOf(type, state);
    }

    /** "Stream 's'", "'m' (the Mono returned by @AwaitOnce OrderClient.create())". */
    public String subject(VarSymbol variable, VisitorState state) {
      String name = "'" + variable.getSimpleName() + "'";
      switch (source) {
        case STREAM:
          return symbol.getSimpleName() + " " + name;
        case METHOD:
          AsyncKind kind = kind(state);
          return name
              + " (the "
              + (kind == null ? "value" : kind.simpleName())
              + " returned by @AwaitOnce "
              + symbol.owner.getSimpleName()
              + "."
              + symbol.getSimpleName()
              + "())";
        case TYPE:
          return name + " (a " + symbol.getSimpleName() + ", an @AwaitOnce type)";
        default:
          return name + " (an @AwaitOnce parameter)";
      }
    }

    /** Why a second consumption hurts. */
    public String why(VisitorState state) {
      AsyncKind kind = kind(state);
      if (source == Source.STREAM) {
        return "A stream can be consumed only once: the second operation throws"
            + " IllegalStateException.";
      }
      if (kind != null && kind.isLazy()) {
        return "A "
            + kind.simpleName()
            + " is cold: every consumption subscribes again and"
            + " repeats its work and side effects (the request is sent again, the row inserted"
            + " again).";
      }
      return "@AwaitOnce promises nothing for a second consumption: the value may be pooled or"
          + " one-shot, and consuming it again may fail, hang or see another caller's result.";
    }

    /** What to do instead. */
    public String advice(VisitorState state) {
      AsyncKind kind = kind(state);
      if (source == Source.STREAM) {
        return "Collect it once into a List and stream the list for each use.";
      }
      if (kind == AsyncKind.UNI) {
        return "Consume it once, or share one result with .memoize().indefinitely() where it is"
            + " made.";
      }
      if (kind != null && kind.isLazy()) {
        return "Consume it once, or share one result with .cache() where it is made.";
      }
      return "Consume it once and pass on its result, not the value.";
    }
  }

  /** How a use reaches the value; the first four consume it, the last three let it escape. */
  public enum How {
    /** A call on it, or an await of it: {@code s.count()}, {@code m.block()}. */
    CALL,
    /** Passed to a parameter that consumes it: {@code @AwaitOnce}, {@code Mono.zip(m, ...)}. */
    ARGUMENT,
    /** Iterated by an enhanced for loop. */
    ITERATION,
    /** A method reference bound to it: {@code m::block}. */
    REFERENCE,
    /** Returned. */
    RETURN,
    /** Stored in a field or an array element. */
    FIELD,
    /** Added to a collection or map. */
    COLLECTION;

    public boolean consumes() {
      return ordinal() <= REFERENCE.ordinal();
    }
  }

  /**
   * A use of a local variable's value.
   *
   * @param variable the local variable or parameter
   * @param site the tree to report: the call, the argument, the iterated expression, ...
   * @param how how the use reaches the value
   * @param context the call an argument is passed to, or null
   */
  public record Use(VarSymbol variable, Tree site, How how, @Nullable Tree context) {
    /** "s.count() at line 12", "passing it to then(...) at line 14", "return at line 9". */
    public String describe(VisitorState state) {
      String what;
      switch (how) {
        case ARGUMENT:
          what = "passing it to " + Trees.methodName(context) + "(...)";
          break;
        case ITERATION:
          what = "a for-each loop";
          break;
        case RETURN:
          what = "returning it";
          break;
        case FIELD:
          what = "storing it in a field";
          break;
        case COLLECTION:
          what = "adding it to a collection with " + Trees.methodName(context) + "(...)";
          break;
        default:
          what = label(state);
      }
      return what + " at line " + line(state);
    }

    public long line(VisitorState state) {
      return state
          .getPath()
          .getCompilationUnit()
          .getLineMap()
          .getLineNumber(ASTHelpers.getStartPosition(site));
    }

    /** {@code s.count()}; {@code s.forEach(...)} where the source is long. */
    private String label(VisitorState state) {
      String source = state.getSourceForNode(site);
      if (source != null && source.length() <= 40 && source.indexOf('\n') < 0) {
        return source;
      }
      String method = Trees.methodName(site) + "(...)";
      return site instanceof MethodInvocationTree
              && local(Trees.receiver((MethodInvocationTree) site)) != null
          ? variable.getSimpleName() + "." + method
          : method;
    }
  }

  private OneShotValues() {}

  /** The local variable {@code expression} reads, through parentheses and casts, or null. */
  public static @Nullable VarSymbol local(@Nullable ExpressionTree expression) {
    ExpressionTree e = strip(expression);
    if (e instanceof IdentifierTree) {
      Symbol symbol = ASTHelpers.getSymbol(e);
      return Variables.isLocal(symbol) ? (VarSymbol) symbol : null;
    }
    return null;
  }

  public static boolean isStream(@Nullable Type type, VisitorState state) {
    return AsyncTypes.isSubtypeNamed(type, JdkTypes.BASE_STREAM, state);
  }

  private static final Set<String> AWAIT_ONCE = Set.of(Contracts.AWAIT_ONCE);
  private static final PerCompilationCache<Symbol, Optional<Symbol>> AWAIT_ONCE_TYPES =
      new PerCompilationCache<>();
  private static final PerCompilationCache<MethodSymbol, Boolean> AWAIT_ONCE_METHODS =
      new PerCompilationCache<>();

  /** The type annotated {@code @AwaitOnce} that {@code type} is or extends, or null. */
  public static @Nullable Symbol awaitOnceType(@Nullable Type type, VisitorState state) {
    if (type == null || !type.hasTag(TypeTag.CLASS) || type.tsym == null) {
      return null;
    }
    return AWAIT_ONCE_TYPES
        .get(type.tsym, state, t -> Optional.ofNullable(findAwaitOnceType(type, state)))
        .orElse(null);
  }

  private static @Nullable Symbol findAwaitOnceType(Type type, VisitorState state) {
    List<Type> supertypes = state.getTypes().closure(state.getTypes().erasure(type));
    if (!Annotations.isAnyKnown(AWAIT_ONCE, state)) {
      return null;
    }
    if (Annotations.has(type.tsym, Contracts.AWAIT_ONCE, state)) {
      return type.tsym;
    }
    for (Type supertype : supertypes) {
      if (Annotations.has(supertype.tsym, Contracts.AWAIT_ONCE, state)) {
        return supertype.tsym;
      }
    }
    return null;
  }

  /** True if {@code method}, or a method it overrides, is annotated {@code @AwaitOnce}. */
  public static boolean isAwaitOnceMethod(@Nullable MethodSymbol method, VisitorState state) {
    return method != null && AWAIT_ONCE_METHODS.get(method, state, m -> findAwaitOnce(m, state));
  }

  private static boolean findAwaitOnce(MethodSymbol method, VisitorState state) {
    if (!Annotations.mayCarry(method, AWAIT_ONCE, state)) {
      return false;
    }
    if (Annotations.has(method, Contracts.AWAIT_ONCE, state)) {
      return true;
    }
    if (!Annotations.mayInherit(method, state)) {
      return false;
    }
    for (MethodSymbol superMethod : Symbols.superMethods(method, state)) {
      if (Annotations.has(superMethod, Contracts.AWAIT_ONCE, state)) {
        return true;
      }
    }
    return false;
  }

  /** The contract of the value a local or parameter holds from its declaration on, or null. */
  public static @Nullable Origin ofDeclaration(
      VarSymbol variable, VariableTree declaration, VisitorState state) {
    return variable.getKind() == ElementKind.PARAMETER
        ? ofParameter(variable, state)
        : ofValue(variable, declaration.getInitializer(), state);
  }

  /** The contract of a parameter's value: a stream, an {@code @AwaitOnce} type or parameter. */
  public static @Nullable Origin ofParameter(VarSymbol parameter, VisitorState state) {
    if (Annotations.has(parameter, Contracts.AWAIT_ONCE, state)) {
      return new Origin(Source.PARAMETER, parameter, parameter.type);
    }
    return ofValue(parameter, null, state);
  }

  /**
   * The contract of the value {@code variable} holds once {@code value} is assigned to it (null for
   * a value assigned by a loop or a pattern): a stream, a value of an {@code @AwaitOnce} type, or
   * the result of an {@code @AwaitOnce} method, directly or through operators that still subscribe
   * to it ({@code create(o).map(f)}, not {@code create(o).cache()}). Null if none.
   */
  public static @Nullable Origin ofValue(
      VarSymbol variable, @Nullable ExpressionTree value, VisitorState state) {
    Type valueType = value == null ? null : ASTHelpers.getType(value);
    for (Type type : new Type[] {variable.type, valueType}) {
      if (isStream(type, state)) {
        return new Origin(Source.STREAM, type.tsym, type);
      }
    }
    for (Type type : new Type[] {variable.type, valueType}) {
      Symbol annotated = awaitOnceType(type, state);
      if (annotated != null) {
        return new Origin(Source.TYPE, annotated, type);
      }
    }
    MethodSymbol method = awaitOnceSource(value, state);
    return method == null ? null : new Origin(Source.METHOD, method, valueType);
  }

  /**
   * The {@code @AwaitOnce} method whose result {@code value} is, directly or through operators that
   * subscribe to it again on each consumption; null if there is none.
   */
  public static @Nullable MethodSymbol awaitOnceSource(
      @Nullable ExpressionTree value, VisitorState state) {
    ExpressionTree e = strip(value);
    if (e instanceof ConditionalExpressionTree conditional) {
      MethodSymbol whenTrue = awaitOnceSource(conditional.getTrueExpression(), state);
      return whenTrue != null ? whenTrue : awaitOnceSource(conditional.getFalseExpression(), state);
    }
    while (e instanceof MethodInvocationTree call) {
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (isAwaitOnceMethod(method, state)) {
        return method;
      }
      AsyncKind kind = AsyncTypes.kindOf(e, state);
      boolean stillCold = kind != null && kind.isLazy();
      if (method == null
          || method.isStatic()
          || Libraries.isSharing(Symbols.name(method, state))
          || !(stillCold || Consumptions.isMutinyGroup(method, state))) {
        return null;
      }
      e = strip(Trees.receiver(e));
    }
    return null;
  }

  /** The uses a call makes of local variables' values that consume them. */
  public static List<Use> usesIn(Tree invocation, VisitorState state) {
    return Consumptions.usesIn(invocation, state);
  }

  /** The use a method reference bound to a local makes of it ({@code m::block}), or null. */
  public static @Nullable Use useIn(MemberReferenceTree reference, VisitorState state) {
    return Consumptions.useIn(reference, state);
  }

  /** The use an enhanced for loop makes of the local it iterates, or null. */
  public static @Nullable Use useIn(EnhancedForLoopTree loop, VisitorState state) {
    return Consumptions.useIn(loop, state);
  }

  /**
   * The method that may run the lambda or method reference at {@code functionalPath} many times: a
   * stream or collector step, {@code Iterable.forEach}, a per-element operator of a Flux,
   * Observable or Multi, a comparator, a periodic task. Null if it runs at most once per call (as a
   * future's callback does) or nothing is known.
   */
  public static @Nullable String repeatedBy(TreePath functionalPath, VisitorState state) {
    return Consumptions.repeatedBy(functionalPath, state);
  }

  /** {@code expression} without the parentheses and casts around it. */
  public static @Nullable ExpressionTree strip(@Nullable ExpressionTree expression) {
    ExpressionTree e = expression;
    while (e instanceof ParenthesizedTree || e instanceof TypeCastTree) {
      e =
          e instanceof ParenthesizedTree parenthesized
              ? parenthesized.getExpression()
              : ((TypeCastTree) e).getExpression();
    }
    return e;
  }
}
