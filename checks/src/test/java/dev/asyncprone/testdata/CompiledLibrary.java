package dev.asyncprone.testdata;

import dev.asyncprone.annotations.Blocking;
import dev.asyncprone.annotations.NonBlocking;

/**
 * Compiled by Maven before the tests run, so that test sources see it as a class file: its
 * annotations reach the checks through class-file retention, as a library's would.
 */
public class CompiledLibrary {
  @Blocking
  public String fetchBlocking(String key) {
    return key;
  }

  /** A callback interface whose implementations must not block. */
  public interface Listener {
    @NonBlocking
    void onEvent(String event);
  }
}
