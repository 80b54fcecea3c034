package dev.asyncprone.model.oneshot;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.IdentifierTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.asyncprone.model.fix.OneShotFixes;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class OneShotFlowTest {

  /** Reports each violation OneShotFlow finds as "KIND after lines [...] first|later". */
  @BugPattern(summary = "OneShotFlow probe", severity = WARNING)
  public static final class Probe extends BugChecker
      implements VariableTreeMatcher,
          AssignmentTreeMatcher,
          MethodInvocationTreeMatcher,
          IdentifierTreeMatcher,
          MemberReferenceTreeMatcher {
    private final OneShotFlow flow = new OneShotFlow();

    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      flow.noteVariable(tree, state);
      return Description.NO_MATCH;
    }

    @Override
    public Description matchAssignment(AssignmentTree tree, VisitorState state) {
      flow.noteAssignment(tree, state);
      return Description.NO_MATCH;
    }

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return report(tree, state);
    }

    @Override
    public Description matchIdentifier(IdentifierTree tree, VisitorState state) {
      return report(tree, state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return report(tree, state);
    }

    private Description report(Tree tree, VisitorState state) {
      OneShotFlow.Violation v = flow.at(tree);
      if (v == null) {
        return Description.NO_MATCH;
      }
      String lines =
          v.earlier().stream()
              .map(u -> String.valueOf(u.line(state)))
              .collect(Collectors.joining(",", "[", "]"));
      Description.Builder d =
          buildDescription(tree)
              .setMessage(v.kind() + " after lines " + lines + (v.first() ? " first" : " later"));
      SuggestedFix fix = v.first() ? OneShotFixes.consumeOnce(v, state) : null;
      if (fix != null) {
        d.addFix(fix);
      }
      return d.build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void kindsAndEarlierUses() {
    helper
        .addSourceLines(
            "Flow.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "class Flow {",
            "  Stream<String> kept;",
            "  Stream<String> paths(List<String> l, boolean c) {",
            "    Stream<String> s = l.stream();",
            "    if (c) {",
            "      s.count();",
            "    } else {",
            "      s.toList();",
            "    }",
            "    // BUG: Diagnostic contains: AGAIN after lines [9,11] first",
            "    s.forEach(x -> {});",
            "    // BUG: Diagnostic contains: AGAIN after lines [9,11,14] later",
            "    s.count();",
            "    // BUG: Diagnostic contains: ESCAPED after lines [9,11,14,16] later",
            "    kept = s;",
            "    // BUG: Diagnostic contains: ESCAPED after lines [9,11,14,16] later",
            "    return s;",
            "  }",
            "  void loop(List<String> l) {",
            "    Stream<String> s = l.stream();",
            "    for (String x : l) {",
            "      // BUG: Diagnostic contains: LOOP after lines [26] first",
            "      s.anyMatch(x::equals);",
            "    }",
            "  }",
            "  void lambda(List<String> l, Runnable r) {",
            "    Stream<String> s = l.stream();",
            "    // BUG: Diagnostic contains: REPEATED after lines [] first",
            "    l.forEach(x -> s.anyMatch(x::equals));",
            "    Stream<String> t = l.stream();",
            "    Runnable once = () -> {",
            "      if (l.isEmpty()) { t.count(); } else { t.toList(); }",
            "    };",
            "    // BUG: Diagnostic contains: AGAIN after lines [35,35] first",
            "    t.count();",
            "  }",
            "  long reset(List<String> l) {",
            "    Stream<String> s = l.stream();",
            "    long n = s.count();",
            "    s = l.stream();",
            "    return n + s.count();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void methodsPastTheBudgetOfTrackedLocalsAreSkipped() {
    helper
        .addSourceLines("Within.java", manyStreams("Within", 128, true))
        .addSourceLines("Past.java", manyStreams("Past", 129, false))
        .doTest();
  }

  /** A method with {@code count} stream locals, each consumed twice. */
  private static String[] manyStreams(String name, int count, boolean expectFindings) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("import java.util.List;");
    lines.add("import java.util.stream.Stream;");
    lines.add("class " + name + " {");
    lines.add("  long run(List<String> l) {");
    lines.add("    long n = 0;");
    for (int i = 0; i < count; i++) {
      lines.add("    Stream<String> s" + i + " = l.stream();");
      lines.add("    n += s" + i + ".count();");
      if (expectFindings) {
        lines.add("    // BUG: Diagnostic contains: AGAIN");
      }
      lines.add("    n += s" + i + ".count();");
    }
    lines.add("    return n;");
    lines.add("  }");
    lines.add("}");
    return lines.toArray(new String[0]);
  }

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(Probe.class, getClass());

  @Test
  public void fixesOnlyWhereMechanical() {
    refactoring
        .addInputLines(
            "Fixes.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "abstract class Fixes {",
            "  @AwaitOnce abstract Mono<String> create();",
            "  @AwaitOnce abstract Flux<String> lines();",
            "  long reassigned(List<String> l) {",
            "    Stream<String> s = l.stream();",
            "    if (l.isEmpty()) { s = Stream.empty(); }",
            "    return s.count() + s.count();",
            "  }",
            "  long clash(List<String> l) {",
            "    int sList = 0;",
            "    Stream<String> s = l.stream();",
            "    return s.count() + s.count() + sList;",
            "  }",
            "  void derived() {",
            "    Mono<Integer> m = create().map(String::length);",
            "    m.subscribe();",
            "    m.subscribe();",
            "  }",
            "  void flux() {",
            "    Flux<String> f = lines();",
            "    f.subscribe();",
            "    f.subscribe();",
            "  }",
            "  long mono() {",
            "    Mono<String> m = create();",
            "    m.subscribe();",
            "    return m.block().length();",
            "  }",
            "}")
        .addOutputLines(
            "Fixes.java",
            "import dev.asyncprone.annotations.AwaitOnce;",
            "import java.util.List;",
            "import java.util.stream.Stream;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "abstract class Fixes {",
            "  @AwaitOnce abstract Mono<String> create();",
            "  @AwaitOnce abstract Flux<String> lines();",
            "  long reassigned(List<String> l) {",
            "    Stream<String> s = l.stream();",
            "    if (l.isEmpty()) { s = Stream.empty(); }",
            "    return s.count() + s.count();",
            "  }",
            "  long clash(List<String> l) {",
            "    int sList = 0;",
            "    Stream<String> s = l.stream();",
            "    return s.count() + s.count() + sList;",
            "  }",
            "  void derived() {",
            "    Mono<Integer> m = create().map(String::length).cache();",
            "    m.subscribe();",
            "    m.subscribe();",
            "  }",
            "  void flux() {",
            "    Flux<String> f = lines();",
            "    f.subscribe();",
            "    f.subscribe();",
            "  }",
            "  long mono() {",
            "    Mono<String> m = create().cache();",
            "    m.subscribe();",
            "    return m.block().length();",
            "  }",
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }
}
