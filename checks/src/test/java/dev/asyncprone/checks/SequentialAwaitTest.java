package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class SequentialAwaitTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SequentialAwait.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SequentialAwait.class, getClass());

  /** The repositories the tests call: reads, writes, void-valued futures, one per library. */
  private CompilationTestHelper withRepos() {
    return helper
        .addSourceLines("User.java", "record User(String id, String name) {}")
        .addSourceLines(
            "Users.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Users {",
            "  CompletableFuture<User> find(String id);",
            "  CompletableFuture<User> save(User user);",
            "  CompletableFuture<User> touch(String id);",
            "  CompletableFuture<Void> delete(String id);",
            "  CompletableFuture<String> resolveAlias(String id);",
            "}")
        .addSourceLines(
            "Orders.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "interface Orders {",
            "  CompletableFuture<List<String>> list(String userId);",
            "  CompletionStage<Integer> count(String userId);",
            "  CompletableFuture<Void> archive(String userId);",
            "}")
        .addSourceLines(
            "Prefs.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Prefs { CompletableFuture<String> theme(String userId); }");
  }

  @Test
  public void twoIndependentJoins() {
    withRepos()
        .addSourceLines(
            "ProfileService.java",
            "import java.util.List;",
            "class ProfileService {",
            "  Users users; Orders orders;",
            "  String profile(String id) {",
            "    User u = users.find(id).join();",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    List<String> os = orders.list(id).join();",
            "    return u.name() + os;",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "users.find(id) and orders.list(id) are awaited one after the other, though"
                        + " none of them uses another's result: this waits for the sum of their"
                        + " round trips instead of the longest. Start them all before the first"
                        + " join(), then wait for each in the same order"))
        .doTest();
  }

  @Test
  public void threeAwaitsOneFinding() {
    withRepos()
        .addSourceLines(
            "ProfileService.java",
            "import java.util.List;",
            "class ProfileService {",
            "  Users users; Orders orders; Prefs prefs;",
            "  String profile(String id) throws Exception {",
            "    User u = users.find(id).join();",
            "    // BUG: Diagnostic contains: users.find(id), orders.list(id) and prefs.theme(id)",
            "    List<String> os = orders.list(id).get();",
            "    String theme = prefs.theme(id).join();",
            "    return u.name() + os + theme;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void stagesOnFreshCalls() {
    withRepos()
        .addSourceLines(
            "Names.java",
            "class Names {",
            "  Users users; Orders orders;",
            "  String names(String id) {",
            "    String name = users.find(id).thenApply(User::name).join();",
            "    // BUG: Diagnostic contains: users.find(id) and orders.count(id)",
            "    Integer n = orders.count(id).thenApply(c -> c + 1).toCompletableFuture().join();",
            "    return name + n;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void sameReceiverBothReads() {
    withRepos()
        .addSourceLines(
            "Pair.java",
            "class Pair {",
            "  Users users;",
            "  String names(String a, String b) {",
            "    User first = users.find(a).join();",
            "    // BUG: Diagnostic contains: users.find(a) and users.find(b)",
            "    User second = users.find(b).join();",
            "    return first.name() + second.name();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void sameReceiverGettersByTheirValuesName() {
    // Two calls on one object are independent unless something shows that one depends on the
    // other: here both name what they return, as getters do.
    helper
        .addSourceLines(
            "Client.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "interface Client {",
            "  CompletableFuture<Profile> userProfile(String id);",
            "  CompletableFuture<List<Order>> orders(String id);",
            "  CompletableFuture<String> execute(String statement);",
            "  CompletableFuture<String> fetchNext();",
            "  CompletableFuture<Profile> touch(String id);",
            "  record Profile(String name) {}",
            "  record Order(String id) {}",
            "}")
        .addSourceLines(
            "Page.java",
            "import java.util.List;",
            "class Page {",
            "  Client client;",
            "  int render(String id) {",
            "    Client.Profile p = client.userProfile(id).join();",
            "    // BUG: Diagnostic contains: client.userProfile(id) and client.orders(id)",
            "    List<Client.Order> os = client.orders(id).join();",
            "    return p.name().length() + os.size();",
            "  }",
            "  String commands() {",
            "    // What a command runs the name does not say: the select may read the insert.",
            "    String inserted = client.execute(\"insert\").join();",
            "    String selected = client.execute(\"select\").join();",
            "    return inserted + selected;",
            "  }",
            "  String cursor() {",
            "    // The same call again on one object: it moved on between the two.",
            "    String first = client.fetchNext().join();",
            "    String second = client.fetchNext().join();",
            "    return first + second;",
            "  }",
            "  int touchThenRead(String id) {",
            "    // touch names no value: it may change what orders reads.",
            "    Client.Profile p = client.touch(id).join();",
            "    List<Client.Order> os = client.orders(id).join();",
            "    return os.size();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void assignmentToLocalsAndCompletionStage() {
    withRepos()
        .addSourceLines(
            "Summary.java",
            "class Summary {",
            "  Users users; Orders orders;",
            "  String summary(String id) {",
            "    User u;",
            "    int n;",
            "    u = users.find(id).join();",
            "    // BUG: Diagnostic contains: SequentialAwait",
            "    n = orders.count(id).toCompletableFuture().join();",
            "    return u.name() + n;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void guavaAndExecutorFutures() {
    helper
        .addSourceLines(
            "Quotes.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "abstract class Quotes {",
            "  abstract ListenableFuture<Integer> getPrice(String sku);",
            "  abstract ListenableFuture<Integer> getStock(String sku);",
            "  ExecutorService pool; ExecutorService other;",
            "  int quote(String sku) {",
            "    int price = Futures.getUnchecked(getPrice(sku));",
            "    // BUG: Diagnostic contains: getStock(sku)",
            "    int stock = Futures.getUnchecked(getStock(sku));",
            "    return price * stock;",
            "  }",
            "  int tasks() throws Exception {",
            "    Integer a = pool.submit(() -> 1).get();",
            "    // BUG: Diagnostic contains: other.submit",
            "    Integer b = other.submit(() -> 2).get();",
            "    return a + b;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void reactorBlockSuggestsZip() {
    helper
        .addSourceLines(
            "Catalog.java",
            "import reactor.core.publisher.Mono;",
            "interface Catalog {",
            "  Mono<String> title(String id);",
            "  Mono<Integer> price(String id);",
            "  Mono<Void> touch(String id);",
            "}")
        .addSourceLines(
            "Page.java",
            "class Page {",
            "  Catalog catalog; Catalog prices;",
            "  String render(String id) {",
            "    String title = catalog.title(id).block();",
            "    // BUG: Diagnostic contains: Mono.zip(catalog.title(id),"
                + " prices.price(id)).block()",
            "    Integer price = prices.price(id).block();",
            "    return title + price;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void independentThenCompose() {
    withRepos()
        .addSourceLines(
            "Chains.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Chains {",
            "  Users users; Orders orders;",
            "  CompletableFuture<List<String>> orders(String id) {",
            "    // BUG: Diagnostic matches: MESSAGE",
            "    return users.find(id).thenCompose(u -> orders.list(id));",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "this thenCompose ignores the value of users.find(id) and starts"
                        + " orders.list(id) only once it completes, though orders.list(id) does"
                        + " not need it: the two round trips run one after the other. Start"
                        + " both, then combine them: users.find(id).thenCombine(orders.list(id),"
                        + " (ignored, next) -> next)"))
        .doTest();
  }

  @Test
  public void independentCompositionInEveryLibrary() {
    helper
        .addSourceLines(
            "Chains.java",
            "import com.google.common.util.concurrent.FluentFuture;",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import io.reactivex.rxjava3.core.Single;",
            "import io.smallrye.mutiny.Uni;",
            "import reactor.core.publisher.Mono;",
            "abstract class Chains {",
            "  abstract Mono<String> fetchTitle(String id);",
            "  abstract Mono<Integer> fetchPrice(String id);",
            "  abstract Single<String> loadName(String id);",
            "  abstract Single<Integer> loadAge(String id);",
            "  abstract Uni<String> findCity(String id);",
            "  abstract Uni<Integer> findZip(String id);",
            "  abstract ListenableFuture<String> getHead(String id);",
            "  abstract ListenableFuture<Integer> getSize(String id);",
            "  abstract io.vertx.core.Future<String> lookupHost(String id);",
            "  abstract io.vertx.core.Future<Integer> lookupPort(String id);",
            "  Mono<Integer> reactor(String id) {",
            "    // BUG: Diagnostic contains: Mono.zip(fetchTitle(id),"
                + " fetchPrice(id)).map(Tuple2::getT2)",
            "    return fetchTitle(id).flatMap(t -> fetchPrice(id));",
            "  }",
            "  Single<Integer> rx(String id) {",
            "    // BUG: Diagnostic contains: Single.zip(loadName(id), loadAge(id)",
            "    return loadName(id).flatMap(n -> loadAge(id));",
            "  }",
            "  Uni<Integer> mutiny(String id) {",
            "    // BUG: Diagnostic contains: Uni.combine().all().unis(findCity(id), findZip(id))",
            "    Uni<Integer> a = findCity(id).chain(c -> findZip(id));",
            "    // BUG: Diagnostic contains: this onItem().transformToUni ignores",
            "    Uni<Integer> b = findCity(id).onItem().transformToUni(c -> findZip(id));",
            "    return a.chain(x -> b);",
            "  }",
            "  ListenableFuture<Integer> guava(String id) {",
            "    // BUG: Diagnostic contains: Futures.whenAllSucceed(getHead(id), getSize(id))",
            "    ListenableFuture<Integer> a = Futures.transformAsync(getHead(id), h ->"
                + " getSize(id), MoreExecutors.directExecutor());",
            "    // BUG: Diagnostic contains: Futures.whenAllSucceed",
            "    return FluentFuture.from(getHead(id)).transformAsync(h -> getSize(id),"
                + " MoreExecutors.directExecutor());",
            "  }",
            "  io.vertx.core.Future<Integer> vertx(String id) {",
            "    // BUG: Diagnostic contains: Future.all(lookupHost(id), lookupPort(id))",
            "    return lookupHost(id).compose(h -> lookupPort(id));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void dependentAwaitsAreLeftAlone() {
    withRepos()
        .addSourceLines(
            "Dependent.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Dependent {",
            "  Users users; Orders orders;",
            "  String direct(String id) {",
            "    User u = users.find(id).join();",
            "    List<String> os = orders.list(u.id()).join();",
            "    return os.toString();",
            "  }",
            "  String throughLambda(String id) {",
            "    User u = users.find(id).join();",
            "    List<String> os = CompletableFuture.supplyAsync(() ->"
                + " u.id()).thenCompose(orders::list).join();",
            "    return os.toString();",
            "  }",
            "  String variableWrittenByEarlierAwait(String id) {",
            "    id = users.resolveAlias(id).join();",
            "    List<String> os = orders.list(id).join();",
            "    return os.toString();",
            "  }",
            "  String separated(String id) {",
            "    User u = users.find(id).join();",
            "    System.out.println(u);",
            "    List<String> os = orders.list(id).join();",
            "    return os.toString();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void orderedStepsAreLeftAlone() {
    withRepos()
        .addSourceLines(
            "Ordered.java",
            "import java.util.List;",
            "class Ordered {",
            "  Users users; Orders orders;",
            "  User writeThenRead(User x, String id) {",
            "    User saved = users.save(x).join();",
            "    User found = users.find(id).join();",
            "    return found;",
            "  }",
            "  User sameReceiverNotARead(String id) {",
            "    User touched = users.touch(id).join();",
            "    User found = users.find(id).join();",
            "    return found;",
            "  }",
            "  List<String> saveElsewhereThenRead(User x, String id) {",
            "    User saved = users.save(x).join();",
            "    List<String> os = orders.list(id).join();",
            "    return os;",
            "  }",
            "  List<String> voidFutures(String id) {",
            "    Void v = users.delete(id).join();",
            "    Void w = orders.archive(id).join();",
            "    return null;",
            "  }",
            "  List<String> resultsNotKept(String id) {",
            "    users.find(id).join();",
            "    orders.list(id).join();",
            "    return null;",
            "  }",
            "  List<String> marked(String id) {",
            "    User u = users.find(id).join();",
            "    @SuppressWarnings(\"SequentialAwait\") // orders are read after the user is known",
            "    List<String> os = orders.list(id).join();",
            "    return os;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void startedFuturesAndBatchesAreLeftAlone() {
    withRepos()
        .addSourceLines(
            "Started.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "import reactor.util.function.Tuple2;",
            "class Started {",
            "  Users users; Orders orders; User field;",
            "  String alreadyRunning(String id) {",
            "    CompletableFuture<User> uF = users.find(id);",
            "    CompletableFuture<List<String>> osF = orders.list(id);",
            "    User u = uF.join();",
            "    List<String> os = osF.join();",
            "    return u + \"\" + os;",
            "  }",
            "  String allOf(String id, CompletableFuture<User> a, CompletableFuture<User> b) {",
            "    Void done = CompletableFuture.allOf(a, b).join();",
            "    User u = a.join();",
            "    User v = b.join();",
            "    return u + \"\" + v;",
            "  }",
            "  String zip(Mono<String> a, Mono<String> b, Mono<String> c) {",
            "    Tuple2<String, String> both = Mono.zip(a, b).block();",
            "    String third = c.block();",
            "    return both + third;",
            "  }",
            "  String zipThenCall(String id) {",
            "    Tuple2<String, String> both = Mono.zip(Mono.just(\"a\"),"
                + " Mono.just(\"b\")).block();",
            "    String theme = Mono.just(id).block();",
            "    return both + theme;",
            "  }",
            "  String intoField(String id) {",
            "    field = users.find(id).join();",
            "    List<String> os = orders.list(id).join();",
            "    return os.toString();",
            "  }",
            "  String known(String id) {",
            "    String a = CompletableFuture.completedFuture(id).join();",
            "    String b = CompletableFuture.completedFuture(id).join();",
            "    return a + b;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void dependentOrOrderedCompositionsAreLeftAlone() {
    withRepos()
        .addSourceLines(
            "Chains.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "abstract class Chains {",
            "  Users users; Orders orders;",
            "  abstract Mono<Boolean> allowed(String id);",
            "  abstract Mono<String> title(String id);",
            "  CompletableFuture<List<String>> usesValue(String id) {",
            "    return users.find(id).thenCompose(u -> orders.list(u.id()));",
            "  }",
            "  CompletableFuture<List<String>> afterVoid(String id) {",
            "    return users.delete(id).thenCompose(v -> orders.list(id));",
            "  }",
            "  CompletableFuture<Void> intoVoid(String id) {",
            "    return users.find(id).thenCompose(u -> orders.archive(id));",
            "  }",
            "  CompletableFuture<List<String>> afterWrite(User x, String id) {",
            "    return users.save(x).thenCompose(saved -> orders.list(id));",
            "  }",
            "  Mono<String> gate(String id) {",
            "    return allowed(id).flatMap(ok -> title(id));",
            "  }",
            "  CompletableFuture<List<String>> existing(String id, CompletableFuture<List<String>>"
                + " os) {",
            "    return users.find(id).thenCompose(u -> os);",
            "  }",
            "  CompletableFuture<String> known(String id) {",
            "    return users.find(id).thenCompose(u -> CompletableFuture.completedFuture(id));",
            "  }",
            "  CompletableFuture<List<String>> combined(String id) {",
            "    return users.find(id).thenCombine(orders.list(id), (u, os) -> os);",
            "  }",
            "  CompletableFuture<List<String>> moreThanOneStep(String id) {",
            "    return users.find(id).thenCompose(u -> { System.out.println(id); return"
                + " orders.list(id); });",
            "  }",
            "  CompletableFuture<List<String>> methodReference(String id) {",
            "    return users.find(id).thenApply(User::id).thenCompose(orders::list);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void compositionOrderedThroughWhatTheFirstStageCompletes_realCode() {
    // Found by bench/real-world in Caffeine: LocalAsyncCache.composeResult waits on the futures
    // that the completer given to handle() completes; it starts no round trip of its own.
    helper
        .addSourceLines(
            "BulkLoads.java",
            "import java.util.Map;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.BiFunction;",
            "abstract class BulkLoads<K, V> {",
            "  abstract CompletableFuture<Map<K, V>> loadAll(List<K> keys);",
            "  abstract CompletableFuture<String> loadConfig(String name);",
            "  abstract CompletableFuture<Map<K, V>> fetchFresh(List<K> keys);",
            "  abstract BiFunction<Map<K, V>, Throwable, Void> completer(Map<K,"
                + " CompletableFuture<V>> p);",
            "  static <K, V> CompletableFuture<Map<K, V>> composeResult(",
            "      Map<K, CompletableFuture<V>> futures) {",
            "    return CompletableFuture.allOf(futures.values().toArray(new"
                + " CompletableFuture[0]))",
            "        .thenApply(ignored -> Map.of());",
            "  }",
            "  CompletableFuture<Map<K, V>> getAll(List<K> keys, Map<K, CompletableFuture<V>>"
                + " results,",
            "      Map<K, CompletableFuture<V>> pending) {",
            "    var completer = completer(pending);",
            "    var loader = loadAll(keys);",
            "    return loader.handle(completer).thenCompose(ignored -> composeResult(results));",
            "  }",
            "  // A stage callback keeps the config that the next call reads: ordered by that"
                + " state.",
            "  private volatile String currentConfig;",
            "  CompletableFuture<Map<K, V>> configThenRead(List<K> keys) {",
            "    return loadConfig(\"bulk\")",
            "        .whenComplete((config, error) -> currentConfig = config)",
            "        .thenCompose(ignored -> readThrough(keys, currentConfig));",
            "  }",
            "  abstract CompletableFuture<Map<K, V>> readThrough(List<K> keys, String config);",
            "  // The callback only counts: the next call still waits for nothing it needs.",
            "  java.util.concurrent.atomic.LongAdder loads = new"
                + " java.util.concurrent.atomic.LongAdder();",
            "  CompletableFuture<Map<K, V>> countsThenFetches(List<K> keys) {",
            "    return loadConfig(\"bulk\")",
            "        .whenComplete((config, error) -> loads.sum())",
            "        // BUG: Diagnostic contains: starts fetchFresh(keys) only once it completes",
            "        .thenCompose(ignored -> fetchFresh(keys));",
            "  }",
            "  CompletableFuture<Map<K, V>> fetchAfterConfig(List<K> keys) {",
            "    // BUG: Diagnostic contains: ignores the value of loadConfig",
            "    return loadConfig(\"bulk\").thenCompose(ignored -> fetchFresh(keys));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void unusualCodeDoesNotCrash() {
    withRepos()
        .addSourceLines(
            "Odd.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.function.Function;",
            "import java.util.function.Supplier;",
            "class Odd {",
            "  Users users; Orders orders;",
            "  record Pair(User u, List<String> os) {",
            "    Pair {",
            "      int a = 1;",
            "      int b = 2;",
            "    }",
            "  }",
            "  enum Mode { A, B; int twice() { int x = ordinal(); int y = x * 2; return y; } }",
            "  Object anonymous(String id) {",
            "    return new Supplier<Pair>() {",
            "      @Override public Pair get() {",
            "        User u = users.find(id).join();",
            "        // BUG: Diagnostic contains: SequentialAwait",
            "        List<String> os = orders.list(id).join();",
            "        return new Pair(u, os);",
            "      }",
            "    };",
            "  }",
            "  Function<String, Function<String, Pair>> nested() {",
            "    return a -> b -> {",
            "      User u = users.find(a).join();",
            "      // BUG: Diagnostic contains: SequentialAwait",
            "      List<String> os = orders.list(b).join();",
            "      return new Pair(u, os);",
            "    };",
            "  }",
            "  int switched(Mode m, String id) {",
            "    return switch (m) {",
            "      case A -> {",
            "        User u = users.find(id).join();",
            "        User v = users.find(u.id()).join();",
            "        yield v.name().length();",
            "      }",
            "      case B -> 0;",
            "    };",
            "  }",
            "  <T> T generic(Supplier<CompletableFuture<T>> s, Supplier<CompletableFuture<T>> t) {",
            "    T a = s.get().join();",
            "    // BUG: Diagnostic contains: s.get() and t.get()",
            "    T b = t.get().join();",
            "    return a == null ? b : a;",
            "  }",
            "  Object raw(CompletableFuture raw) {",
            "    Object a = raw.thenCompose(x -> raw).join();",
            "    return a;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fixStartsAllThenAwaitsInOrder() {
    refactoring
        .addInputLines(
            "Users.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Users { CompletableFuture<String> find(String id); }")
        .expectUnchanged()
        .addInputLines(
            "Orders.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletionStage;",
            "interface Orders { CompletionStage<List<String>> list(String userId); }")
        .expectUnchanged()
        .addInputLines(
            "ProfileService.java",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class ProfileService {",
            "  Users users; Orders orders; ExecutorService pool;",
            "  String profile(String id) throws Exception {",
            "    String userFuture = \"taken\";",
            "    System.out.println(userFuture);",
            "    final String user = users.find(id).join();",
            "    var orderList = orders.list(id).toCompletableFuture().join();",
            "    Integer size = pool.submit(() -> id.length()).get();",
            "    return user + orderList + size;",
            "  }",
            "}")
        .addOutputLines(
            "ProfileService.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class ProfileService {",
            "  Users users; Orders orders; ExecutorService pool;",
            "  String profile(String id) throws Exception {",
            "    String userFuture = \"taken\";",
            "    System.out.println(userFuture);",
            "    CompletableFuture<String> userFuture2 = users.find(id);",
            "    CompletableFuture<List<String>> orderListFuture ="
                + " orders.list(id).toCompletableFuture();",
            "    Future<Integer> sizeFuture = pool.submit(() -> id.length());",
            "    final String user = userFuture2.join();",
            "    var orderList = orderListFuture.join();",
            "    Integer size = sizeFuture.get();",
            "    return user + orderList + size;",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  public void fixKeepsAssignmentsAndWildcards() {
    refactoring
        .addInputLines(
            "Stats.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Stats {",
            "  abstract CompletableFuture<? extends Number> fetchMean(String key);",
            "  abstract ListenableFuture<Long> fetchTotal(String key);",
            "  String render(String key) {",
            "    Number mean;",
            "    long total;",
            "    mean = fetchMean(key).join();",
            "    total = Futures.getUnchecked(fetchTotal(key));",
            "    return mean + \"/\" + total;",
            "  }",
            "}")
        .addOutputLines(
            "Stats.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Stats {",
            "  abstract CompletableFuture<? extends Number> fetchMean(String key);",
            "  abstract ListenableFuture<Long> fetchTotal(String key);",
            "  String render(String key) {",
            "    Number mean;",
            "    long total;",
            "    CompletableFuture<? extends Number> meanFuture = fetchMean(key);",
            "    ListenableFuture<Long> totalFuture = fetchTotal(key);",
            "    mean = meanFuture.join();",
            "    total = Futures.getUnchecked(totalFuture);",
            "    return mean + \"/\" + total;",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  public void longRunsNameTheFirstCalls() {
    withRepos()
        .addSourceLines(
            "Many.java",
            "class Many {",
            "  Users users;",
            "  String all(String a, String b, String c, String d, String e) {",
            "    User ua = users.find(a).join();",
            "    // BUG: Diagnostic contains: users.find(a), users.find(b), users.find(c) and 2"
                + " more are",
            "    User ub = users.find(b).join();",
            "    User uc = users.find(c).join();",
            "    User ud = users.find(d).join();",
            "    User ue = users.find(e).join();",
            "    return ua + \"\" + ub + uc + ud + ue;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void noFixForResultsDeclaredInAnOuterBlock() {
    refactoring
        .addInputLines(
            "Users.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Users { CompletableFuture<String> find(String id); }")
        .expectUnchanged()
        .addInputLines(
            "Pair.java",
            "class Pair {",
            "  Users users;",
            "  String pair(String a, String b, boolean twice) {",
            "    String first;",
            "    String second;",
            "    if (twice) {",
            "      first = users.find(a).join();",
            "      second = users.find(b).join();",
            "    } else {",
            "      first = second = \"\";",
            "    }",
            "    return first + second;",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void noFixForPublishers() {
    refactoring
        .addInputLines(
            "Page.java",
            "import reactor.core.publisher.Mono;",
            "abstract class Page {",
            "  abstract Mono<String> getTitle(String id);",
            "  abstract Mono<Integer> getPrice(String id);",
            "  String render(String id) {",
            "    String title = getTitle(id).block();",
            "    Integer price = getPrice(id).block();",
            "    return title + price;",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }
}
