package dev.asyncprone.model.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The blocking summary a compilation writes into its class output for the compilations that use it:
 * {@value #RESOURCE}, so that a jar built with the plugin carries it. UTF-8, one line a method,
 * sorted by the method's key, nothing that changes from one build of the same code to the next:
 *
 * <pre>
 * # asyncprone blocking summary 1
 * # method	kind	call	detail	location	through
 * com.acme.PriceBook#lookup(java.lang.String)	catalog	JdbcTemplate.queryForObject()	makes a database round trip	PriceDao.java:27	PriceDao.row()
 * com.acme.PriceDao#row(java.lang.String)	catalog	JdbcTemplate.queryForObject()	makes a database round trip	PriceDao.java:27
 * </pre>
 *
 * Six fields separated by tabs: the method's key (the binary name of its class, {@code #}, its name
 * or {@code <init>}, its erased parameter types); the kind of the blocking call at the end of its
 * path ({@code catalog}, {@code await}, {@code annotated}, {@code twin}); that call; what it does
 * (for a catalog method), its annotation (annotated), or its async twin (twin), else empty; where
 * it is written; and the methods called on the way there, joined by {@code " -> "}, empty when the
 * method makes the call itself (of more than four, the first two, {@code (n more)} and the last).
 * Lines starting with {@code #} are comments. A reader ignores a line it cannot read, so that a
 * summary never fails a build.
 */
public final class BlockingSummary {
  /** Where the summary is, in the class output and so in a jar: a resource of its own. */
  public static final String RESOURCE = "META-INF/asyncprone/blocking-summary.txt";

  static final String HEADER =
      "# asyncprone blocking summary 1\n# method\tkind\tcall\tdetail\tlocation\tthrough\n";
  private static final String THROUGH = " -> ";
  private static final int FIELDS = 6;

  private BlockingSummary() {}

  /** The text of a summary of {@code methods}, by key, sorted. */
  public static String format(Map<String, BlockingPath> methods) {
    StringBuilder text = new StringBuilder(HEADER);
    for (Map.Entry<String, BlockingPath> method : new TreeMap<>(methods).entrySet()) {
      BlockingPath.Leaf leaf = method.getValue().leaf();
      text.append(clean(method.getKey()))
          .append('\t')
          .append(leaf.kind().name().toLowerCase(Locale.ROOT))
          .append('\t')
          .append(clean(leaf.call()))
          .append('\t')
          .append(clean(leaf.detail()))
          .append('\t')
          .append(clean(leaf.location()))
          .append('\t');
      List<String> through = new ArrayList<>();
      for (String step : method.getValue().shown()) {
        through.add(clean(step));
      }
      text.append(String.join(THROUGH, through)).append('\n');
    }
    return text.toString();
  }

  /** The methods a summary's text names, by key; the lines it cannot read are left out. */
  public static Map<String, BlockingPath> parse(String text) {
    Map<String, BlockingPath> methods = new TreeMap<>();
    for (String line : text.split("\n")) {
      line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      BlockingPath.Kind kind = kind(fields.length >= FIELDS ? fields[1] : "");
      if (kind == null || fields[0].isEmpty() || fields[2].isEmpty()) {
        continue;
      }
      List<String> through =
          fields[5].isEmpty() ? List.of() : Arrays.asList(fields[5].split(THROUGH, -1));
      methods.put(
          fields[0],
          BlockingPath.of(through, new BlockingPath.Leaf(kind, fields[2], fields[3], fields[4])));
    }
    return methods;
  }

  private static BlockingPath.@Nullable Kind kind(String name) {
    for (BlockingPath.Kind kind : BlockingPath.Kind.values()) {
      if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
        return kind;
      }
    }
    return null;
  }

  private static String clean(String text) {
    return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
