package dev.asyncprone.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
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
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.support.Docs;
import dev.asyncprone.model.support.Guard;
import dev.asyncprone.model.support.Options;

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

  private final Options options;

  public NonBlockingOverride() {
    this(ErrorProneFlags.empty());
  }

  public NonBlockingOverride(ErrorProneFlags flags) {
    this.options = Options.from(flags);
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return Guard.safely(
        () -> {
          MethodSymbol method = ASTHelpers.getSymbol(tree);
          if (method == null) {
            return Description.NO_MATCH;
          }
          String blocking = Annotations.annotationIn(method, options.blockingAnnotations(), state);
          if (blocking == null) {
            return Description.NO_MATCH;
          }
          String name = method.getSimpleName() + "()";
          String nonBlocking =
              Annotations.annotationIn(method, options.nonBlockingAnnotations(), state);
          if (nonBlocking != null) {
            return both(tree, name, blocking, nonBlocking);
          }
          for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
            String contract =
                Annotations.annotationIn(overridden, options.nonBlockingAnnotations(), state);
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
          String blocking = Annotations.annotationIn(type, options.blockingAnnotations(), state);
          String nonBlocking =
              Annotations.annotationIn(type, options.nonBlockingAnnotations(), state);
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
