package dev.asyncprone.model.oneshot;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.asyncprone.model.javac.Variables;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class OneShotValuesTest {

  /** Reports the contract OneShotValues finds for each local. */
  @BugPattern(summary = "OneShotValues origin probe", severity = WARNING)
  public static final class OriginProbe extends BugChecker implements VariableTreeMatcher {
    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      if (!Variables.isLocal(symbol)) {
        return Description.NO_MATCH;
      }
      VarSymbol variable = (VarSymbol) symbol;
      OneShotValues.Origin origin =
          variable.getKind() == ElementKind.PARAMETER
              ? OneShotValues.ofParameter(variable, state)
              : OneShotValues.ofValue(variable, tree.getInitializer(), state);
      return origin == null
          ? Description.NO_MATCH
          : buildDescription(tree)
              .setMessage("origin " + origin.source() + " " + origin.symbol().getSimpleName())
              .build();
    }
  }

  /** Reports the consuming uses OneShotValues finds in each call. */
  @BugPattern(summary = "OneShotValues use probe", severity = WARNING)
  public static final class UseProbe extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      List<OneShotValues.Use> uses = OneShotValues.usesIn(tree, state);
      return uses.isEmpty()
          ? Description.NO_MATCH
          : buildDescription(tree)
              .setMessage(
                  "uses "
                      + uses.stream()
                          .map(u -> u.variable().getSimpleName() + ":" + u.how())
                          .collect(Collectors.joining(",")))
              .build();
    }
  }

  /** Reports the method that may run each lambda many times. */
  @BugPattern(summary = "OneShotValues repeat probe", severity = WARNING)
  public static final class RepeatProbe extends BugChecker implements LambdaExpressionTreeMatcher {
    @Override
    public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
      String method = OneShotValues.repeatedBy(state.getPath(), state);
      return method == null
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage("repeated by " + method).build();
    }
  }

  @Test
  public void origins() {
    CompilationTestHelper.newInstance(OriginProbe.class, getClass())
        .addSourceLines(
            "Api.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import java.util.List;",
            "import java.util.stream.IntStream;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Mono;",
            "abstract class Api {",
            "  @AwaitOnce interface Handle { String id(); }",
            "  interface SubHandle extends Handle {}",
            "  @AwaitOnce abstract Mono<String> create();",
            "  abstract Mono<String> find();",
            "  void use(",
            "      // BUG: Diagnostic contains: origin PARAMETER m",
            "      @AwaitOnce Mono<String> m,",
            "      // BUG: Diagnostic contains: origin STREAM IntStream",
            "      IntStream ints,",
            "      // BUG: Diagnostic contains: origin TYPE Handle",
            "      SubHandle sub,",
            "      List<String> plain) {",
            "    // BUG: Diagnostic contains: origin METHOD create",
            "    Mono<String> created = create();",
            "    // BUG: Diagnostic contains: origin METHOD create",
            "    Mono<Integer> derived = create().map(String::length).filter(n -> n > 0);",
            "    Mono<String> cached = create().cache();",
            "    Mono<String> found = find();",
            "    // BUG: Diagnostic contains: origin STREAM Stream",
            "    Object s = plain.stream();",
            "    // BUG: Diagnostic contains: origin METHOD create",
            "    Mono<String> either = plain.isEmpty() ? find() : create();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void consumingUses() {
    CompilationTestHelper.newInstance(UseProbe.class, getClass())
        .addSourceLines(
            "Uses.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import io.smallrye.mutiny.Uni;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Mono;",
            "abstract class Uses {",
            "  abstract void take(@AwaitOnce Mono<String> m);",
            "  abstract void look(Mono<String> m);",
            "  void run(Stream<String> s, Mono<String> m, Uni<String> u,",
            "      CompletableFuture<String> f, ListenableFuture<String> l) {",
            "    // BUG: Diagnostic contains: uses s:CALL",
            "    s.filter(x -> !x.isEmpty()).count();",
            "    // BUG: Diagnostic contains: uses s:CALL",
            "    s.parallel().onClose(() -> {}).forEach(System.out::println);",
            "    s.close();",
            "    s.isParallel();",
            "    s.toString();",
            "    // BUG: Diagnostic contains: uses m:CALL",
            "    m.subscribe();",
            "    // BUG: Diagnostic contains: uses m:CALL",
            "    m.block();",
            "    // BUG: Diagnostic contains: uses m:ARGUMENT",
            "    take(m);",
            "    look(m);",
            "    // BUG: Diagnostic contains: uses m:ARGUMENT",
            "    Mono.zip(m, Mono.just(1));",
            "    // BUG: Diagnostic contains: uses u:CALL",
            "    u.await().indefinitely();",
            "    // BUG: Diagnostic contains: uses u:CALL",
            "    u.onItem().transform(String::length);",
            "    // BUG: Diagnostic contains: uses u:CALL",
            "    u.subscribe().with(System.out::println);",
            "    f.isDone();",
            "    f.complete(\"x\");",
            "    // BUG: Diagnostic contains: uses f:CALL",
            "    f.toCompletableFuture().orTimeout(1,"
                + " java.util.concurrent.TimeUnit.SECONDS).join();",
            "    // BUG: Diagnostic contains: uses l:CALL",
            "    Futures.getUnchecked(l);",
            "    // BUG: Diagnostic contains: uses s:ARGUMENT",
            "    Stream.concat(s, Stream.empty());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void repeatedBy() {
    CompilationTestHelper.newInstance(RepeatProbe.class, getClass())
        .addSourceLines(
            "Repeat.java",
            "import java.util.Comparator;",
            "import java.util.List;",
            "import java.util.Optional;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Repeat {",
            "  void run(List<String> list, Flux<String> flux, Mono<String> mono,",
            "      Optional<String> opt, CompletableFuture<String> f, ScheduledExecutorService ses)"
                + " {",
            "    // BUG: Diagnostic contains: repeated by forEach",
            "    list.forEach(x -> {});",
            "    // BUG: Diagnostic contains: repeated by map",
            "    list.stream().map(x -> x).count();",
            "    // BUG: Diagnostic contains: repeated by comparing",
            "    list.sort(Comparator.comparing(x -> x.length()));",
            "    // BUG: Diagnostic contains: repeated by flatMap",
            "    flux.flatMap(x -> Mono.just(x));",
            "    // BUG: Diagnostic contains: repeated by scheduleAtFixedRate",
            "    ses.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: repeated by generate",
            "    Stream.generate(() -> 1).limit(2).count();",
            "    mono.map(x -> x);",
            "    opt.map(x -> x);",
            "    f.thenApply(x -> x);",
            "    ses.schedule(() -> {}, 1, TimeUnit.SECONDS);",
            "    list.stream().onClose(() -> {}).close();",
            "    flux.doOnComplete(() -> {});",
            "  }",
            "}")
        .doTest();
  }
}
