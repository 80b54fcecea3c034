package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;

/**
 * Statements inserted into a block, laid out like the code around them: on a line of their own,
 * indented as the block's other lines are (or one step in from its closing brace, where it has
 * none), first in the block, before its comments and statements. A block on one line stays on one
 * line, unless it is empty: {@code {}} opens onto lines of its own.
 */
public final class Blocks {
  private static final String DEFAULT_STEP = "  ";

  private Blocks() {}

  /**
   * Adds to {@code fix} the insertion of {@code statement} as the first statement of the block at
   * {@code blockPath}.
   */
  public static void insertFirst(
      TreePath blockPath, String statement, VisitorState state, SuggestedFix.Builder fix) {
    BlockTree block = (BlockTree) blockPath.getLeaf();
    CharSequence source = state.getSourceCode();
    int open = ASTHelpers.getStartPosition(block);
    int close = state.getEndPosition(block) - 1;
    if (source == null || open < 0 || close <= open || source.charAt(open) != '{') {
      fix.replace(open + 1, open + 1, statement);
      return;
    }
    int openLineEnd = lineEnd(source, open);
    boolean oneLine = close < openLineEnd;
    if (oneLine) {
      if (source.subSequence(open + 1, close).toString().isBlank()) {
        // {} opens onto lines of its own: the statement one step in, the brace back out
        String outer = indentOfLine(source, close);
        fix.replace(
            open,
            close + 1,
            "{\n" + outer + step(blockPath, state) + statement + "\n" + outer + "}");
      } else {
        fix.replace(open + 1, open + 1, " " + statement);
      }
      return;
    }
    // After whatever follows the brace on its own line (a comment), at the indentation of the
    // block's first line that is not blank, or one step in from the closing brace.
    String inner = null;
    for (int line = openLineEnd + 1; line <= close; line = lineEnd(source, line) + 1) {
      int end = Math.min(lineEnd(source, line), close);
      if (!source.subSequence(line, end).toString().isBlank()) {
        inner =
            end == close && firstNonBlank(source, line) == close ? null : indentAt(source, line);
        break;
      }
    }
    if (inner == null) {
      inner = indentOfLine(source, close) + step(blockPath, state);
    }
    int at = trimmedLineEnd(source, open, openLineEnd);
    fix.replace(at, at, "\n" + inner + statement);
  }

  /**
   * One step of indentation in this file: how far the first statement of a block around {@code
   * path} is indented from the line that opens the block; two spaces if none shows it.
   */
  private static String step(TreePath path, VisitorState state) {
    CharSequence source = state.getSourceCode();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof BlockTree block && !block.getStatements().isEmpty()) {
        int open = ASTHelpers.getStartPosition(block);
        int first = ASTHelpers.getStartPosition(block.getStatements().get(0));
        if (open >= 0 && first > lineEnd(source, open)) {
          String outer = indentOfLine(source, open);
          String inner = indentOfLine(source, first);
          if (inner.startsWith(outer) && inner.length() > outer.length()) {
            return inner.substring(outer.length());
          }
        }
      }
    }
    return DEFAULT_STEP;
  }

  /** The position of the line break that ends the line holding {@code position}. */
  private static int lineEnd(CharSequence source, int position) {
    int i = position;
    while (i < source.length() && source.charAt(i) != '\n') {
      i++;
    }
    return i;
  }

  /** The end of the line at {@code from} without the whitespace before its break. */
  private static int trimmedLineEnd(CharSequence source, int from, int lineEnd) {
    int i = lineEnd;
    while (i > from + 1 && Character.isWhitespace(source.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static int firstNonBlank(CharSequence source, int lineStart) {
    int i = lineStart;
    while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** The leading whitespace of the line that starts at {@code lineStart}. */
  private static String indentAt(CharSequence source, int lineStart) {
    return source.subSequence(lineStart, firstNonBlank(source, lineStart)).toString();
  }

  /** The leading whitespace of the line holding {@code position}. */
  private static String indentOfLine(CharSequence source, int position) {
    int start = position;
    while (start > 0 && source.charAt(start - 1) != '\n') {
      start--;
    }
    return indentAt(source, start);
  }
}
