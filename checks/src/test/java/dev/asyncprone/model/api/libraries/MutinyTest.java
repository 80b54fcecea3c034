package dev.asyncprone.model.api.libraries;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** What Mutiny's table says: its waits and operators live on the groups its types hand out. */
@RunWith(JUnit4.class)
public class MutinyTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TableProbe.class, getClass());

  @Test
  public void groups() {
    helper
        .addSourceLines(
            "Unis.java",
            "import io.smallrye.mutiny.Uni;",
            "import java.time.Duration;",
            "class Unis {",
            "  Uni<String> next(String s) { return Uni.createFrom().item(s); }",
            "  void calls(Uni<String> uni) {",
            "    // BUG: Diagnostic contains: await await().indefinitely twin=AT_MOST",
            "    uni.await().indefinitely();",
            "    // BUG: Diagnostic contains: await await().atMost bounded",
            "    uni.await().atMost(Duration.ofSeconds(1));",
            "    // BUG: Diagnostic contains: composes",
            "    uni.chain(s -> next(s));",
            "    // BUG: Diagnostic contains: composes",
            "    uni.onItem().transformToUni(s -> next(s));",
            "    // BUG: Diagnostic contains: async-wrap",
            "    Uni.createFrom().item(() -> \"\");",
            "    // A map of a Uni has no composing twin in the table.",
            "    // BUG: Diagnostic contains: map",
            "    uni.map(s -> next(s));",
            "    // A Uni of a value that is there: no supplier, no wrap.",
            "    Uni.createFrom().item(\"\");",
            "  }",
            "}")
        .doTest();
  }
}
