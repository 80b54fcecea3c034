package dev.asyncprone.model.javac;

import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.file.PathFileObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaFileObject;
import org.jspecify.annotations.Nullable;

/**
 * The jar or directory a class was read from, and the resources beside it there: what another
 * compilation wrote into its class output for the compilations that use it.
 *
 * <p>javac's own file manager cannot list a jar's {@code META-INF}: it indexes only the directories
 * whose names are Java identifiers. So a resource is read from the container of a class that the
 * compilation loaded: through the zip file system javac already opened for the jar where javac
 * gives it ({@code PathFileObject}), else by opening the jar once.
 */
public final class ClassContainers {
  /**
   * A jar or class directory on the class path.
   *
   * @param key what identifies it: the jar's or directory's absolute path
   * @param display how a message names it: the jar's file name, or the directory's path
   * @param root where its resources are: the directory, or the root of the jar's file system
   * @param zip true if {@code root} is the jar itself, to be opened as a zip file
   */
  public record Container(String key, String display, Path root, boolean zip) {}

  private static final String JAR = "jar";
  private static final String FILE = "file";

  private ClassContainers() {}

  /**
   * The container of {@code type}, a class read from a class file; null for a class compiled from
   * source, one of the JDK, or one whose file javac does not show.
   */
  public static @Nullable Container of(ClassSymbol type) {
    ClassSymbol outermost = outermost(type);
    JavaFileObject file = outermost.classfile;
    if (file == null || file.getKind() != JavaFileObject.Kind.CLASS) {
      return null;
    }
    URI uri = file.toUri();
    if (JAR.equals(uri.getScheme())) {
      String text = uri.getSchemeSpecificPart();
      int bang = text.indexOf("!/");
      if (bang < 0) {
        return null;
      }
      Path jar = Paths.get(URI.create(text.substring(0, bang)));
      String name = jar.getFileName() == null ? jar.toString() : jar.getFileName().toString();
      if (name.equals("ct.sym")) {
        return null; // the JDK's own classes under --release
      }
      Path root =
          file instanceof PathFileObject p
                  && p.getPath().getFileSystem() != FileSystems.getDefault()
              ? p.getPath().getFileSystem().getPath("/")
              : null;
      return new Container(jar.toString(), name, root == null ? jar : root, root == null);
    }
    if (FILE.equals(uri.getScheme())) {
      Path root = Paths.get(uri).getParent();
      PackageSymbol pkg = outermost.packge();
      if (pkg != null && !pkg.isUnnamed()) {
        for (int i = pkg.getQualifiedName().toString().split("\\.").length; i > 0; i--) {
          root = root == null ? null : root.getParent();
        }
      }
      return root == null ? null : new Container(root.toString(), root.toString(), root, false);
    }
    return null;
  }

  /**
   * The top-level class {@code type} is nested in, or itself. Not javac's {@code outermostClass()},
   * which fails on the classes javac makes up (an array's, whose owner is no package).
   */
  public static ClassSymbol outermost(ClassSymbol type) {
    ClassSymbol outermost = type;
    while (outermost.owner instanceof ClassSymbol enclosing) {
      outermost = enclosing;
    }
    return outermost;
  }

  /**
   * The text of {@code resource} ({@code META-INF/...}) in {@code container}, or null if it has
   * none or it cannot be read.
   */
  public static @Nullable String read(Container container, String resource) {
    try {
      if (!container.zip()) {
        Path file = container.root().resolve(resource);
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      }
      try (ZipFile zip = new ZipFile(container.root().toFile())) {
        ZipEntry entry = zip.getEntry(resource);
        if (entry == null) {
          return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
