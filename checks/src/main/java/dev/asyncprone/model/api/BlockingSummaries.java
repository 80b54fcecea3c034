package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.asyncprone.model.javac.ClassContainers;
import dev.asyncprone.model.javac.ClassContainers.Container;
import dev.asyncprone.model.javac.CompilationUnits;
import dev.asyncprone.model.javac.MethodKeys;
import dev.asyncprone.model.support.ContextLocal;
import dev.asyncprone.model.support.PerCompilationCache;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The blocking summaries ({@link BlockingSummary}) of the jars and class directories this
 * compilation reads classes from: what the compilations that built them inferred about their
 * methods. Read lazily, once per jar or directory and compilation, and only for the containers of
 * classes whose methods are asked about. A summary speaks only of the classes of its own jar, and
 * only where they come from class files: a class compiled from source now is judged by its source.
 */
public final class BlockingSummaries {
  /**
   * What a summary says of a method.
   *
   * @param path why it blocks, as the compilation that built it saw it
   * @param from the jar's file name or the directory it came from
   */
  public record Found(BlockingPath path, String from) {}

  private record Summary(Map<String, BlockingPath> methods, String from) {
    static final Summary NONE = new Summary(Map.of(), "");
  }

  private static final ContextLocal<Map<String, Summary>> BY_CONTAINER = new ContextLocal<>();
  private static final PerCompilationCache<Symbol, Summary> BY_CLASS = new PerCompilationCache<>();

  private BlockingSummaries() {}

  /** What the summary of {@code method}'s jar or directory says of it, or null. */
  public static @Nullable Found of(MethodSymbol method, VisitorState state) {
    if (!(method.owner instanceof ClassSymbol owner)
        || CompilationUnits.isCompiledHere(owner, state)) {
      return null;
    }
    Summary summary =
        BY_CLASS.get(ClassContainers.outermost(owner), state, c -> summaryOf(c, state));
    if (summary.methods().isEmpty()) {
      return null;
    }
    BlockingPath path = summary.methods().get(MethodKeys.key(method, state));
    return path == null ? null : new Found(path, summary.from());
  }

  private static Summary summaryOf(Symbol type, VisitorState state) {
    Container container = ClassContainers.of((ClassSymbol) type);
    if (container == null) {
      return Summary.NONE;
    }
    Map<String, Summary> read = BY_CONTAINER.get(state, HashMap::new);
    Summary summary = read.get(container.key());
    if (summary == null) {
      String text = ClassContainers.read(container, BlockingSummary.RESOURCE);
      summary =
          text == null
              ? Summary.NONE
              : new Summary(BlockingSummary.parse(text), container.display());
      read.put(container.key(), summary);
    }
    return summary;
  }
}
