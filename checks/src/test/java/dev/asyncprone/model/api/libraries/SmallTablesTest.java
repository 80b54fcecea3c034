package dev.asyncprone.model.api.libraries;

import static com.google.common.truth.Truth.assertThat;

import dev.asyncprone.model.api.AsyncKind;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The tables that hold names more than rules (Spring, Mockito, Reactive Streams, the contract
 * annotations), and what {@link Vocabulary} answers by class, family and kind.
 */
@RunWith(JUnit4.class)
public class SmallTablesTest {
  @Test
  public void aClassBelongsToTheTableOfItsPackage() {
    assertThat(Vocabulary.ofClass("org.springframework.web.client.RestTemplate"))
        .isSameInstanceAs(Spring.TABLE);
    assertThat(Vocabulary.ofClass("org.mockito.Mockito")).isSameInstanceAs(Mockito.TABLE);
    assertThat(Vocabulary.ofClass("io.reactivex.rxjava3.core.Single"))
        .isSameInstanceAs(RxJava.TABLE);
    assertThat(Vocabulary.ofClass("reactor.core.publisher.Mono")).isSameInstanceAs(Reactor.TABLE);
    // Reactor's schedulers are not its publishers' package.
    assertThat(Vocabulary.ofClass("reactor.core.scheduler.Schedulers")).isNull();
  }

  @Test
  public void aFamilyHasOneTable() {
    assertThat(Vocabulary.ofFamily(AsyncKind.Family.MUTINY)).isSameInstanceAs(Mutiny.TABLE);
    assertThat(Vocabulary.ofFamily(AsyncKind.Family.REACTIVE_STREAMS))
        .isSameInstanceAs(ReactiveStreams.TABLE);
    assertThat(Vocabulary.ofFamily(null)).isNull();
  }

  @Test
  public void whatTheFixesWrite() {
    assertThat(Vocabulary.emptyValue(AsyncKind.RX_COMPLETABLE).call()).isEqualTo(".complete()");
    assertThat(Vocabulary.thenReturn(AsyncKind.FLUX, "save(o)", "o"))
        .isEqualTo("save(o).then().thenReturn(o)");
    assertThat(Vocabulary.asStage(AsyncKind.MONO, "m")).isEqualTo("m.then().toFuture()");
    assertThat(Vocabulary.continueWith(AsyncKind.FLUX)).isEqualTo("thenMany");
    assertThat(Vocabulary.shareOnce(AsyncKind.UNI)).isEqualTo(".memoize().indefinitely()");
    // A future is shared already: nothing to add.
    assertThat(Vocabulary.shareOnce(AsyncKind.COMPLETABLE_FUTURE)).isNull();
  }

  @Test
  public void namesOfOperatorsAcrossTables() {
    assertThat(Libraries.isTimeoutOperator("orTimeout")).isTrue();
    assertThat(Libraries.isTimeoutOperator("ifNoItem")).isTrue();
    assertThat(Libraries.isSubscriberName("blockLast")).isTrue();
    assertThat(Libraries.isPerElementOperator("concatMapIterable")).isTrue();
    assertThat(Libraries.isNonBlockingScheduler("boundedElastic")).isFalse();
    assertThat(Libraries.takesBothInputs("thenCombineAsync")).isTrue();
    assertThat(Libraries.takesBothInputs("applyToEither")).isFalse();
    assertThat(Contracts.BLOCKING).contains("org.jetbrains.annotations.Blocking");
    assertThat(Mockito.STUBS).contains("verify");
    assertThat(ReactiveStreams.SUBSCRIBER_NAMES).doesNotContain("Consumer");
  }
}
