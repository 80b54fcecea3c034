package dev.asyncprone.model.api;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The words of a blocking path, and the summary's text: sorted, stable, read back leniently. */
@RunWith(JUnit4.class)
public class BlockingSummaryFormatTest {
  private static final BlockingPath.Leaf JDBC =
      new BlockingPath.Leaf(
          BlockingPath.Kind.CATALOG,
          "JdbcTemplate.queryForObject()",
          "makes a database round trip",
          "PriceDao.java:27");

  @Test
  public void aPathReadsAsTheWayToTheBlockingCall() {
    BlockingPath row = BlockingPath.direct(JDBC);
    assertThat(row.reason())
        .isEqualTo(
            "it makes a database round trip (JdbcTemplate.queryForObject(), PriceDao.java:27)");
    assertThat(row.through("PriceDao.row()").through("PriceBook.lookup()").reason())
        .isEqualTo(
            "it calls PriceBook.lookup() -> PriceDao.row(), which makes a database round trip"
                + " (JdbcTemplate.queryForObject(), PriceDao.java:27)");
    assertThat(
            BlockingPath.direct(
                    new BlockingPath.Leaf(BlockingPath.Kind.AWAIT, "join()", "", "A.java:3"))
                .reason())
        .isEqualTo("it waits for a future (join(), A.java:3)");
    assertThat(
            BlockingPath.direct(
                    new BlockingPath.Leaf(
                        BlockingPath.Kind.ANNOTATED, "Legacy.fetch()", "Blocking", "A.java:4"))
                .through("B.b()")
                .reason())
        .isEqualTo("it calls B.b(), which calls Legacy.fetch(), annotated @Blocking (A.java:4)");
    assertThat(
            BlockingPath.direct(
                    new BlockingPath.Leaf(
                        BlockingPath.Kind.TWIN, "Producer.send()", "sendAsync()", "A.java:5"))
                .reason())
        .isEqualTo("it calls Producer.send(), the blocking twin of sendAsync() (A.java:5)");
  }

  /** A long chain shows its first two methods, how many more, and the last; built in O(1) each. */
  @Test
  public void aLongChainShowsItsEnds() {
    BlockingPath path = BlockingPath.direct(JDBC);
    for (int i = 100; i >= 1; i--) {
      path = path.through("S.m" + i + "()");
    }
    assertThat(path.length()).isEqualTo(100);
    assertThat(path.shown()).containsExactly("S.m1()", "S.m2()", "(97 more)", "S.m100()").inOrder();
    BlockingPath read = BlockingPath.of(path.shown(), JDBC);
    assertThat(read.length()).isEqualTo(100);
    assertThat(read.through("T.t()").shown())
        .containsExactly("T.t()", "S.m1()", "(98 more)", "S.m100()")
        .inOrder();
  }

  @Test
  public void theSummaryIsSortedAndReadsBack() {
    BlockingPath row = BlockingPath.direct(JDBC);
    Map<String, BlockingPath> methods =
        Map.of(
            "com.acme.PriceDao#row(java.lang.String)",
            row,
            "com.acme.PriceBook#lookup(java.lang.String)",
            row.through("PriceDao.row()"));
    String text = BlockingSummary.format(methods);
    assertThat(text)
        .isEqualTo(
            "# asyncprone blocking summary 1\n"
                + "# method\tkind\tcall\tdetail\tlocation\tthrough\n"
                + "com.acme.PriceBook#lookup(java.lang.String)\tcatalog"
                + "\tJdbcTemplate.queryForObject()\tmakes a database round trip\tPriceDao.java:27"
                + "\tPriceDao.row()\n"
                + "com.acme.PriceDao#row(java.lang.String)\tcatalog"
                + "\tJdbcTemplate.queryForObject()\tmakes a database round trip\tPriceDao.java:27"
                + "\t\n");
    assertThat(BlockingSummary.parse(text)).isEqualTo(methods);
    assertThat(BlockingSummary.format(BlockingSummary.parse(text))).isEqualTo(text);
  }

  @Test
  public void linesThatCannotBeReadAreLeftOut() {
    assertThat(
            BlockingSummary.parse(
                "garbage\n"
                    + "\tcatalog\tX.y()\t\t\t\n"
                    + "A#b()\tunknown\tX.y()\t\t\t\n"
                    + "A#c()\tawait\t\t\t\t\n"
                    + "A#d()\tawait\tjoin()\n"
                    + "A#e()\tawait\tjoin()\t\tA.java:1\t\r\n"))
        .containsExactly(
            "A#e()",
            BlockingPath.direct(
                new BlockingPath.Leaf(BlockingPath.Kind.AWAIT, "join()", "", "A.java:1")));
    assertThat(BlockingSummary.parse("")).isEmpty();
    assertThat(BlockingPath.of(List.of(), JDBC)).isEqualTo(BlockingPath.direct(JDBC));
  }
}
