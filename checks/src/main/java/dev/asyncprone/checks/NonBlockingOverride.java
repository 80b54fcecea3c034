package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.context.BlockingCalls;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;
import javax.inject.Inject;

/** A contract that contradicts itself: blocking and non-blocking at once. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A @Blocking method overrides a @NonBlocking one, or a method or type is both @Blocking"
            + " and @NonBlocking",
    severity = ERROR,
    linkType = CUSTOM,
    link = Docs.CHECKS + "NonBlockingOverride.md")
public final class NonBlockingOverride extends BugChecker
    implements MethodTreeMatcher, ClassTreeMatcher {

  private final BlockingCalls contracts;

  /** For ServiceLoader, which finds the check; Error Prone makes it with the injected one. */
  public NonBlockingOverride() {
    this(new BlockingCalls(Options.defaults()));
  }

  /**
   * With the compilation's one {@link BlockingCalls}, which knows the contracts (and the
   * annotations a build adds by flag). A method that overrides a {@code @NonBlocking} one and
   * blocks through the code it calls, with no contract that says so, is BlockingInAsyncContext's:
   * it reports the call, once, with the way to the blocking call.
   */
  @Inject
  NonBlockingOverride(BlockingCalls contracts) {
    this.contracts = contracts;
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          MethodSymbol method = ASTHelpers.getSymbol(tree);
          if (method == null) {
            return Description.NO_MATCH;
          }
          String blocking = contracts.blockingContract(method, state);
          if (blocking == null) {
            return Description.NO_MATCH;
          }
          String name = method.getSimpleName() + "()";
          String nonBlocking = contracts.nonBlockingContract(method, state);
          if (nonBlocking != null) {
            return both(tree, name, blocking, nonBlocking);
          }
          for (MethodSymbol overridden : Symbols.superMethods(method, state)) {
            String contract = contracts.nonBlockingContract(overridden, state);
            if (contract != null) {
              return buildDescription(tree)
                  .setMessage(
                      String.format(
                          "%s is @%s but overrides %s.%s(), annotated @%s: callers that hold the"
                              + " %s type rely on it never blocking their thread; make this"
                              + " implementation non-blocking (offload the blocking work and"
                              + " return a future), or change the contract of %s",
                          name,
                          simpleName(blocking),
                          overridden.owner.getSimpleName(),
                          overridden.getSimpleName(),
                          simpleName(contract),
                          overridden.owner.getSimpleName(),
                          overridden.owner.getSimpleName()))
                  .build();
            }
          }
          return Description.NO_MATCH;
        });
  }

  @Override
  public Description matchClass(ClassTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          Symbol type = ASTHelpers.getSymbol(tree);
          String blocking = contracts.blockingContract(type, state);
          String nonBlocking = contracts.nonBlockingContract(type, state);
          if (blocking == null || nonBlocking == null) {
            return Description.NO_MATCH;
          }
          return both(tree, "class " + type.getSimpleName(), blocking, nonBlocking);
        });
  }

  private Description both(
      com.sun.source.tree.Tree tree, String what, String blocking, String nonBlocking) {
    return buildDescription(tree)
        .setMessage(
            String.format(
                "%s is annotated both @%s and @%s, so it says it may block and that it never"
                    + " blocks; keep the one that is true",
                what, simpleName(blocking), simpleName(nonBlocking)))
        .build();
  }

  private static String simpleName(String annotation) {
    return annotation.substring(annotation.lastIndexOf('.') + 1);
  }
}
