package dev.asyncprone.model.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The catalog of methods that may block: the resource {@code blocking-methods.txt}, plus the
 * methods a build names with {@code -XepOpt:AsyncProne:BlockingMethods}. Indexed by method name, so
 * a call whose name is in no entry costs one hash lookup.
 */
public final class BlockingCatalog {
  /** One catalog line: the declaring type, and what a call waits for, in words. */
  public record Entry(String owner, String method, String waitsFor) {}

  static final String RESOURCE = "blocking-methods.txt";
  static final String WILDCARD = "*";
  private static final String DEFAULT_REASON = "may block";

  /** What a method named by the build's flag waits for, in a message: the flag is the source. */
  static final String FLAG_REASON = "is named blocking by -XepOpt:AsyncProne:BlockingMethods";

  private static volatile @Nullable BlockingCatalog builtIn;

  private final Map<String, List<Entry>> byMethodName;
  private final Map<String, Entry> wildcardOwners;

  private BlockingCatalog(Map<String, List<Entry>> byMethodName, Map<String, Entry> wildcards) {
    this.byMethodName = byMethodName;
    this.wildcardOwners = wildcards;
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
      int hash = line.indexOf('#');
      if (hash <= 0 || hash == line.length() - 1) {
        // Not reached for a flag value: Options rejected a malformed one before.
        continue;
      }
      Entry entry = new Entry(line.substring(0, hash), line.substring(hash + 1), reason);
      if (entry.method().equals(WILDCARD)) {
        wildcards.put(entry.owner(), entry);
      } else {
        byName.computeIfAbsent(entry.method(), k -> new ArrayList<>()).add(entry);
      }
    }
    return new BlockingCatalog(byName, wildcards);
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
