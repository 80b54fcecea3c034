package dev.asyncprone.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated async-heavy sources: a scaling set of many ordinary service classes, and single
 * pathological methods. They use the JDK's CompletableFuture, Reactor and Guava (both on the
 * classpath the caller gives), and contain both clean code and the mistakes the checks look for, so
 * that every matcher has work to do.
 */
final class Generated {
  private Generated() {}

  /** Writes {@code count} service classes under {@code dir} and returns their paths. */
  static List<Path> services(Path dir, int count) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String pkg = "gen.p" + (i % 16);
      files.add(write(dir, pkg, "Service" + i, service(pkg, i)));
    }
    return files;
  }

  private static String service(String pkg, int i) {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(pkg).append(";\n\n");
    s.append(
        """
        import com.google.common.util.concurrent.Futures;
        import com.google.common.util.concurrent.ListenableFuture;
        import com.google.common.util.concurrent.ListeningExecutorService;
        import com.google.common.util.concurrent.MoreExecutors;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.Map;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ExecutionException;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.TimeoutException;
        import java.util.concurrent.locks.ReentrantLock;
        import reactor.core.publisher.Flux;
        import reactor.core.publisher.Mono;

        """);
    s.append("public final class Service").append(i).append(" {\n");
    s.append(
        """
          private final ExecutorService pool = Executors.newFixedThreadPool(4);
          private final ListeningExecutorService guava = MoreExecutors.listeningDecorator(pool);
          private final Map<String, Integer> cache = new ConcurrentHashMap<>();
          private final ReentrantLock lock = new ReentrantLock();

          record Order(String id, int amount) {}

          CompletableFuture<Integer> fetch(String key) {
            return CompletableFuture.supplyAsync(() -> key.length(), pool);
          }

          Mono<Order> load(String id) {
            return Mono.fromCallable(() -> new Order(id, id.hashCode()));
          }

        """);
    // Several groups of methods, so a file is a few hundred lines like a real service.
    for (int g = 0; g < 3; g++) {
      String n = g + "_" + i;
      int stages = 2 + (i + g) % 5;
      s.append("  CompletableFuture<String> chain").append(n).append("(String key) {\n");
      s.append("    return fetch(key)\n");
      for (int k = 0; k < stages; k++) {
        s.append(
            k % 2 == 0
                ? "        .thenApply(n -> n + " + k + ")\n"
                : "        .thenCompose(n -> fetch(\"k\" + n))\n");
      }
      s.append("        .thenApply(String::valueOf)\n");
      s.append("        .exceptionally(t -> \"fallback\");\n  }\n\n");
      s.append(
          """
            CompletableFuture<Integer> total%1$s(List<String> keys) {
              List<CompletableFuture<Integer>> all = new ArrayList<>();
              for (String k : keys) {
                all.add(fetch(k));
              }
              return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                  .thenApply(v -> all.stream().mapToInt(CompletableFuture::join).sum());
            }

            CompletableFuture<Integer> blockingInAsync%1$s(String key) {
              int a = fetch(key).join();
              return fetch(key + a).thenApply(b -> b + fetch("side").join());
            }

            int sequential%1$s(String a, String b) throws InterruptedException, ExecutionException {
              int x = fetch(a).get();
              int y = fetch(b).get();
              return x + y;
            }

            int loop%1$s(List<String> keys) {
              int sum = 0;
              for (String k : keys) {
                sum += fetch(k).join();
              }
              return sum;
            }

            void fireAndForget%1$s(String key) {
              fetch(key);
              pool.submit(() -> cache.put(key, 1));
            }

            Integer bounded%1$s(String key) throws Exception {
              try {
                return fetch(key).get(2, TimeUnit.SECONDS);
              } catch (TimeoutException e) {
                return -1;
              }
            }

            void sleeper%1$s() {
              try {
                Thread.sleep(5);
              } catch (InterruptedException e) {
                // swallowed
              }
            }

            int locked%1$s(String key) throws Exception {
              lock.lock();
              try {
                return fetch(key).get();
              } finally {
                lock.unlock();
              }
            }

            Mono<String> reactive%1$s(String id) {
              return load(id)
                  .map(o -> o.amount() * 2)
                  .flatMap(a -> Mono.just("amount " + a))
                  .filter(t -> !t.isEmpty())
                  .switchIfEmpty(Mono.fromSupplier(() -> "none"))
                  .onErrorResume(e -> Mono.just("error"));
            }

            Flux<Integer> flux%1$s(List<String> ids) {
              return Flux.fromIterable(ids)
                  .flatMap(this::load)
                  .map(o -> load(o.id()).block().amount())
                  .concatMap(a -> Mono.fromFuture(fetch("a" + a)))
                  .filter(a -> a > 0);
            }

            ListenableFuture<Integer> guava%1$s(String key) {
              ListenableFuture<Integer> f = guava.submit(() -> key.length());
              return Futures.transform(f, n -> n + 1, MoreExecutors.directExecutor());
            }

            CompletableFuture<Order> nullable%1$s(String id) {
              if (id.isEmpty()) {
                return null;
              }
              return load(id).toFuture();
            }

            int switchy%1$s(String mode, String key) {
              return switch (mode) {
                case "sync" -> fetch(key).join();
                case "none" -> 0;
                default -> {
                  int v = cache.getOrDefault(key, 0);
                  yield v;
                }
              };
            }

            Future<?> anonymous%1$s() {
              return pool.submit(new Runnable() {
                @Override
                public void run() {
                  cache.computeIfAbsent("x", k -> fetch(k).join());
                }
              });
            }

          """
              .formatted(n));
    }
    chains(s, i);
    s.append("}\n");
    return s.toString();
  }

  /** How many methods of each service call each other in a row. */
  private static final int LINKS = 24;

  /**
   * Methods that call each other in long chains, for the blocking inference: each service's links
   * call the next, its last link calls the first of the previous service (in another file, often
   * another package), and the first service's last link sleeps; so one chain runs through every
   * file of the set and blocks at its far end. A pair of mutually recursive methods, and a callback
   * that calls both, which is reported with the way to the sleep.
   */
  private static void chains(StringBuilder s, int i) {
    for (int k = 0; k < LINKS; k++) {
      String next;
      if (k + 1 < LINKS) {
        next = "link" + i + "_" + (k + 1) + "(x + 1)";
      } else if (i == 0) {
        next = "park(x)";
      } else {
        next = "gen.p" + ((i - 1) % 16) + ".Service" + (i - 1) + ".link" + (i - 1) + "_0(x - 1)";
      }
      s.append("  public static int link").append(i).append('_').append(k).append("(int x) {\n");
      s.append("    return ").append(next).append(";\n  }\n\n");
    }
    s.append(
        """
          static int park(int x) {
            if (x < 0) {
              try {
                Thread.sleep(1);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return x;
          }

          int ping%1$d(int n) {
            return n <= 0 ? park(n) : pong%1$d(n - 1);
          }

          int pong%1$d(int n) {
            return n <= 0 ? 0 : ping%1$d(n - 1);
          }

          CompletableFuture<Integer> chained%1$d(String key) {
            return fetch(key).thenApply(n -> link%1$d_0(n)).thenApply(n -> ping%1$d(n));
          }
        """
            .formatted(i));
  }

  /** The shapes of pathological single methods. */
  enum Shape {
    CHAIN("chained stages", "stages"),
    NESTED("nested lambdas", "levels"),
    AWAITS("awaits in one method", "awaits"),
    REACTIVE("reactive operators", "operators");

    final String description;
    final String unit;

    Shape(String description, String unit) {
      this.description = description;
      this.unit = unit;
    }
  }

  /** Writes one class with one pathological method of the given shape and size. */
  static List<Path> pathological(Path dir, Shape shape, int size) {
    String name = "Patho" + shape.name().charAt(0) + shape.name().substring(1).toLowerCase() + size;
    StringBuilder s = new StringBuilder();
    s.append("package gen.patho;\n\n");
    s.append("import java.util.List;\n");
    s.append("import java.util.concurrent.CompletableFuture;\n");
    s.append("import reactor.core.publisher.Flux;\n\n");
    s.append("public final class ").append(name).append(" {\n");
    s.append("  static CompletableFuture<Integer> fetch(int k) {\n");
    s.append("    return CompletableFuture.supplyAsync(() -> k);\n  }\n\n");
    switch (shape) {
      case CHAIN -> {
        s.append("  CompletableFuture<Integer> run() {\n    return fetch(0)");
        for (int k = 0; k < size; k++) {
          s.append(
              switch (k % 4) {
                case 0 -> "\n        .thenApply(n -> n + " + k + ")";
                case 1 -> "\n        .thenCompose(n -> fetch(n))";
                case 2 -> "\n        .thenApply(n -> n + fetch(" + k + ").join())";
                default -> "\n        .exceptionally(t -> " + k + ")";
              });
        }
        s.append(";\n  }\n");
      }
      case NESTED -> {
        s.append("  CompletableFuture<Integer> run() {\n    return ");
        for (int k = 0; k < size; k++) {
          s.append("fetch(").append(k).append(").thenCompose(a").append(k).append(" -> ");
        }
        s.append("fetch(a0 + ")
            .append(size - 1 > 0 ? "a" + (size - 1) : "0")
            .append(").thenApply(z -> z + fetch(1).join())");
        s.append(")".repeat(size)).append(";\n  }\n");
      }
      case AWAITS -> {
        s.append("  CompletableFuture<Integer> run(List<Integer> keys) throws Exception {\n");
        s.append("    int sum = 0;\n");
        for (int k = 0; k < size; k++) {
          s.append(
              switch (k % 3) {
                case 0 -> "    int v" + k + " = fetch(" + k + ").join();\n";
                case 1 -> "    int v" + k + " = fetch(v" + (k - 1) + ").get();\n";
                default ->
                    "    int v" + k + " = fetch(keys.get(" + k + " % keys.size())).join();\n";
              });
          s.append("    sum += v").append(k).append(";\n");
        }
        s.append("    return CompletableFuture.completedFuture(sum);\n  }\n");
      }
      case REACTIVE -> {
        s.append("  Flux<Integer> run(List<Integer> keys) {\n    return Flux.fromIterable(keys)");
        for (int k = 0; k < size; k++) {
          s.append(
              switch (k % 4) {
                case 0 -> "\n        .map(n -> n + " + k + ")";
                case 1 -> "\n        .flatMap(n -> Flux.just(n, n + 1))";
                case 2 -> "\n        .map(n -> n + fetch(n).join())";
                default -> "\n        .filter(n -> n % " + (k + 2) + " != 0)";
              });
        }
        s.append(";\n  }\n");
      }
      default -> throw new AssertionError(shape);
    }
    s.append("}\n");
    return List.of(write(dir, "gen.patho", name, s.toString()));
  }

  private static Path write(Path dir, String pkg, String name, String text) {
    try {
      Path folder = dir.resolve(pkg.replace('.', '/'));
      Files.createDirectories(folder);
      Path file = folder.resolve(name + ".java");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
