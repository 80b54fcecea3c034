package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;

/**
 * {@link CompilationTestHelper#expectResult} takes javac's {@code Main.Result}, whose package this
 * module does not export to its test sources; this reaches it by name, so that a test can say
 * whether a compilation fails (an ERROR finding) or passes (WARNING findings only).
 */
final class CompilationResults {
  private CompilationResults() {}

  /** Expects the compilation to fail, as it does when a finding has severity ERROR. */
  static CompilationTestHelper expectErrors(CompilationTestHelper helper) {
    return expect(helper, "ERROR");
  }

  /** Expects the compilation to pass, as it does when every finding is a WARNING. */
  static CompilationTestHelper expectOk(CompilationTestHelper helper) {
    return expect(helper, "OK");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CompilationTestHelper expect(CompilationTestHelper helper, String result) {
    try {
      Class<? extends Enum> type =
          (Class<? extends Enum>) Class.forName("com.sun.tools.javac.main.Main$Result");
      Object value = Enum.valueOf(type, result);
      CompilationTestHelper.class.getMethod("expectResult", type).invoke(helper, value);
      return helper;
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("CompilationTestHelper.expectResult is not there", e);
    }
  }
}
