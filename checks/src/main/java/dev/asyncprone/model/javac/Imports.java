package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.PackageTree;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The imports a fix needs, added as lines of their own. Error Prone's {@code
 * SuggestedFix.Builder.addImport} makes patch mode rewrite the file's whole import block in the
 * order of {@code -XepPatchImportOrder} (static-first by default), whatever order the file had; a
 * fix that adds an import this way leaves every existing import where it was: the new one goes
 * before the first import of its kind (static or not) that sorts after it, or after the last.
 */
public final class Imports {
  private static final String IMPORT = "import ";
  private static final String STATIC = "static ";

  private Imports() {}

  /**
   * The name to write for the class {@code className} at {@code state}'s path, as {@link
   * SuggestedFixes#qualifyType} chooses it (the simple name where nothing clashes, else the
   * qualified one), with its import, if it needs one, added to {@code fix}. A fix that needs
   * several asks for them in sorted order: two imports that go next to the same one keep the order
   * they were added in.
   */
  public static String qualify(VisitorState state, SuggestedFix.Builder fix, String className) {
    SuggestedFix.Builder scratch = SuggestedFix.builder();
    return addImportsOf(scratch, SuggestedFixes.qualifyType(state, scratch, className), state, fix);
  }

  /**
   * The source of {@code type} as {@link SuggestedFixes#prettyType} writes it, with the imports it
   * needs added to {@code fix}.
   */
  public static String prettyType(VisitorState state, SuggestedFix.Builder fix, Type type) {
    SuggestedFix.Builder scratch = SuggestedFix.builder();
    return addImportsOf(scratch, SuggestedFixes.prettyType(state, scratch, type), state, fix);
  }

  /** Adds the imports {@code scratch} asked for to {@code fix}, our way; returns {@code name}. */
  private static String addImportsOf(
      SuggestedFix.Builder scratch, String name, VisitorState state, SuggestedFix.Builder fix) {
    for (String statement : scratch.build().getImportsToAdd()) {
      add(statement, state, fix);
    }
    return name;
  }

  /** Adds {@code import static member;} to {@code fix}, unless the file has it. */
  public static void addStaticImport(String member, VisitorState state, SuggestedFix.Builder fix) {
    add(IMPORT + STATIC + member, state, fix);
  }

  /** Adds {@code statement} ({@code import [static] a.b.C}, no semicolon) as a line of its own. */
  private static void add(String statement, VisitorState state, SuggestedFix.Builder fix) {
    String text = statement.trim();
    if (!text.startsWith(IMPORT)) {
      return;
    }
    String rest = text.substring(IMPORT.length()).trim();
    boolean isStatic = rest.startsWith(STATIC);
    String name = isStatic ? rest.substring(STATIC.length()).trim() : rest;
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    List<ImportTree> sameKind = new ArrayList<>();
    ImportTree last = null;
    for (ImportTree existing : unit.getImports()) {
      String existingName = existing.getQualifiedIdentifier().toString();
      if (existing.isStatic() == isStatic && existingName.equals(name)) {
        return; // imported already
      }
      if (existing.isStatic() == isStatic) {
        sameKind.add(existing);
      }
      last = existing;
    }
    String line = IMPORT + (isStatic ? STATIC : "") + name + ";";
    // Next to its nearest neighbour: after the greatest import of its kind that sorts before it,
    // or before the first of its kind if none does.
    ImportTree before = null;
    for (ImportTree existing : sameKind) {
      String existingName = existing.getQualifiedIdentifier().toString();
      if (existingName.compareTo(name) < 0
          && (before == null
              || existingName.compareTo(before.getQualifiedIdentifier().toString()) > 0)) {
        before = existing;
      }
    }
    if (before == null && !sameKind.isEmpty()) {
      int at = ASTHelpers.getStartPosition(sameKind.get(0));
      fix.replace(at, at, line + "\n");
      return;
    }
    ImportTree after = before != null ? before : last;
    if (after != null) {
      int at = state.getEndPosition(after);
      // a group of its own kind after the other kind's imports, as the file's other groups are
      fix.replace(at, at, (sameKind.isEmpty() ? "\n\n" : "\n") + line);
      return;
    }
    PackageTree packageTree = unit.getPackage();
    if (packageTree != null) {
      int at = state.getEndPosition(packageTree);
      fix.replace(at, at, "\n\n" + line);
    } else {
      fix.replace(0, 0, line + "\n\n");
    }
  }
}
