package dev.asyncprone.model.observe;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Vertx;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Objects that report their failures through a channel of their own, besides their futures: a type
 * that declares or inherits {@code exceptionHandler(Handler<Throwable>)}, matched by name and shape
 * so that no library has to be on the classpath. Answered once per type and compilation.
 *
 * <p>This exists for one library's idiom: Vert.x's handler-style objects ({@code StreamBase},
 * {@code ReadStream}, {@code HttpServerRequest}, {@code HttpClientResponse}) split success and
 * failure between two setters; the channel's name and the success-only callbacks are in {@link
 * Vertx}.
 */
public final class ErrorChannels {
  private static final PerCompilationCache<TypeSymbol, Boolean> CHANNELS =
      new PerCompilationCache<>();

  private ErrorChannels() {}

  /**
   * True if {@code type} declares or inherits an instance method {@code exceptionHandler} that
   * takes one argument, a functional interface whose method takes a {@code Throwable} ({@code
   * Handler<Throwable>}, {@code Consumer<Throwable>}): its objects report failures there.
   */
  public static boolean hasExceptionChannel(@Nullable Type type, VisitorState state) {
    if (type == null || !type.hasTag(TypeTag.CLASS) || type.tsym == null) {
      return false;
    }
    Type classType = type;
    return CHANNELS.get(type.tsym, state, t -> findChannel(classType, state));
  }

  private static boolean findChannel(Type type, VisitorState state) {
    Types types = state.getTypes();
    for (Type supertype : types.closure(types.erasure(type))) {
      for (Symbol member :
          supertype.tsym.members().getSymbolsByName(state.getName(Vertx.EXCEPTION_HANDLER))) {
        if (member instanceof MethodSymbol method
            && !method.isStatic()
            && takesThrowableHandler(method, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean takesThrowableHandler(MethodSymbol method, VisitorState state) {
    List<Symbol.VarSymbol> parameters = method.getParameters();
    if (parameters.size() != 1) {
      return false;
    }
    Types types = state.getTypes();
    Type handler = parameters.get(0).type;
    if (handler == null
        || !handler.hasTag(TypeTag.CLASS)
        || !types.isFunctionalInterface(handler)) {
      return false;
    }
    try {
      Type descriptor = types.findDescriptorType(handler);
      List<Type> accepted = descriptor.getParameterTypes();
      return accepted.size() == 1
          && types.isSameType(types.erasure(accepted.get(0)), state.getSymtab().throwableType);
    } catch (RuntimeException notFunctional) {
      return false;
    }
  }

  /**
   * True if {@code call}, at {@code path}, is a handler-style method of an object with an exception
   * channel registering its caller's success handler on the object's own future: {@code default
   * HttpServerRequest bodyHandler(Handler<Buffer> bodyHandler) { body().onSuccess(bodyHandler);
   * return this; }}. The failure that {@code onSuccess} leaves out goes to the object's {@code
   * exceptionHandler}, which the same caller sets; a handler-style API splits success and failure
   * between two setters by design. All of: the call is a success-only callback ({@code onSuccess})
   * whose argument is a parameter of the enclosing method (the caller's handler, passed on as
   * given); it is called on the result of a call on {@code this} (explicit, or implicit to a method
   * of the enclosing type, not of an outer one); the enclosing method is an instance method of a
   * type with an exception channel, with no lambda or class in between. Not another object's future
   * ({@code other.body().onSuccess(h)}): its failure goes to that object's channel, which nobody
   * here can tell is set.
   */
  public static boolean registersCallersSuccessHandlerOnOwnFuture(
      MethodInvocationTree call, TreePath path, VisitorState state) {
    MethodSymbol callback = ASTHelpers.getSymbol(call);
    if (callback == null
        || callback.isStatic()
        || call.getArguments().size() != 1
        || !Vertx.SUCCESS_ONLY_CALLBACKS.contains(Symbols.name(callback, state))
        || AsyncTypes.kindOf(callback.owner.type, state) == null) {
      return false;
    }
    Symbol handler = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(call.getArguments().get(0)));
    ExpressionTree source = ASTHelpers.stripParentheses(Trees.receiver(call));
    if (handler == null
        || handler.getKind() != ElementKind.PARAMETER
        || !(source instanceof MethodInvocationTree produce)) {
      return false;
    }
    MethodSymbol produced = ASTHelpers.getSymbol(produce);
    ExpressionTree receiver = ASTHelpers.stripParentheses(Trees.receiver(source));
    if (produced == null || produced.isStatic() || !(receiver == null || Trees.isThis(receiver))) {
      return false;
    }
    MethodSymbol enclosing = Trees.methodRunning(path);
    if (enclosing == null || enclosing.isStatic() || handler.owner != enclosing) {
      return false;
    }
    ClassSymbol owner = enclosing.enclClass();
    return owner != null
        && owner.isSubClass(produced.owner, state.getTypes())
        && hasExceptionChannel(owner.type, state);
  }
}
