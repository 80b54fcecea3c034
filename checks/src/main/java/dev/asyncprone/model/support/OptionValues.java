package dev.asyncprone.model.support;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.InvalidCommandLineOptionException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for the values of the {@code -XepOpt:AsyncProne:...} flags, and what a wrong value
 * says. A value that is not valid stops the compile with an {@link
 * InvalidCommandLineOptionException} (Error Prone's exception for a bad command line) whose message
 * names the option, the value and what is accepted; thrown while Error Prone builds the checks, it
 * ends the compile as a bad value of Error Prone's own check flags does.
 *
 * <p>Class names may be written with {@code $} or {@code .} before a nested class: {@code
 * com.acme.Outer$Inner} and {@code com.acme.Outer.Inner} name the same class.
 */
public final class OptionValues {
  private static final String IDENTIFIER =
      "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";

  /** A qualified class name: identifiers separated by {@code .} or {@code $}, with a package. */
  private static final Pattern CLASS_NAME =
      Pattern.compile(IDENTIFIER + "(?:[.$]" + IDENTIFIER + ")*");

  private static final Pattern METHOD_NAME = Pattern.compile(IDENTIFIER + "|\\*\\*?|<init>");

  static final String LEVELS = "WARN (or WARNING), ERROR or OFF";
  static final String BOOLEANS = "true or false";
  static final String DURATIONS =
      "a positive whole number with a unit, ms, s, m or h (500ms, 30s, 2m, 1h)";
  static final String CLASS_NAMES =
      "comma-separated fully qualified class names (com.acme.Slow; com.acme.Outer$Inner or"
          + " com.acme.Outer.Inner for a nested class)";
  static final String METHODS =
      "comma-separated Class#method entries (com.acme.Db#query; com.acme.Db#* for every method,"
          + " com.acme.Db#<init> for its constructors, com.acme.Db#** for every method of it and of"
          + " the types that extend it, com.acme.db.*#* for every type of a package,"
          + " !com.acme.Db#name to take a method out; com.acme.Outer$Inner#m or"
          + " com.acme.Outer.Inner#m for a nested class)";

  private OptionValues() {}

  /** The level of {@code UnboundedWait}: empty for {@code OFF}. */
  static Optional<SeverityLevel> level(String option, String value) {
    switch (value.strip().toUpperCase(Locale.ROOT)) {
      case "WARN":
      case "WARNING":
        return Optional.of(SeverityLevel.WARNING);
      case "ERROR":
        return Optional.of(SeverityLevel.ERROR);
      case "OFF":
        return Optional.empty();
      default:
        throw invalid(option, value, "'" + value.strip() + "' is not a level", LEVELS);
    }
  }

  /** {@code true} or {@code false}, in any case. */
  static boolean bool(String option, String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw invalid(option, value, "'" + value.strip() + "' is not a boolean", BOOLEANS);
    }
  }

  /** A duration such as {@code 30s}. */
  static Options.Timeout timeout(String option, String value) {
    Optional<Options.Timeout> timeout = Options.Timeout.parse(value);
    if (timeout.isEmpty() || timeout.get().amount() == 0) {
      throw invalid(option, value, "'" + value.strip() + "' is not a duration", DURATIONS);
    }
    return timeout.get();
  }

  /**
   * Annotation class names, each also in its other spelling for a nested class ({@code Outer$Inner}
   * and {@code Outer.Inner}), so that either matches.
   */
  static ImmutableList<String> classNames(String option, String value, List<String> entries) {
    Set<String> names = new LinkedHashSet<>();
    for (String raw : entries) {
      String name = raw.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (!isQualifiedClassName(name)) {
        throw invalid(option, value, "'" + name + "' is not a qualified class name", CLASS_NAMES);
      }
      names.addAll(spellings(name));
    }
    return ImmutableList.copyOf(names);
  }

  /**
   * Catalog lines {@code owner#method}, each also with the owner in its other spelling for a nested
   * class.
   */
  static ImmutableList<String> methods(String option, String value, List<String> entries) {
    Set<String> lines = new LinkedHashSet<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int hash = entry.indexOf('#');
      if (hash < 0) {
        throw invalid(
            option, value, "'" + entry + "' has no '#' between class and method", METHODS);
      }
      String exclusion = entry.startsWith("!") ? "!" : "";
      String owner = entry.substring(exclusion.length(), hash).strip();
      String method = entry.substring(hash + 1).strip();
      String ownerClass = owner.endsWith(".*") ? owner.substring(0, owner.length() - 2) : owner;
      if (!isQualifiedClassName(ownerClass)) {
        throw invalid(
            option,
            value,
            "'" + owner + "' in '" + entry + "' is not a qualified class name",
            METHODS);
      }
      if (!METHOD_NAME.matcher(method).matches()) {
        throw invalid(
            option, value, "'" + method + "' in '" + entry + "' is not a method name", METHODS);
      }
      for (String spelling : spellings(owner)) {
        lines.add(exclusion + spelling + "#" + method);
      }
    }
    return ImmutableList.copyOf(lines);
  }

  private static boolean isQualifiedClassName(String name) {
    return name.indexOf('.') > 0 && CLASS_NAME.matcher(name).matches();
  }

  /**
   * {@code a.Outer$Inner} and {@code a.Outer.Inner}: the name javac gives a nested class, and the
   * name as written, in case {@code $} is part of a top-level class's own name.
   */
  private static List<String> spellings(String name) {
    String canonical = name.replace('$', '.');
    return canonical.equals(name) ? List.of(name) : List.of(canonical, name);
  }

  private static InvalidCommandLineOptionException invalid(
      String option, String value, String problem, String accepted) {
    return new InvalidCommandLineOptionException(
        String.format(
            "-XepOpt:%s=%s is not valid: %s; expected %s", option, value, problem, accepted));
  }
}
