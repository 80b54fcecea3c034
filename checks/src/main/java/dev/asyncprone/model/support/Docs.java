package dev.asyncprone.model.support;

/** Where each check's documentation page lives; every finding links to it. */
public final class Docs {
  /** The docs/checks folder of the asyncprone repository; a check's page is its name + ".md". */
  public static final String CHECKS =
      "https://github.com/asyncprone/asyncprone/blob/main/docs/checks/";

  private Docs() {}
}
