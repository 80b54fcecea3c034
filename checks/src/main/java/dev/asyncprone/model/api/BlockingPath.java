package dev.asyncprone.model.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Why a method blocks, in words a reader can follow to the blocking call: the methods it calls on
 * the way, and the call that blocks at the end, with where it is. {@code quote() blocks: it calls
 * PriceBook.lookup() -> PriceDao.row(), which makes a database round trip
 * (JdbcTemplate.queryForObject(), PriceDao.java:27)}.
 *
 * <p>A path keeps only what a message shows of the methods on the way (the first few and the last,
 * and how many there are), so that making the path of a caller from its callee's costs the same
 * however long the chain: a chain of n methods costs n, not n squared.
 *
 * @param first the first methods called on the way (at most {@value #KEPT}), the first called by
 *     the method itself; a method read from another module's summary says so after its name: {@code
 *     PriceBook.lookup() (from pricing.jar)}
 * @param last the last method on the way, or null when the method makes the blocking call itself
 * @param length how many methods there are on the way
 * @param leaf the blocking call at the end
 */
public record BlockingPath(List<String> first, @Nullable String last, int length, Leaf leaf) {
  /** What sort of call blocks at the end of a path. */
  public enum Kind {
    /** A method of the catalog, {@code blocking-methods.txt}. */
    CATALOG,
    /** A wait for a future or publisher not known to be complete. */
    AWAIT,
    /** A method annotated {@code @Blocking}. */
    ANNOTATED,
    /**
     * The plain method of a pair whose other is its async twin: {@code send} of {@code sendAsync}.
     */
    TWIN
  }

  /**
   * The blocking call at the end of a path.
   *
   * @param kind what sort of call it is
   * @param call its name as a reader knows it: {@code JdbcTemplate.queryForObject()}, {@code
   *     join()}
   * @param detail for a catalog method, what it does ({@code makes a database round trip}); for an
   *     annotated one, the annotation's simple name; for a twin, the twin ({@code sendAsync()});
   *     else empty
   * @param location where the call is written: {@code PriceDao.java:27}
   */
  public record Leaf(Kind kind, String call, String detail, String location) {}

  /** How many of the first methods a path keeps, and shows when there are no more than these. */
  static final int KEPT = 4;

  private static final Pattern MORE = Pattern.compile("\\((\\d+) more\\)");

  public BlockingPath {
    first = List.copyOf(first);
  }

  /** The path of a method that makes the blocking call {@code leaf} itself. */
  public static BlockingPath direct(Leaf leaf) {
    return new BlockingPath(List.of(), null, 0, leaf);
  }

  /**
   * The path of a method that calls, first on its way, the method shown as {@code shown}, whose
   * path this is.
   */
  public BlockingPath through(String shown) {
    List<String> longer = new ArrayList<>(KEPT);
    longer.add(shown);
    for (int i = 0; i < first.size() && longer.size() < KEPT; i++) {
      longer.add(first.get(i));
    }
    return new BlockingPath(longer, last == null ? shown : last, length + 1, leaf);
  }

  /**
   * The path whose methods on the way read {@code shown} ({@link #shown}'s form, as a summary
   * writes it): a {@code (12 more)} among them counts the methods left out.
   */
  public static BlockingPath of(List<String> shown, Leaf leaf) {
    if (shown.isEmpty()) {
      return direct(leaf);
    }
    int length = 0;
    List<String> first = new ArrayList<>();
    for (String step : shown) {
      Matcher more = MORE.matcher(step);
      if (more.matches()) {
        length += Integer.parseInt(more.group(1));
      } else {
        length++;
        if (length == first.size() + 1 && first.size() < KEPT) {
          first.add(step);
        }
      }
    }
    return new BlockingPath(first, shown.get(shown.size() - 1), length, leaf);
  }

  /**
   * The methods on the way as a message shows them: all of them, or, for more than {@value #KEPT},
   * the first two, how many are left out, and the last.
   */
  public List<String> shown() {
    if (length <= KEPT || last == null) {
      return first;
    }
    return List.of(first.get(0), first.get(1), "(" + (length - 3) + " more)", last);
  }

  /**
   * The reason, after the name of the method it is the reason of: {@code it calls
   * PriceBook.lookup() -> PriceDao.row(), which makes a database round trip
   * (JdbcTemplate.queryForObject(), PriceDao.java:27)}; {@code it waits for a future (join(),
   * Prices.java:12)}.
   */
  public String reason() {
    if (length == 0) {
      return "it " + phrase();
    }
    return "it calls " + String.join(" -> ", shown()) + ", which " + phrase();
  }

  private String phrase() {
    switch (leaf.kind()) {
      case AWAIT:
        return "waits for a future (" + leaf.call() + ", " + leaf.location() + ")";
      case ANNOTATED:
        return "calls "
            + leaf.call()
            + ", annotated @"
            + leaf.detail()
            + " ("
            + leaf.location()
            + ")";
      case TWIN:
        return "calls "
            + leaf.call()
            + ", the blocking twin of "
            + leaf.detail()
            + " ("
            + leaf.location()
            + ")";
      default:
        return leaf.detail() + " (" + leaf.call() + ", " + leaf.location() + ")";
    }
  }
}
