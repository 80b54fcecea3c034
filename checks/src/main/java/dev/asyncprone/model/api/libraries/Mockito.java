package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableSet;

/**
 * Mockito, whose stubbing calls look like drops: {@code verify(mock).send(x)} calls {@code send} on
 * a stub and drops what it returns, by design.
 */
public final class Mockito {
  public static final String PACKAGE = "org.mockito.";

  /** {@code verify(mock)}, {@code doReturn(x).when(mock)}, BDD {@code then(mock).should()}. */
  public static final ImmutableSet<String> STUBS = ImmutableSet.of("verify", "when", "should");

  public static final Library TABLE = Library.named("Mockito", null).packages(PACKAGE).build();

  private Mockito() {}
}
