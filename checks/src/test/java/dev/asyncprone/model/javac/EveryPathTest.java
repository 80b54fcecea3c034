package dev.asyncprone.model.javac;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CatchTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class EveryPathTest {
  /**
   * Reports, for each method, the unmarked exits of its body (a call to mark() marks a path; a path
   * where excused() is false needs no mark), and whether each ends the body.
   */
  @BugPattern(summary = "unmarked exits", severity = WARNING)
  public static final class UnmarkedExits extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || tree.getName().contentEquals("mark")) {
        return Description.NO_MATCH;
      }
      EveryPath.Result result =
          EveryPath.check(
              tree.getBody(),
              new EveryPath.Marks() {
                @Override
                public boolean marks(Tree t) {
                  Tree e =
                      t instanceof ExpressionStatementTree
                          ? ((ExpressionStatementTree) t).getExpression()
                          : t;
                  return Trees.methodName(e).equals("mark");
                }

                @Override
                public boolean excusedWhenFalse(ExpressionTree condition) {
                  return Trees.methodName(condition).equals("excused");
                }
              });
      TreePath body = new TreePath(state.getPath(), tree.getBody());
      String exits =
          result.unmarkedExits().stream()
              .map(e -> e.kind() + (EveryPath.endsBody(body, e, tree) ? "(ends)" : ""))
              .collect(Collectors.joining(","));
      return buildDescription(tree)
          .setMessage("exits=[" + exits + "] marks=" + result.marksSomewhere())
          .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnmarkedExits.class, getClass());

  private void expect(String... lines) {
    String[] source = new String[lines.length + 5];
    source[0] = "abstract class T {";
    source[1] = "  abstract void mark();";
    source[2] = "  abstract boolean excused();";
    System.arraycopy(lines, 0, source, 3, lines.length);
    source[lines.length + 3] = "  abstract boolean c();";
    source[lines.length + 4] = "}";
    helper.addSourceLines("T.java", source).doTest();
  }

  @Test
  public void straightLine() {
    expect(
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void a() { c(); mark(); c(); }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=false",
        "  void b() { c(); }",
        "  // BUG: Diagnostic contains: exits=[RETURN(ends)] marks=true",
        "  void d() { if (c()) return; mark(); }");
  }

  @Test
  public void branches() {
    expect(
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void a() { if (c()) { mark(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void b() { if (c()) { mark(); } else { mark(); } }",
        "  // BUG: Diagnostic contains: exits=[THROW] marks=true",
        "  void d() { if (c()) { mark(); } else { throw new IllegalStateException(); } }",
        "  // BUG: Diagnostic contains: exits=[THROW] marks=true",
        "  void e() { if (c()) { throw new IllegalStateException(); } mark(); }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void f() { if (excused()) { mark(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void g() { if (!excused()) { return; } mark(); }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void h() { if (!excused()) { mark(); } }");
  }

  @Test
  public void loops() {
    expect(
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void a() { while (c()) { mark(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void b() { do { mark(); } while (c()); }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void d() { for (;;) { mark(); if (c()) break; } }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void e() { while (true) { if (c()) break; mark(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void f() { while (true) { if (c()) break; mark(); } mark(); }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=false",
        "  void g(int[] xs) { for (int x : xs) { if (x > 0) continue; } }");
  }

  @Test
  public void tryAndFinally() {
    expect(
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void a() { try { if (c()) return; } finally { mark(); } }",
        "  // BUG: Diagnostic contains: exits=[RETURN(ends)] marks=true",
        "  void b() { try { if (c()) return; mark(); } catch (RuntimeException e) { mark(); } }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void d() { try { mark(); } catch (RuntimeException e) { c(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void e() { try { mark(); } catch (RuntimeException e) { mark(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void f() { synchronized (this) { mark(); } }");
  }

  @Test
  public void switchesAndLabels() {
    expect(
        "  enum E { X, Y }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void a(int i) { switch (i) { case 1: mark(); break; case 2: c(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void b(int i) { switch (i) { case 1: c(); default: mark(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void d(E e) { switch (e) { case X -> mark(); case Y -> { mark(); } } }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void f(E e) { switch (e) { case X -> mark(); } }",
        "  // BUG: Diagnostic contains: exits=[] marks=true",
        "  void g() { out: { if (c()) break out; c(); } mark(); }",
        "  // BUG: Diagnostic contains: exits=[FALLS_THROUGH(ends)] marks=true",
        "  void h() { out: { if (c()) break out; mark(); } }");
  }

  /** Reports the unmarked exits of each catch block, and whether each ends the method. */
  @BugPattern(summary = "catch exits", severity = WARNING)
  public static final class CatchExits extends BugChecker implements CatchTreeMatcher {
    @Override
    public Description matchCatch(CatchTree tree, VisitorState state) {
      EveryPath.Result result = EveryPath.check(tree.getBlock(), t -> false);
      MethodTree method = state.findEnclosing(MethodTree.class);
      TreePath block = new TreePath(state.getPath(), tree.getBlock());
      return buildDescription(tree)
          .setMessage(
              "exits="
                  + result.unmarkedExits().stream()
                      .map(e -> e.kind() + (EveryPath.endsBody(block, e, method) ? "(ends)" : ""))
                      .collect(Collectors.joining(","))
                  + ";")
          .build();
    }
  }

  @Test
  public void exitsOutOfAnInnerBlockAndWhereTheyLead() {
    CompilationTestHelper.newInstance(CatchExits.class, getClass())
        .addSourceLines(
            "Inner.java",
            "class Inner {",
            "  void work() {}",
            "  boolean c() { return true; }",
            "  void breakAtTheEnd() {",
            "    while (c()) {",
            "      // BUG: Diagnostic contains: exits=BREAK(ends);",
            "      try { work(); } catch (RuntimeException e) { break; }",
            "    }",
            "  }",
            "  void breakThenMore() {",
            "    while (c()) {",
            "      // BUG: Diagnostic contains: exits=BREAK;",
            "      try { work(); } catch (RuntimeException e) { break; }",
            "    }",
            "    work();",
            "  }",
            "  void labeled() {",
            "    outer:",
            "    for (int i = 0; i < 3; i++) {",
            "      for (int j = 0; j < 3; j++) {",
            "        // BUG: Diagnostic contains: exits=BREAK(ends),CONTINUE;",
            "        try { work(); } catch (RuntimeException e) { if (c()) break outer; continue;"
                + " }",
            "      }",
            "    }",
            "  }",
            "  void fallsOffTheEnd() {",
            "    if (c()) {",
            "      // BUG: Diagnostic contains: exits=FALLS_THROUGH(ends);",
            "      try { work(); } catch (RuntimeException e) { }",
            "    }",
            "  }",
            "  void fallsIntoMore() {",
            "    // BUG: Diagnostic contains: exits=FALLS_THROUGH;",
            "    try { work(); } catch (RuntimeException e) { }",
            "    work();",
            "  }",
            "  void returns() {",
            "    // BUG: Diagnostic contains: exits=RETURN(ends);",
            "    try { work(); } catch (RuntimeException e) { return; }",
            "    work();",
            "  }",
            "}")
        .doTest();
  }
}
