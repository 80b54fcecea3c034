package dev.asyncprone.model.api;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.asyncprone.model.api.libraries.Libraries;
import dev.asyncprone.model.api.libraries.TimedTwin;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.support.PerCompilationCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The catalog of methods that may block: the resource {@code blocking-methods.txt}, plus the
 * methods a build names with {@code -XepOpt:AsyncProne:BlockingMethods}. Indexed by method name, so
 * a call whose name is in no entry costs one hash lookup. The waits of futures and publishers
 * ({@code get}, {@code join}, {@code block}) are not in it: the library tables hold those, with
 * where their future is and how to bound them ({@link Libraries#await}).
 *
 * <p>Besides one method of one type ({@code owner#method}), a line may name every method of a type
 * ({@code owner#*}), of a type and every type that extends it ({@code owner#**}: a Spring Data
 * repository's derived queries, a generated gRPC blocking stub; static methods left out), or of
 * every type of a package ({@code package.*#*}: Lettuce's synchronous command interfaces). A
 * wildcard never covers a method that returns a future or publisher, the library's async API; a
 * line {@code !owner#method} (or {@code !owner#*}) takes back what a wildcard says of the methods
 * of that name of the type and the types that extend it.
 */
public final class BlockingCatalog {
  /**
   * One catalog line: the declaring type, and what a call waits for, in words; for a wait with a
   * timed twin ({@code ... until await(long,TimeUnit) LATCH}), that twin.
   */
  public record Entry(String owner, String method, String waitsFor, @Nullable Untimed untimed) {
    public Entry(String owner, String method, String waitsFor) {
      this(owner, method, waitsFor, null);
    }
  }

  /**
   * The overloads of a catalog method that wait with no bound: those with fewer parameters than its
   * timed twin, which {@code twin} says how to use.
   *
   * @param twinParameters how many parameters the twin takes
   * @param twin how to bound the wait, in words
   */
  public record Untimed(int twinParameters, TimedTwin twin) {
    /** True if a call of {@code method}, an overload of the catalog method, has no bound. */
    public boolean isUnbounded(MethodSymbol method) {
      return method.getParameters().size() < twinParameters;
    }
  }

  // Keyed by the owner's text as parsed, one string per catalog line, compared by identity.
  private static final PerCompilationCache<String, Optional<Symbol>> OWNERS =
      new PerCompilationCache<>();

  static final String RESOURCE = "blocking-methods.txt";
  static final String WILDCARD = "*";
  static final String SUBTYPES = "**";
  private static final String PACKAGE = ".*";
  private static final String NOT = "!";
  private static final String UNTIL = "until";
  private static final String DEFAULT_REASON = "may block";

  /**
   * What the catalog's waits for work on other threads wait for ({@code latch.await()}, {@code
   * awaitTermination}, {@code Thread.join}): the heading of their section of the resource.
   */
  public static final String WAITS_FOR_ANOTHER_THREAD = "waits for another thread";

  /**
   * What the catalog's local file operations wait for ({@code Files.readAllBytes}, {@code new
   * FileInputStream}): the heading of their section. A wait bounded by the local disk, not by
   * another thread or a peer.
   */
  public static final String LOCAL_FILE_IO = "does file I/O";

  /** What a method named by the build's flag waits for, in a message: the flag is the source. */
  static final String FLAG_REASON = "is named blocking by -XepOpt:AsyncProne:BlockingMethods";

  private static volatile @Nullable BlockingCatalog builtIn;

  private final Map<String, List<Entry>> byMethodName;
  private final Map<String, Entry> wildcardOwners;
  private final Map<String, Entry> wildcardPackages;
  private final List<Entry> subtypeWildcards;
  private final Map<String, List<String>> exceptions;

  // What entryFor found for each method symbol of the compilation: every call of a method asks
  // again, and the answer reads the method's supertypes and names.
  private final PerCompilationCache<MethodSymbol, Optional<Entry>> entries =
      new PerCompilationCache<>();
  // The wildcards that cover a class's methods, per class: the same for each of its methods.
  private final PerCompilationCache<Symbol, Optional<Entry>> wildcards =
      new PerCompilationCache<>();
  private final PerCompilationCache<Symbol, Optional<Entry>> subtypesWildcards =
      new PerCompilationCache<>();

  private BlockingCatalog(
      Map<String, List<Entry>> byMethodName,
      Map<String, Entry> wildcards,
      Map<String, Entry> packages,
      List<Entry> subtypes,
      Map<String, List<String>> exceptions) {
    this.byMethodName = byMethodName;
    this.wildcardOwners = wildcards;
    this.wildcardPackages = packages;
    this.subtypeWildcards = subtypes;
    this.exceptions = exceptions;
  }

  /** The catalog shipped with asyncprone, read once per class loader. */
  public static BlockingCatalog builtIn() {
    BlockingCatalog catalog = builtIn;
    if (catalog == null) {
      catalog = parse(readResource(), List.of());
      builtIn = catalog;
    }
    return catalog;
  }

  /** The built-in catalog plus {@code extra} lines of the form {@code owner#method}. */
  public static BlockingCatalog withExtra(List<String> extra) {
    if (extra.isEmpty()) {
      return builtIn();
    }
    return parse(readResource(), extra);
  }

  /** Entries for methods named {@code methodName}, and for owners whose every method blocks. */
  public List<Entry> entriesNamed(String methodName) {
    List<Entry> entries = byMethodName.get(methodName);
    return entries == null ? List.of() : entries;
  }

  public @Nullable Entry wildcardFor(String owner) {
    return wildcardOwners.get(owner);
  }

  static BlockingCatalog parse(List<String> lines, List<String> extra) {
    Map<String, List<Entry>> byName = new HashMap<>();
    Map<String, Entry> wildcards = new HashMap<>();
    Map<String, Entry> packages = new HashMap<>();
    List<Entry> subtypes = new ArrayList<>();
    Map<String, List<String>> exceptions = new HashMap<>();
    String reason = DEFAULT_REASON;
    List<String> all = new ArrayList<>(lines);
    all.add("@ " + FLAG_REASON);
    all.addAll(extra);
    for (String raw : all) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@")) {
        reason = line.substring(1).strip();
        continue;
      }
      String[] words = line.split("\\s+");
      boolean not = words[0].startsWith(NOT);
      String method = not ? words[0].substring(NOT.length()) : words[0];
      int hash = method.indexOf('#');
      if (hash <= 0 || hash == method.length() - 1) {
        // Not reached for a flag value: Options rejected a malformed one before.
        continue;
      }
      Entry entry =
          new Entry(method.substring(0, hash), method.substring(hash + 1), reason, untimed(words));
      if (not) {
        exceptions.computeIfAbsent(entry.method(), k -> new ArrayList<>()).add(entry.owner());
      } else if (entry.method().equals(SUBTYPES)) {
        subtypes.add(entry);
      } else if (entry.method().equals(WILDCARD) && entry.owner().endsWith(PACKAGE)) {
        packages.put(entry.owner().substring(0, entry.owner().length() - PACKAGE.length()), entry);
      } else if (entry.method().equals(WILDCARD)) {
        wildcards.put(entry.owner(), entry);
      } else {
        byName.computeIfAbsent(entry.method(), k -> new ArrayList<>()).add(entry);
      }
    }
    return new BlockingCatalog(byName, wildcards, packages, subtypes, exceptions);
  }

  /** {@code until twin(p1,p2) SORT} after the method, or null if the line says nothing more. */
  private static @Nullable Untimed untimed(String[] words) {
    if (words.length != 4 || !words[1].equals(UNTIL)) {
      return null;
    }
    String twin = words[2];
    int open = twin.indexOf('(');
    if (open < 0 || !twin.endsWith(")")) {
      return null;
    }
    String parameters = twin.substring(open + 1, twin.length() - 1).strip();
    int count = parameters.isEmpty() ? 0 : parameters.split(",").length;
    for (TimedTwin sort : TimedTwin.values()) {
      if (sort.name().equals(words[3])) {
        return new Untimed(count, sort);
      }
    }
    return null;
  }

  /**
   * The entry for calls of {@code method}, or null: an entry of the type that declares it or one it
   * extends, for a method of that type or an override of one ({@code <init>} for a constructor), or
   * the type's wildcard entry.
   */
  public @Nullable Entry entryFor(MethodSymbol method, VisitorState state) {
    return entries.get(method, state, m -> Optional.ofNullable(lookUp(m, state))).orElse(null);
  }

  private @Nullable Entry lookUp(MethodSymbol method, VisitorState state) {
    String name = method.isConstructor() ? "<init>" : Symbols.name(method, state);
    if (isException(method, name, state)) {
      return null;
    }
    if (!method.isConstructor()) {
      Entry wildcard = wildcardEntry(method, state);
      if (wildcard != null) {
        return wildcard;
      }
    }
    List<Entry> entries = entriesNamed(name);
    if (entries.isEmpty()) {
      return null;
    }
    Type owner = method.owner.type;
    if (owner == null) {
      return null;
    }
    Types types = state.getTypes();
    if (entries.stream().noneMatch(entry -> extendsOwnerOf(method, entry, state))) {
      return null; // most methods of a catalog name (accept, write, execute) are others' methods
    }
    for (Type supertype : types.closure(types.erasure(owner))) {
      String ownerName = Symbols.qualifiedName(supertype.tsym, state);
      for (Entry entry : entries) {
        if (entry.owner().equals(ownerName) && declaresOrInherits(supertype, method, types)) {
          return entry;
        }
      }
    }
    return null;
  }

  /**
   * The wildcard entry that covers {@code method}: of its class, of its package, or of a type its
   * class extends ({@code owner#**}, which leaves static methods out: factories and builders);
   * never one that returns a future or publisher, the async API beside the blocking one.
   */
  private @Nullable Entry wildcardEntry(MethodSymbol method, VisitorState state) {
    if (wildcardOwners.isEmpty() && wildcardPackages.isEmpty() && subtypeWildcards.isEmpty()) {
      return null;
    }
    Entry entry =
        wildcards
            .get(method.owner, state, owner -> Optional.ofNullable(classWildcard(owner, state)))
            .orElse(null);
    if (entry == null && !method.isStatic()) {
      entry =
          subtypesWildcards
              .get(
                  method.owner,
                  state,
                  owner -> Optional.ofNullable(subtypesWildcard(method, state)))
              .orElse(null);
    }
    return entry == null || AsyncTypes.isFutureLike(method.getReturnType(), state) ? null : entry;
  }

  /** The wildcard entry of the class {@code owner}, or of its package. */
  private @Nullable Entry classWildcard(Symbol owner, VisitorState state) {
    Entry entry = wildcardFor(Symbols.qualifiedName(owner, state));
    if (entry == null && !wildcardPackages.isEmpty()) {
      for (Symbol enclosing = owner; enclosing != null; enclosing = enclosing.owner) {
        if (enclosing instanceof Symbol.PackageSymbol pkg) {
          return wildcardPackages.get(Symbols.qualifiedName(pkg, state));
        }
      }
    }
    return entry;
  }

  /** The {@code owner#**} entry of a type that the class of {@code method} extends, or null. */
  private @Nullable Entry subtypesWildcard(MethodSymbol method, VisitorState state) {
    for (Entry subtypes : subtypeWildcards) {
      if (extendsOwnerOf(method, subtypes, state)) {
        return subtypes;
      }
    }
    return null;
  }

  /** True if a line {@code !owner#name} takes {@code method} out of the catalog. */
  private boolean isException(MethodSymbol method, String name, VisitorState state) {
    List<String> owners = exceptions.get(name);
    List<String> all = exceptions.get(WILDCARD);
    if (owners == null && all == null) {
      return false;
    }
    for (List<String> list : Arrays.asList(owners, all)) {
      for (String owner : list == null ? List.<String>of() : list) {
        if (extendsOwner(method, owner, state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if {@code method}'s class is, or extends, the class of the catalog entry {@code entry}.
   */
  private static boolean extendsOwnerOf(MethodSymbol method, Entry entry, VisitorState state) {
    return extendsOwner(method, entry.owner(), state);
  }

  private static boolean extendsOwner(MethodSymbol method, String owner, VisitorState state) {
    Symbol type =
        OWNERS
            .get(owner, state, o -> Optional.ofNullable(state.getSymbolFromString(o)))
            .orElse(null);
    return type != null && method.owner.isSubClass(type, state.getTypes());
  }

  /**
   * True if {@code method} is, or overrides, a method of the catalog type {@code declaring}, so
   * that an unrelated method of the same name in a subclass does not count.
   */
  private static boolean declaresOrInherits(Type declaring, MethodSymbol method, Types types) {
    if (method.owner == declaring.tsym || method.isConstructor()) {
      return method.owner == declaring.tsym;
    }
    for (Symbol member : declaring.tsym.members().getSymbolsByName(method.name)) {
      if (member instanceof MethodSymbol
          && method.overrides(member, (Symbol.TypeSymbol) method.owner, types, true)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> readResource() {
    InputStream in = BlockingCatalog.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
