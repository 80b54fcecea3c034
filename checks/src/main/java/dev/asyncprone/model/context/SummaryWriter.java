package dev.asyncprone.model.context;

import com.google.errorprone.VisitorState;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.MultiTaskListener;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.main.JavaCompiler;
import com.sun.tools.javac.util.Context;
import dev.asyncprone.model.api.BlockingPath;
import dev.asyncprone.model.api.BlockingSummary;
import dev.asyncprone.model.javac.MethodKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Writes what the inference found about the compilation's methods that other code can call (not
 * private, of a class that is neither local nor anonymous nor private) into the class output, as
 * {@link BlockingSummary#RESOURCE}, when javac has finished the compilation without errors; so a
 * jar built with the plugin carries it, and a compilation that has the jar on its class path reads
 * it.
 *
 * <p>Nothing is written without a class output ({@code -d}), where javac would write beside the
 * sources. A build that compiles only some of a module's files (Gradle's incremental compilation)
 * keeps what the summary already there says of the classes it did not compile and whose class files
 * are still there. Nothing here ever fails the build: a summary that cannot be written is left out.
 */
final class SummaryWriter implements TaskListener {
  private final Context context;
  private final Map<String, BlockingPath> methods = new TreeMap<>();
  private final Set<String> compiled = new HashSet<>();

  private SummaryWriter(Context context) {
    this.context = context;
  }

  /** A writer for the compilation of {@code state}, which writes when the compilation ends. */
  static SummaryWriter register(VisitorState state) {
    SummaryWriter writer = new SummaryWriter(state.context);
    MultiTaskListener.instance(state.context).add(writer);
    return writer;
  }

  /** Records that this compilation compiles {@code type}. */
  void compiled(ClassSymbol type) {
    compiled.add(MethodKeys.binaryName(type));
  }

  /** Records that {@code method} blocks, for {@code path}, if other code can call it. */
  void blocking(MethodSymbol method, BlockingPath path, VisitorState state) {
    if (isCallableFromOutside(method)) {
      methods.put(MethodKeys.key(method, state), path);
    }
  }

  private static boolean isCallableFromOutside(MethodSymbol method) {
    if ((method.flags() & Flags.PRIVATE) != 0) {
      return false;
    }
    for (Symbol owner = method.owner; owner instanceof ClassSymbol c; owner = owner.owner) {
      if (c.isDirectlyOrIndirectlyLocal() || c.isAnonymous() || (c.flags() & Flags.PRIVATE) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.COMPILATION) {
      return;
    }
    try {
      write();
    } catch (IOException | RuntimeException | LinkageError e) {
      // A summary that cannot be written is left out; the build goes on.
    }
  }

  private void write() throws IOException {
    if (JavaCompiler.instance(context).errorCount() > 0) {
      return;
    }
    JavaFileManager files = context.get(JavaFileManager.class);
    if (files == null || !files.hasLocation(StandardLocation.CLASS_OUTPUT)) {
      return;
    }
    FileObject summary =
        files.getFileForOutput(StandardLocation.CLASS_OUTPUT, "", BlockingSummary.RESOURCE, null);
    Map<String, BlockingPath> all = new TreeMap<>(methods);
    boolean existed = keepOthers(summary, files, all);
    if (all.isEmpty()) {
      if (existed) {
        summary.delete();
      }
      return;
    }
    try (Writer out = summary.openWriter()) {
      out.write(BlockingSummary.format(all));
    }
  }

  /**
   * Adds to {@code all} what the summary already in the class output says of classes this
   * compilation did not compile and whose class files are still there; true if there was one.
   */
  private boolean keepOthers(
      FileObject summary, JavaFileManager files, Map<String, BlockingPath> all) throws IOException {
    String text;
    try (InputStream in = summary.openInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException none) {
      return false;
    }
    for (Map.Entry<String, BlockingPath> entry : BlockingSummary.parse(text).entrySet()) {
      String type = entry.getKey().substring(0, Math.max(0, entry.getKey().indexOf('#')));
      if (!type.isEmpty()
          && !compiled.contains(type)
          && files.getJavaFileForInput(
                  StandardLocation.CLASS_OUTPUT, type, JavaFileObject.Kind.CLASS)
              != null) {
        all.putIfAbsent(entry.getKey(), entry.getValue());
      }
    }
    return true;
  }
}
