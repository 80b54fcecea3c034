package dev.asyncprone.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Shapes found by bench/real-world in real libraries (bench/REAL-WORLD.md): the false positives
 * that must stay quiet, next to the real mistakes that must still be found.
 */
@RunWith(JUnit4.class)
public class NullFutureReturnedRealCodeTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullFutureReturned.class, getClass());

  /** Caffeine's LocalAsyncCache: Map.compute's remapping function returns null to remove. */
  @Test
  public void mapComputeRemappingMayReturnNull() {
    helper
        .addSourceLines(
            "AsMapView.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ConcurrentHashMap;",
            "import java.util.function.BiFunction;",
            "class AsMapView<K, V> {",
            "  final ConcurrentHashMap<K, CompletableFuture<V>> map = new ConcurrentHashMap<>();",
            "  CompletableFuture<V> computeIfPresent(K key,",
            "      BiFunction<? super K, ? super CompletableFuture<V>, ? extends"
                + " CompletableFuture<V>> f) {",
            "    return map.compute(key, (k, oldValue) -> (oldValue == null) ? null : f.apply(k,"
                + " oldValue));",
            "  }",
            "  void remove(K key) {",
            "    map.computeIfPresent(key, (k, v) -> null);",
            "    map.merge(key, CompletableFuture.completedFuture(null), (a, b) -> {",
            "      return a.isDone() ? null : b;",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  /** Caffeine's BoundedLocalCache: its own compute takes a remapping function declared over V. */
  @Test
  public void ownGenericRemappingMayReturnNull() {
    helper
        .addSourceLines(
            "Cache.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.BiFunction;",
            "abstract class Cache<K, V> {",
            "  abstract V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping,"
                + " boolean record);",
            "}",
            "abstract class AsyncCache<K, V> {",
            "  abstract Cache<K, CompletableFuture<V>> delegate();",
            "  void refresh(K key, V newValue) {",
            "    delegate().compute(key, (k, old) -> {",
            "      if (old == null) {",
            "        return null;",
            "      }",
            "      return (newValue == null) ? null : CompletableFuture.completedFuture(newValue);",
            "    }, false);",
            "  }",
            "}")
        .doTest();
  }

  /** Caffeine's remapWhenSettled: the parameter declares a @Nullable future result. */
  @Test
  public void nullableDeclaredResultMayBeNull() {
    helper
        .addSourceLines(
            "Remap.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.BiFunction;",
            "import org.jspecify.annotations.Nullable;",
            "class Remap<K, V> {",
            "  void remapWhenSettled(K key,",
            "      BiFunction<@Nullable V, CompletableFuture<V>, @Nullable CompletableFuture<V>>"
                + " remapping) {}",
            "  void replace(K key, V value) {",
            "    remapWhenSettled(key, (current, future) -> (current == null) ? null : future);",
            "    remapWhenSettled(key, (current, future) -> {",
            "      return null;",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  /** Still found: the API declares a future result, so the null reaches code that chains on it. */
  @Test
  public void declaredFutureResultsAreStillFound() {
    helper
        .addSourceLines(
            "Resources.java",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.BiFunction;",
            "import java.util.function.Function;",
            "class Resources<R> {",
            "  <T> Future<T> withResourceAsync(String key, BiFunction<R, Boolean, Future<T>> f) {",
            "    return f.apply(null, true).andThen(ar -> {});",
            "  }",
            "  Future<String> use(Future<String> lease) {",
            "    return withResourceAsync(\"k\", (endpoint, created) -> {",
            "      if (lease == null) {",
            "        // BUG: Diagnostic contains: NullFutureReturned",
            "        return null;",
            "      }",
            "      return lease;",
            "    });",
            "  }",
            "  CompletableFuture<String> next(CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: NullFutureReturned",
            "    return f.thenCompose(s -> s.isEmpty() ? null :"
                + " CompletableFuture.completedFuture(s));",
            "  }",
            "  // BUG: Diagnostic contains: NullFutureReturned",
            "  Function<String, CompletableFuture<String>> loader = k -> null;",
            "  CompletableFuture<String> find(String id) {",
            "    // BUG: Diagnostic contains: NullFutureReturned",
            "    return null;",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Vert.x's HttpClientImpl (#34): the redirect handler it installs wraps the user's handler, a
   * Function of the same interface, and passes on its null (null means "no redirect"); the finding
   * belongs where the null is made. Still found: Vert.x's DefaultRedirectHandler (#31 to #33),
   * which makes the null behind a declared future result, and the lambda of HttpClientImpl:351
   * (#35), which passes on the null of a plain method to withResourceAsync, which chains on it.
   */
  @Test
  public void wrapperPassingOnTheNullOfTheFunctionItWraps() {
    helper
        .addSourceLines(
            "Redirects.java",
            "import io.vertx.core.Future;",
            "import java.util.function.BiFunction;",
            "import java.util.function.Function;",
            "abstract class Redirects {",
            "  interface Response { int statusCode(); String location(); }",
            "  interface Request { void redirectHandler(Function<Response, Future<Request>> h); }",
            "  interface Endpoint { Future<String> requestConnection(int timeout); }",
            "  abstract Future<Request> request(String options);",
            "  abstract <T> Future<T> withResourceAsync(String key, BiFunction<Endpoint, Boolean,"
                + " Future<T>> f);",
            "  Function<Response, Future<String>> redirectHandler;",
            "  void install(Request request) {",
            "    Function<Response, Future<String>> rHandler = redirectHandler;",
            "    request.redirectHandler(resp -> {",
            "      Future<String> fut_ = rHandler.apply(resp);",
            "      if (fut_ != null) {",
            "        return fut_.compose(o -> this.request(o));",
            "      } else {",
            "        return null;",
            "      }",
            "    });",
            "    request.redirectHandler(resp -> {",
            "      Future<String> next = rHandler.apply(resp);",
            "      return next == null ? null : next.compose(this::request);",
            "    });",
            "  }",
            "  static final class LoggingRedirectHandler implements Function<Response,"
                + " Future<String>> {",
            "    private final Function<Response, Future<String>> delegate;",
            "    LoggingRedirectHandler(Function<Response, Future<String>> delegate) {",
            "      this.delegate = delegate;",
            "    }",
            "    @Override",
            "    public Future<String> apply(Response resp) {",
            "      Future<String> next = delegate.apply(resp);",
            "      if (next == null) {",
            "        return null;",
            "      }",
            "      return next.onSuccess(System.out::println);",
            "    }",
            "  }",
            "  // Where the null is made: a declared future result, found.",
            "  static class DefaultRedirectHandler implements Function<Response, Future<String>> {",
            "    @Override",
            "    public Future<String> apply(Response resp) {",
            "      try {",
            "        if (resp.location() != null && resp.statusCode() == 301) {",
            "          return Future.succeededFuture(resp.location());",
            "        }",
            "        // BUG: Diagnostic contains: NullFutureReturned",
            "        return null;",
            "      } catch (Exception e) {",
            "        return Future.failedFuture(e);",
            "      }",
            "    }",
            "  }",
            "  // HttpClientImpl:351: the null of a plain method, handed to code that chains on"
                + " it.",
            "  Future<String> connect(String key) {",
            "    return withResourceAsync(key, (endpoint, created) -> {",
            "      Future<String> fut = endpoint.requestConnection(1000);",
            "      if (fut == null) {",
            "        // BUG: Diagnostic contains: NullFutureReturned",
            "        return null;",
            "      }",
            "      return fut.map(String::trim);",
            "    });",
            "  }",
            "  // A method that is no wrapper of the function it calls declares a future: found.",
            "  Future<Request> follow(Response resp) {",
            "    Future<String> next = redirectHandler.apply(resp);",
            "    if (next != null) {",
            "      return next.compose(this::request);",
            "    }",
            "    // BUG: Diagnostic contains: NullFutureReturned",
            "    return null;",
            "  }",
            "  Function<Response, Future<Request>> notATest(Future<String> given) {",
            "    return resp -> {",
            "      Future<String> next = redirectHandler.apply(resp);",
            "      if (next != null) {",
            "        next.onComplete(ar -> {});",
            "      }",
            "      // BUG: Diagnostic contains: NullFutureReturned",
            "      return null;",
            "    };",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Vert.x's DefaultRedirectHandler: a {@code Function<HttpClientResponse, Future<RequestOptions>>}
   * whose null means "no redirect", allowed only by Vert.x's Javadoc. The types say future, so it
   * is found (bench/REAL-WORLD.md #31 to #33, debatable); stating the contract in the types with
   * {@code @Nullable} is what quiets it.
   */
  @Test
  public void nullAllowedOnlyByJavadocIsFoundUntilTheTypesSaySo() {
    helper
        .addSourceLines(
            "DefaultRedirectHandler.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.http.HttpClientResponse;",
            "import io.vertx.core.http.RequestOptions;",
            "import java.util.function.Function;",
            "class DefaultRedirectHandler implements Function<HttpClientResponse,"
                + " Future<RequestOptions>> {",
            "  @Override",
            "  public Future<RequestOptions> apply(HttpClientResponse resp) {",
            "    String location = resp.getHeader(\"Location\");",
            "    if (location == null) {",
            "      // BUG: Diagnostic contains: NullFutureReturned",
            "      return null;",
            "    }",
            "    return Future.succeededFuture(new RequestOptions().setAbsoluteURI(location));",
            "  }",
            "}")
        .addSourceLines(
            "AnnotatedRedirectHandler.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.http.HttpClientResponse;",
            "import io.vertx.core.http.RequestOptions;",
            "import java.util.function.Function;",
            "import org.jspecify.annotations.Nullable;",
            "class AnnotatedRedirectHandler",
            "    implements Function<HttpClientResponse, @Nullable Future<RequestOptions>> {",
            "  @Override",
            "  public @Nullable Future<RequestOptions> apply(HttpClientResponse resp) {",
            "    String location = resp.getHeader(\"Location\");",
            "    if (location == null) {",
            "      return null;",
            "    }",
            "    return Future.succeededFuture(new RequestOptions().setAbsoluteURI(location));",
            "  }",
            "}")
        .doTest();
  }
}
