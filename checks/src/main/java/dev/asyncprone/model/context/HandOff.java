package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.context.AsyncContext.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Code handed over to a call as a lambda, method reference or anonymous class, with what the rules
 * read about the call.
 *
 * @param functional the path of the lambda, method reference or {@code new X() {...}}
 * @param callPath the path of the call it is passed to
 * @param call the call
 * @param method the method called
 * @param name its name
 * @param owner the qualified name of the class that declares it
 * @param receiver what it is called on, or null
 * @param what the code in words: "this lambda", "this anonymous FutureCallback"
 */
record HandOff(
    TreePath functional,
    TreePath callPath,
    MethodInvocationTree call,
    MethodSymbol method,
    String name,
    String owner,
    @Nullable ExpressionTree receiver,
    String what) {

  /**
   * How code handed to the calls of one library runs. Each library (the JDK, Guava, the reactive
   * libraries, Vert.x) has its rules; {@link Contexts} asks them in turn.
   */
  interface Rule {
    /**
     * The context of the code handed over; {@link #RUNS_HERE} if it runs right away, on the calling
     * thread, so that the enclosing context decides; null if the call is not this rule's.
     */
    @Nullable AsyncContext contextOf(HandOff handOff, VisitorState state);
  }

  /** The answer of a rule for code that runs right away, on the calling thread. */
  static final AsyncContext RUNS_HERE = AsyncContext.of(Kind.SYNCHRONOUS);
}
