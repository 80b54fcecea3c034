package dev.asyncprone.model.api.libraries;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Library.CallbackTwin;
import dev.asyncprone.model.api.libraries.Library.CompletionListener;
import dev.asyncprone.model.api.libraries.Library.CompletionProbe;
import dev.asyncprone.model.api.libraries.Library.ComposeTwin;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports, at every call, what the library tables say about it, in a few words a fact: {@code await
 * join twin=JOIN}, {@code twin=thenCompose}, {@code all-of}. A call the tables know nothing about
 * is not reported, so that a test line without a diagnostic is a fact that must not match.
 */
@BugPattern(summary = "Reports what the library tables know about a call", severity = WARNING)
public final class TableProbe extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null) {
      return Description.NO_MATCH;
    }
    List<String> facts = new ArrayList<>();
    AwaitRule await = Libraries.await(method, state);
    if (await != null) {
      facts.add(
          "await "
              + await.displayPrefix()
              + method.getSimpleName()
              + (await.isBounded(method) ? " bounded" : " twin=" + await.twin())
              + (await.handsBackLater() ? " later" : "")
              + (await.composable() ? " composable" : ""));
    }
    if (Libraries.isNonBlockingRead(method, state)) {
      facts.add("read");
    }
    CompletionProbe probe = Libraries.completionProbe(method, state);
    if (probe != null) {
      facts.add("done-when=" + probe.doneWhen());
    }
    CompletionListener listener = Libraries.completionListener(method, state);
    if (listener != null) {
      facts.add("listener" + (listener.futureIsFirstArgument() ? " on-argument" : ""));
    }
    if (Libraries.isAllOf(method, state)) {
      facts.add("all-of");
    }
    if (Libraries.isMap(method, state)) {
      AsyncKind inner = AsyncTypes.valueKind(ASTHelpers.getType(tree), state);
      ComposeTwin twin = Libraries.composeTwin(method, inner, state);
      facts.add("map" + (twin == null ? "" : " twin=" + twin.twin()));
    }
    CallbackTwin callback = Libraries.callbackTwin(method, state);
    if (callback != null) {
      facts.add("callback twin=" + callback.twin());
    }
    if (Libraries.composition(method, state) != null) {
      facts.add("composes");
    }
    if (Libraries.valueWrap(method, state) != null) {
      facts.add("value-wrap");
    }
    if (Libraries.asyncWrap(method, state) != null) {
      facts.add("async-wrap");
    }
    if (Libraries.isFailureHandler(method, state)) {
      facts.add("sees-failure");
    }
    if (Libraries.isPrecondition(method, state)) {
      facts.add("precondition");
    }
    if (Libraries.isCancellableSource(method, state)) {
      facts.add("cancellable");
    }
    return facts.isEmpty()
        ? Description.NO_MATCH
        : buildDescription(tree).setMessage(String.join(", ", facts)).build();
  }
}
