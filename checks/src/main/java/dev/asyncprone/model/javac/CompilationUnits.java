package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.CompileStates;
import com.sun.tools.javac.comp.CompileStates.CompileState;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of the compilation whose trees are attributed and not yet lowered, so that a rule may
 * read any method of them, not only those of the file the checks are on.
 *
 * <p>Error Prone runs with {@code -XDcompilePolicy=simple} (or {@code byfile}). Under {@code
 * simple}, javac attributes every class of the compilation before the first one's flow analysis, at
 * whose end Error Prone runs the checks, and lowers none before the last one is checked: all files
 * are ready when the first check runs, and stay ready until the last one is done. Under {@code
 * byfile}, a file is attributed, checked and lowered before the next is attributed: only the file
 * being checked is ready. The state of each class comes from javac's own record of how far it got
 * ({@code CompileStates}).
 */
public final class CompilationUnits {
  private CompilationUnits() {}

  /**
   * The files of this compilation whose top-level classes are all attributed and none lowered, in
   * the order of their names, so that what is built from them does not depend on javac's hash maps.
   */
  public static List<CompilationUnitTree> ready(VisitorState state) {
    CompileStates states = CompileStates.instance(state.context);
    // javac records the state of each top-level class it has attributed, and of no other.
    Map<JCCompilationUnit, Boolean> units = new IdentityHashMap<>();
    for (Map.Entry<Env<AttrContext>, CompileState> entry : states.entrySet()) {
      JCCompilationUnit unit = entry.getKey().toplevel;
      if (unit != null) {
        units.merge(
            unit,
            !entry.getValue().isAfter(CompileState.FLOW) || isWarn(entry.getValue()),
            Boolean::logicalAnd);
      }
    }
    // Sorted by name, each name made once: a URI is costly to build (its name is the same path).
    Map<String, CompilationUnitTree> byName = new TreeMap<>();
    for (Map.Entry<JCCompilationUnit, Boolean> unit : units.entrySet()) {
      if (unit.getValue()) {
        byName.put(unit.getKey().getSourceFile().getName(), unit.getKey());
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** JDK 21 and later check some warnings after flow analysis, before lowering: still ready. */
  private static boolean isWarn(CompileState state) {
    return state.name().equals("WARN");
  }

  /**
   * True if {@code type} is compiled from source in this compilation, whichever file it is in and
   * however far javac got with it. Not whether its class file is known: a library compiled with its
   * own jar on the class path (as Maven compiles a module with its earlier output) has both, and
   * javac keeps the jar's file on the symbol.
   */
  public static boolean isCompiledHere(ClassSymbol type, VisitorState state) {
    return Enter.instance(state.context).getEnv(ClassContainers.outermost(type)) != null;
  }
}
