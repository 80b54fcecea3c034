package dev.asyncprone.model.api.libraries;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** What RxJava's table says: blocking* waits, and which of them a timeout operator bounds. */
@RunWith(JUnit4.class)
public class RxJavaTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TableProbe.class, getClass());

  @Test
  public void blockingCallsAndTwins() {
    helper
        .addSourceLines(
            "Rx.java",
            "import io.reactivex.rxjava3.core.Observable;",
            "import io.reactivex.rxjava3.core.Single;",
            "class Rx {",
            "  Single<String> next(String s) { return Single.just(s); }",
            "  void calls(Single<String> single, Observable<String> many) {",
            "    // BUG: Diagnostic contains: await blockingGet twin=RX",
            "    single.blockingGet();",
            "    // BUG: Diagnostic contains: await blockingIterable twin=null later",
            "    many.blockingIterable();",
            "    // Any other blocking* waits too, for what comes later: no single wait to bound.",
            "    // BUG: Diagnostic contains: await blockingLatest twin=null",
            "    many.blockingLatest();",
            "    // BUG: Diagnostic contains: map twin=flatMap",
            "    single.map(s -> next(s));",
            "    // BUG: Diagnostic contains: composes",
            "    single.flatMap(s -> next(s));",
            "    // BUG: Diagnostic contains: async-wrap",
            "    Single.fromCallable(() -> \"\");",
            "    // An Observable of Singles has no twin that takes a Single.",
            "    // BUG: Diagnostic contains: map",
            "    many.map(s -> next(s));",
            "    many.count();",
            "  }",
            "}")
        .doTest();
  }
}
