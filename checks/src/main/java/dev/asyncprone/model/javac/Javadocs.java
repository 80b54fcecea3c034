package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What a method's Javadoc says, where the compilation kept it. */
public final class Javadocs {
  /** "null" as a word, with the word before it (past a {@code {@code} or {@code {@literal}}). */
  private static final Pattern NULL =
      Pattern.compile(
          "(\\w+)?[\\s-]*(?:\\{@(?:code|literal)\\s+)?\\bnull\\b", Pattern.CASE_INSENSITIVE);

  /** Words before "null" that say it is not returned: "never null", "not null", "non-null". */
  private static final Pattern DENIALS = Pattern.compile("(?i)never|not|non|no");

  private Javadocs() {}

  /**
   * True if the Javadoc of the method at {@code methodPath} says it may return null: it mentions
   * {@code null} other than as "never null", "not null" or "non-null" ("Returns the pending future,
   * or {@code null} if none").
   */
  public static boolean documentsNull(@Nullable TreePath methodPath, VisitorState state) {
    if (methodPath == null || !(methodPath.getLeaf() instanceof MethodTree)) {
      return false;
    }
    String doc = JavacTrees.instance(state.context).getDocComment(methodPath);
    if (doc == null) {
      return false;
    }
    Matcher mention = NULL.matcher(doc);
    while (mention.find()) {
      String before = mention.group(1);
      if (before == null || !DENIALS.matcher(before).matches()) {
        return true;
      }
    }
    return false;
  }
}
