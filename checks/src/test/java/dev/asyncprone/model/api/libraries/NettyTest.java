package dev.asyncprone.model.api.libraries;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** What Netty's table says: completion, not waits (yet). */
@RunWith(JUnit4.class)
public class NettyTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TableProbe.class, getClass());

  @Test
  public void futureCompletion() {
    helper
        .addSourceLines(
            "Channels.java",
            "import io.netty.util.concurrent.Future;",
            "class Channels {",
            "  void calls(Future<String> f) throws Exception {",
            "    // BUG: Diagnostic contains: done-when=TRUE",
            "    f.isSuccess();",
            "    // BUG: Diagnostic contains: listener",
            "    f.addListener(done -> {});",
            "    // A java.util.concurrent.Future: its get() is the JDK's await.",
            "    // BUG: Diagnostic contains: await get twin=GET",
            "    f.get();",
            "    // Not in the table yet: the checks would report it.",
            "    f.sync();",
            "  }",
            "}")
        .doTest();
  }
}
