package dev.asyncprone.model.api.libraries;

import static com.google.common.truth.Truth.assertThat;

import dev.asyncprone.model.api.BlockingCatalog;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The catalog's waits that name a timed twin: which overloads wait with no bound, and how to bound
 * them.
 */
@RunWith(JUnit4.class)
public class BlockingCatalogTimedTwinsTest {
  @Test
  public void aLineNamesItsTimedTwin() {
    BlockingCatalog.Entry latch =
        BlockingCatalog.builtIn().entriesNamed("await").stream()
            .filter(e -> e.owner().equals("java.util.concurrent.CountDownLatch"))
            .findFirst()
            .orElseThrow();
    assertThat(latch.untimed()).isEqualTo(new BlockingCatalog.Untimed(2, TimedTwin.LATCH));
    // Thread.join's twin takes milliseconds alone: join() waits forever, join(long) does not.
    BlockingCatalog.Entry join = BlockingCatalog.builtIn().entriesNamed("join").get(0);
    assertThat(join.untimed().twinParameters()).isEqualTo(1);
  }

  @Test
  public void aWaitWithoutATwinAndAMalformedTwinSayNothing() {
    BlockingCatalog.Entry barrier =
        BlockingCatalog.builtIn().entriesNamed("await").stream()
            .filter(e -> e.owner().equals("java.util.concurrent.CyclicBarrier"))
            .findFirst()
            .orElseThrow();
    assertThat(barrier.untimed()).isNull();
    assertThat(BlockingCatalog.builtIn().entriesNamed("sleep").get(0).untimed()).isNull();
    assertThat(
            BlockingCatalog.withExtra(List.of("com.acme.Queue#take until poll(long,TimeUnit) SOON"))
                .entriesNamed("take")
                .stream()
                .filter(e -> e.owner().equals("com.acme.Queue"))
                .findFirst()
                .orElseThrow()
                .untimed())
        .isNull();
  }
}
