package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class AwaitOnceViolationTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(AwaitOnceViolation.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(AwaitOnceViolation.class, getClass());

  @Test
  public void streamConsumedTwice() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  void print(List<String> orders) {",
            "    Stream<String> open = orders.stream().filter(o -> o.startsWith(\"open\"));",
            "    long n = open.count();",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    open.forEach(System.out::println);",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "Stream 'open' is consumed twice on one path: by open.count() at line 6, then"
                        + " by open.forEach(System.out::println) at line 8. A stream can be"
                        + " consumed only once: the second operation throws"
                        + " IllegalStateException. Collect it once into a List and stream the"
                        + " list for each use."))
        .doTest();
  }

  @Test
  public void ifElseLeftAlone() {
    helper
        .addSourceLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Report {",
            "  long print(List<String> orders, boolean all) {",
            "    Stream<String> open = orders.stream();",
            "    if (all) {",
            "      return open.count();",
            "    } else {",
            "      return open.filter(o -> o.isEmpty()).count();",
            "    }",
            "  }",
            "  long after(List<String> orders, boolean all) {",
            "    Stream<String> open = orders.stream();",
            "    long n;",
            "    if (all) {",
            "      n = open.count();",
            "    } else {",
            "      n = open.filter(o -> o.isEmpty()).count();",
            "    }",
            "    return n;",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  public void awaitOnceMonoSubscribedThenReturned() {
    helper
        .addSourceLines(
            "OrderClient.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import reactor.core.publisher.Mono;",
            "interface OrderClient {",
            "  @AwaitOnce Mono<String> create(String order);",
            "}")
        .addSourceLines(
            "Checkout.java",
            "import reactor.core.publisher.Mono;",
            "class Checkout {",
            "  Mono<String> place(OrderClient client, String order) {",
            "    Mono<String> created = client.create(order);",
            "    created.subscribe();",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return created;",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "'created' (the Mono returned by @AwaitOnce OrderClient.create()) is returned"
                        + " at line 7 after it was consumed by created.subscribe() at line 5: the"
                        + " caller gets a value that was already consumed. A Mono is cold: every"
                        + " consumption subscribes again and repeats its work and side effects"))
        .doTest();
  }
}
