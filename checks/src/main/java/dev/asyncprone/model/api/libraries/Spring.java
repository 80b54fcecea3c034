package dev.asyncprone.model.api.libraries;

/**
 * Spring: {@code @Async}, whose methods run on Spring's task executor. Its blocking clients ({@code
 * RestTemplate}, {@code JdbcTemplate}, {@code RestClient}) are in the blocking catalog.
 */
public final class Spring {
  public static final String ASYNC = "org.springframework.scheduling.annotation.Async";

  public static final Library TABLE =
      Library.named("Spring", null).packages("org.springframework.").build();

  private Spring() {}
}
