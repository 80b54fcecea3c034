package dev.asyncprone.model.observe;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import dev.asyncprone.model.context.AsyncContext;
import dev.asyncprone.model.context.Contexts;
import dev.asyncprone.model.support.Options;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class SubscriptionsTest {
  /** Reports every subscription: its type, whether it handles errors, where it is nested. */
  @BugPattern(summary = "Reports Subscriptions", severity = WARNING)
  public static final class SubscriptionsProbe extends BugChecker
      implements MethodInvocationTreeMatcher {
    private final Contexts contexts = new Contexts(Options.defaults());

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      Subscriptions.Subscription subscription = Subscriptions.of(state.getPath(), state);
      if (subscription == null) {
        return Description.NO_MATCH;
      }
      AsyncContext nested = Subscriptions.nestedIn(contexts, state);
      return buildDescription(tree)
          .setMessage(
              "kind="
                  + subscription.kind()
                  + " handlesErrors="
                  + subscription.handlesErrors()
                  + " bare="
                  + subscription.isBare()
                  + " nested="
                  + (nested == null ? "no" : nested.kind() + ":" + nested.callbackMethod())
                  + " forwards="
                  + Subscriptions.forwardsOwnSubscribe(subscription, state.getPath(), state))
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SubscriptionsProbe.class, getClass());

  @Test
  public void subscriptions() {
    helper
        .addSourceLines(
            "Subs.java",
            "import io.reactivex.rxjava3.core.Completable;",
            "import io.reactivex.rxjava3.core.Observable;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Multi;",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.BaseSubscriber;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "import reactor.util.context.Context;",
            "class Subs {",
            "  void run(Mono<String> mono, Flux<String> flux, Single<String> single, Completable"
                + " done,",
            "      Observable<String> obs, Uni<String> uni, Multi<String> multi,"
                + " CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: kind=MONO handlesErrors=false bare=true nested=no",
            "    mono.subscribe();",
            "    // BUG: Diagnostic contains: kind=FLUX handlesErrors=false bare=false",
            "    flux.subscribe(s -> {});",
            "    // A null where the error consumer is not @Nullable passes nothing.",
            "    // BUG: Diagnostic contains: kind=FLUX handlesErrors=false bare=false",
            "    flux.subscribe(s -> {}, null);",
            "    // An explicit null error consumer where the API takes one: errors go nowhere, by"
                + " decision.",
            "    // BUG: Diagnostic contains: kind=FLUX handlesErrors=true bare=false",
            "    flux.subscribe(null, null, () -> {});",
            "    // BUG: Diagnostic contains: kind=FLUX handlesErrors=false bare=false",
            "    flux.subscribe((java.util.function.Consumer<String>) null);",
            "    // BUG: Diagnostic contains: kind=FLUX handlesErrors=true",
            "    flux.subscribe(s -> {}, e -> {}, () -> {}, Context.empty());",
            "    // BUG: Diagnostic contains: kind=FLUX handlesErrors=true",
            "    flux.subscribe(new BaseSubscriber<String>() {});",
            "    // BUG: Diagnostic contains: kind=RX_SINGLE handlesErrors=true",
            "    single.subscribe((v, e) -> {});",
            "    // BUG: Diagnostic contains: kind=RX_COMPLETABLE handlesErrors=false",
            "    done.subscribe(() -> {});",
            "    // BUG: Diagnostic contains: kind=RX_OBSERVABLE handlesErrors=true",
            "    obs.subscribe(s -> {}, e -> {});",
            "    // BUG: Diagnostic contains: kind=UNI handlesErrors=false bare=false",
            "    uni.subscribe().with(s -> {});",
            "    // BUG: Diagnostic contains: kind=UNI handlesErrors=true",
            "    uni.subscribe().with(s -> {}, e -> {});",
            "    // BUG: Diagnostic contains: kind=MULTI handlesErrors=false",
            "    multi.subscribe().with(s -> {}, () -> {});",
            "    // BUG: Diagnostic contains: kind=UNI handlesErrors=true",
            "    uni.subscribe().asCompletionStage();",
            "    // BUG: Diagnostic contains: nested=REACTIVE_OPERATOR:doOnNext",
            "    flux.doOnNext(s -> mono.subscribe()).subscribe(s -> {}, e -> {});",
            "    // BUG: Diagnostic contains: nested=STAGE_CALLBACK:thenAccept",
            "    f.thenAccept(s -> mono.subscribe());",
            "    // BUG: Diagnostic contains: nested=no",
            "    Flux.<String>create(sink -> flux.subscribe(sink::next,"
                + " sink::error)).blockFirst();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void overloadsOfAPublishersOwnSubscribeForward() {
    helper
        .addSourceLines(
            "Window.java",
            "import reactor.core.Disposable;",
            "import reactor.core.publisher.Flux;",
            "abstract class Window<T> extends Flux<T> {",
            "  Flux<T> other = Flux.empty();",
            "  public final Disposable subscribe(Runnable onComplete) {",
            "    // BUG: Diagnostic contains: forwards=true",
            "    subscribe(null, null, onComplete);",
            "    // BUG: Diagnostic contains: forwards=true",
            "    return (this).subscribe(null, null, onComplete);",
            "  }",
            "  public final Disposable subscribe(Runnable onComplete, boolean other) {",
            "    // BUG: Diagnostic contains: forwards=false",
            "    this.other.subscribe();",
            "    // BUG: Diagnostic contains: forwards=false",
            "    Runnable later = () -> subscribe();",
            "    // BUG: Diagnostic contains: forwards=false",
            "    new Object() { void run() { subscribe(); } };",
            "    return null;",
            "  }",
            "  void start() {",
            "    // BUG: Diagnostic contains: forwards=false",
            "    subscribe();",
            "  }",
            "}",
            "class Listener {",
            "  void subscribe(Flux<String> events) {",
            "    // BUG: Diagnostic contains: forwards=false",
            "    events.subscribe();",
            "  }",
            "}")
        .doTest();
  }
}
