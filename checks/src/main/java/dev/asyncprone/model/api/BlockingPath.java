package dev.asyncprone.model.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a method blocks, in words a reader can follow to the blocking call: the methods it calls on
 * the way, and the call that blocks at the end, with where it is. {@code quote() blocks: it calls
 * PriceBook.lookup() -> PriceDao.row(), which makes a database round trip
 * (JdbcTemplate.queryForObject(), PriceDao.java:27)}.
 *
 * @param through the methods called on the way, the first called by the method itself; empty when
 *     the method makes the blocking call itself. A method read from another module's summary says
 *     so after its name: {@code PriceBook.lookup() (from pricing.jar)}.
 * @param leaf the blocking call at the end
 */
public record BlockingPath(List<String> through, Leaf leaf) {
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

  /** Paths of more methods than this show the first two and the last, and count the others. */
  private static final int SHOWN = 4;

  public BlockingPath {
    through = List.copyOf(through);
  }

  /** The path of a method that makes the blocking call {@code leaf} itself. */
  public static BlockingPath direct(Leaf leaf) {
    return new BlockingPath(List.of(), leaf);
  }

  /**
   * The path of a method that calls {@code callee} (shown as {@code shown}), whose path this is.
   */
  public BlockingPath through(String shown) {
    List<String> longer = new ArrayList<>(through.size() + 1);
    longer.add(shown);
    longer.addAll(through);
    return new BlockingPath(longer, leaf);
  }

  /**
   * The reason, after the name of the method it is the reason of: {@code it calls
   * PriceBook.lookup() -> PriceDao.row(), which makes a database round trip
   * (JdbcTemplate.queryForObject(), PriceDao.java:27)}; {@code it waits for a future (join(),
   * Prices.java:12)}.
   */
  public String reason() {
    if (through.isEmpty()) {
      return "it " + phrase();
    }
    return "it calls " + shownThrough() + ", which " + phrase();
  }

  private String shownThrough() {
    if (through.size() <= SHOWN) {
      return String.join(" -> ", through);
    }
    return through.get(0)
        + " -> "
        + through.get(1)
        + " -> ("
        + (through.size() - 3)
        + " more) -> "
        + through.get(through.size() - 1);
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
