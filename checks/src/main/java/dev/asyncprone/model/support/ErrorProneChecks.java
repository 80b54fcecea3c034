package dev.asyncprone.model.support;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Whether a check (one of Error Prone's own, or another plugin check) runs in this compilation, and
 * whether it is suppressed at a point, so that an asyncprone check can say nothing where that check
 * already reports the same tree for the same reason: one finding per mistake.
 *
 * <p>Decided from the compilation's Error Prone options, the way Error Prone's scanner applies them
 * ({@code ScannerSupplier.applyOverrides}, then the patch-mode filter of {@code
 * ErrorProneAnalyzer}): a {@code -Xep:Name[:LEVEL]} flag decides (OFF off, anything else on);
 * without one, a check runs if it is on by default (or {@code -XepAllDisabledChecksAsWarnings}
 * turns it on), unless {@code -XepDisableAllChecks}, or {@code -XepDisableAllWarnings} for a check
 * whose default level is WARNING, turns it off. In patch mode ({@code -XepPatchLocation}), only the
 * checks that {@code -XepPatchChecks} names run, if it names any.
 *
 * <p>The decision assumes that Error Prone's built-in checks are on the scanner, as they are in
 * every build that loads Error Prone with {@code -Xplugin:ErrorProne}. A test harness that loads
 * only the check under test ({@code CompilationTestHelper}) therefore turns the twin off with
 * {@code -Xep:Name:OFF} (and {@code -XepIgnoreUnknownCheckNames}) to see the check's own findings.
 */
public final class ErrorProneChecks {
  /**
   * A check as its {@code @BugPattern} declares it.
   *
   * @param name its canonical name, the one {@code -Xep:} and {@code @SuppressWarnings} take
   * @param defaultSeverity its default level
   * @param onByDefault true if it runs without a flag that turns it on
   */
  public record Check(String name, SeverityLevel defaultSeverity, boolean onByDefault) {}

  private ErrorProneChecks() {}

  /** True if {@code check} runs in the compilation {@code state} belongs to. */
  public static boolean isEnabled(Check check, VisitorState state) {
    return isEnabled(check, state.errorProneOptions());
  }

  /** True if {@code check} runs in a compilation with these options. */
  public static boolean isEnabled(Check check, ErrorProneOptions options) {
    ErrorProneOptions.Severity severity = options.getSeverityMap().get(check.name());
    boolean enabled;
    if (severity != null) {
      enabled = severity != ErrorProneOptions.Severity.OFF;
    } else {
      enabled =
          (check.onByDefault() || options.isEnableAllChecksAsWarnings())
              && !options.isDisableAllChecks()
              && !(options.isDisableAllWarnings()
                  && check.defaultSeverity() == SeverityLevel.WARNING);
    }
    return enabled && runsWhenPatching(check.name(), options);
  }

  /**
   * True if {@code check} reports at {@code path}: it runs, and no {@code @SuppressWarnings} of a
   * declaration around {@code path} names it (or {@code -XepIgnoreSuppressionAnnotations} makes
   * Error Prone ignore them).
   */
  public static boolean reportsAt(Check check, TreePath path, VisitorState state) {
    return isEnabled(check, state)
        && (state.errorProneOptions().isIgnoreSuppressionAnnotations()
            || !isSuppressedAt(check.name(), path));
  }

  /**
   * True if a declaration around {@code path} (a class, method, field, parameter or local variable)
   * carries {@code @SuppressWarnings} with {@code name}: there, whoever wrote it decided that what
   * {@code name} reports is not to be reported.
   */
  public static boolean isSuppressedAt(String name, @Nullable TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree || leaf instanceof VariableTree) {
        Symbol declared = ASTHelpers.getSymbol(leaf);
        SuppressWarnings suppressed =
            declared == null ? null : declared.getAnnotation(SuppressWarnings.class);
        if (suppressed != null && Arrays.asList(suppressed.value()).contains(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * In patch mode, Error Prone runs only the checks {@code -XepPatchChecks} names (all of them if
   * it names none). Its patching options are not public API: they are read by reflection, once per
   * compilation, and a version that hides them differently counts as not patching, so that a twin
   * is taken to run.
   */
  private static boolean runsWhenPatching(String name, ErrorProneOptions options) {
    PatchChecks last = lastPatchChecks;
    if (last == null || last.options() != options) {
      last = new PatchChecks(options, patchChecks(options));
      lastPatchChecks = last;
    }
    return last.checks() == null || last.checks().contains(name);
  }

  /** The checks a patching run is restricted to, for one compilation's options. */
  private record PatchChecks(ErrorProneOptions options, @Nullable ImmutableSet<String> checks) {}

  private static volatile @Nullable PatchChecks lastPatchChecks;

  /** The checks patch mode is restricted to, or null if it is not patching or names none. */
  private static @Nullable ImmutableSet<String> patchChecks(ErrorProneOptions options) {
    Object patching = options.patchingOptions();
    Object refactoring = call(patching, "doRefactor");
    Object named = call(patching, "namedCheckers");
    if (!Boolean.TRUE.equals(refactoring)
        || !(named instanceof Collection<?> checks)
        || checks.isEmpty()) {
      return null;
    }
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    for (Object check : checks) {
      names.add(String.valueOf(check));
    }
    return names.build();
  }

  private static @Nullable Object call(@Nullable Object target, String method) {
    if (target == null) {
      return null;
    }
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Method m = c.getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
      } catch (NoSuchMethodException notHere) {
        // declared in a superclass: an AutoValue class declares its accessors abstract there
      } catch (ReflectiveOperationException | RuntimeException unreadable) {
        return null;
      }
    }
    return null;
  }
}
