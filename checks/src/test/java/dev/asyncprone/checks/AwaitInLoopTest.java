package dev.asyncprone.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class AwaitInLoopTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(AwaitInLoop.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(AwaitInLoop.class, getClass());

  private CompilationTestHelper withRepos() {
    return helper
        .addSourceLines("User.java", "record User(String id, String name) {}")
        .addSourceLines(
            "Page.java", "import java.util.List;", "record Page(List<User> users, String next) {}")
        .addSourceLines(
            "Users.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "interface Users {",
            "  CompletableFuture<User> find(String id);",
            "  CompletableFuture<List<User>> findAll(List<String> ids);",
            "  CompletableFuture<User> save(User user);",
            "  CompletableFuture<Void> delete(String id);",
            "  CompletableFuture<Page> page(String token);",
            "  CompletableFuture<String> config();",
            "}");
  }

  @Test
  public void enhancedFor() {
    withRepos()
        .addSourceLines(
            "Report.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Report {",
            "  Users users;",
            "  List<User> load(List<String> ids) {",
            "    List<User> out = new ArrayList<>();",
            "    for (String id : ids) {",
            "      // BUG: Diagnostic matches: MESSAGE",
            "      out.add(users.find(id).join());",
            "    }",
            "    return out;",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "join() waits for users.find(id) once per element of ids, each round trip"
                        + " after the last: N elements cost N sequential round trips where one"
                        + " batch would do. Create the futures in the loop, then wait for them"
                        + " together: CompletableFuture.allOf(...), or join each in a second loop"
                        + " to keep the order"))
        .doTest();
  }

  @Test
  public void everyKindOfLoop() {
    withRepos()
        .addSourceLines(
            "Loops.java",
            "import java.sql.ResultSet;",
            "import java.sql.SQLException;",
            "import java.util.Iterator;",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.stream.Collectors;",
            "class Loops {",
            "  Users users;",
            "  void indexed(List<String> ids, List<User> out) {",
            "    for (int i = 0; i < ids.size(); i++) {",
            "      // BUG: Diagnostic contains: once per iteration",
            "      User u = users.find(ids.get(i)).join();",
            "      out.add(u);",
            "    }",
            "  }",
            "  void iterator(Iterator<String> it, List<User> out) {",
            "    while (it.hasNext()) {",
            "      String id = it.next();",
            "      // BUG: Diagnostic contains: once per element",
            "      out.add(users.find(id).join());",
            "    }",
            "  }",
            "  void rows(ResultSet rs, List<User> out) throws SQLException {",
            "    do {",
            "      String key = \"user:\" + rs.getString(1);",
            "      // BUG: Diagnostic contains: users.find(key)",
            "      out.add(users.find(key).join());",
            "    } while (rs.next());",
            "  }",
            "  void forEach(List<String> ids, List<User> out) {",
            "    // BUG: Diagnostic contains: once per element of ids",
            "    ids.forEach(id -> out.add(users.find(id).join()));",
            "  }",
            "  void mapForEach(Map<String, String> names, Map<String, User> out) {",
            "    names.forEach((id, name) -> {",
            "      // BUG: Diagnostic contains: once per element of names",
            "      User u = users.find(id).join();",
            "      out.put(name, u);",
            "    });",
            "  }",
            "  List<User> streamMap(List<String> ids) {",
            "    // BUG: Diagnostic contains: once per element of ids",
            "    return ids.stream().map(id ->"
                + " users.find(id).join()).collect(Collectors.toList());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void stagesOnFreshCalls() {
    withRepos()
        .addSourceLines(
            "Names.java",
            "import java.util.List;",
            "class Names {",
            "  Users users;",
            "  void names(List<String> ids, List<String> out) {",
            "    for (String id : ids) {",
            "      // BUG: Diagnostic contains: users.find(id)",
            "      out.add(users.find(id).thenApply(User::name).join());",
            "    }",
            "    // BUG: Diagnostic contains: users.find(id)",
            "    ids.forEach(id -> out.add(users.find(id).thenApply(u ->"
                + " u.name().trim()).join()));",
            "    for (String id : ids) {",
            "      // BUG: Diagnostic contains: users.find(id)",
            "      String name = users.find(id).thenApply(u -> { String n = u.name(); return"
                + " n.trim(); }).join();",
            "      out.add(name);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void countsAwaitsPerElement() {
    withRepos()
        .addSourceLines(
            "Twice.java",
            "import java.util.List;",
            "class Twice {",
            "  Users users; Users archive;",
            "  void load(List<String> ids, List<User> out) {",
            "    for (String id : ids) {",
            "      // BUG: Diagnostic contains: (2 awaits per element of ids)",
            "      User u = users.find(id).join();",
            "      User old = archive.find(u.id()).join();",
            "      out.add(old == null ? u : old);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void otherLibraries() {
    helper
        .addSourceLines(
            "Prices.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import reactor.core.publisher.Mono;",
            "abstract class Prices {",
            "  abstract ListenableFuture<Integer> price(String sku);",
            "  abstract Mono<Integer> stock(String sku);",
            "  ExecutorService pool;",
            "  int total(List<String> skus) throws Exception {",
            "    int sum = 0;",
            "    for (String sku : skus) {",
            "      // BUG: Diagnostic contains: Futures.allAsList(...)",
            "      sum += Futures.getUnchecked(price(sku));",
            "    }",
            "    for (String sku : skus) {",
            "      // BUG: Diagnostic contains: Flux.fromIterable(...).flatMapSequential",
            "      sum += stock(sku).block();",
            "    }",
            "    for (String sku : skus) {",
            "      // BUG: Diagnostic contains: invokeAll",
            "      sum += pool.submit(() -> sku.length()).get();",
            "    }",
            "    return sum;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void paginationIsLeftAlone() {
    withRepos()
        .addSourceLines(
            "Pages.java",
            "import java.util.List;",
            "import java.util.concurrent.atomic.AtomicReference;",
            "class Pages {",
            "  Users users;",
            "  void whileCursor(List<User> out) {",
            "    String token = \"\";",
            "    while (token != null) {",
            "      Page p = users.page(token).join();",
            "      out.addAll(p.users());",
            "      token = p.next();",
            "    }",
            "  }",
            "  void countedPages(int pages, List<User> out) {",
            "    String token = \"\";",
            "    for (int i = 0; i < pages; i++) {",
            "      Page p = users.page(token + i).join();",
            "      out.addAll(p.users());",
            "      token = p.next();",
            "    }",
            "  }",
            "  void inline(List<String> shards, List<User> out) {",
            "    String token = \"\";",
            "    for (String shard : shards) {",
            "      token = users.page(shard + token).join().next();",
            "    }",
            "  }",
            "  void holder(List<String> shards, List<User> out) {",
            "    AtomicReference<String> token = new AtomicReference<>(\"\");",
            "    for (String shard : shards) {",
            "      Page p = users.page(shard + token.get()).join();",
            "      token.set(p.next());",
            "    }",
            "  }",
            "  void lambdaHolder(List<String> shards) {",
            "    String[] token = {\"\"};",
            "    shards.forEach(shard -> { token[0] = users.page(shard + token[0]).join().next();"
                + " });",
            "  }",
            "  void forUpdate(List<User> out) {",
            "    for (String t = \"\"; t != null; t = out.isEmpty() ? null : out.get(0).id()) {",
            "      out.addAll(users.page(t).join().users());",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void stopsOnResultAreLeftAlone() {
    withRepos()
        .addSourceLines(
            "Search.java",
            "import java.util.List;",
            "import java.util.Objects;",
            "import java.util.Optional;",
            "class Search {",
            "  Users users;",
            "  User firstBreak(List<String> ids) {",
            "    User found = null;",
            "    for (String id : ids) {",
            "      found = users.find(id).join();",
            "      if (found != null) {",
            "        break;",
            "      }",
            "    }",
            "    return found;",
            "  }",
            "  User firstReturn(List<String> ids) {",
            "    for (String id : ids) {",
            "      User u = users.find(id).join();",
            "      if (u.name().isEmpty()) {",
            "        return u;",
            "      }",
            "    }",
            "    return null;",
            "  }",
            "  User labeled(List<List<String>> groups, List<String> ids) {",
            "    outer:",
            "    for (String id : ids) {",
            "      User u = users.find(id).join();",
            "      for (List<String> g : groups) {",
            "        if (g.contains(u.name())) {",
            "          break outer;",
            "        }",
            "      }",
            "    }",
            "    return null;",
            "  }",
            "  Optional<User> firstOfStream(List<String> ids) {",
            "    return ids.stream().map(id ->"
                + " users.find(id).join()).filter(Objects::nonNull).findFirst();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void batchedOrThrottledLoopsAreLeftAlone() {
    withRepos()
        .addSourceLines(
            "Batches.java",
            "import com.google.common.collect.Lists;",
            "import com.google.common.util.concurrent.RateLimiter;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Semaphore;",
            "import java.util.stream.Collectors;",
            "import reactor.core.publisher.Flux;",
            "class Batches {",
            "  Users users;",
            "  void partitions(List<String> ids, List<User> out) {",
            "    for (List<String> batch : Lists.partition(ids, 50)) {",
            "      out.addAll(users.findAll(batch).join());",
            "    }",
            "  }",
            "  void fluxPerBatch(List<List<String>> batches, List<User> out) {",
            "    for (List<String> batch : batches) {",
            "      out.addAll(Flux.fromIterable(batch).flatMap(id ->"
                + " reactor.core.publisher.Mono.fromFuture(users.find(id)),"
                + " 8).collectList().block());",
            "    }",
            "  }",
            "  void allOfPerElement(List<String> ids, List<User> out) {",
            "    for (String id : ids) {",
            "      CompletableFuture.allOf(users.find(id), users.find(id + \"-alias\")).join();",
            "    }",
            "  }",
            "  void semaphore(List<String> ids, List<User> out, Semaphore permits) throws"
                + " InterruptedException {",
            "    for (String id : ids) {",
            "      permits.acquire();",
            "      try {",
            "        out.add(users.find(id).join());",
            "      } finally {",
            "        permits.release();",
            "      }",
            "    }",
            "  }",
            "  void rateLimited(List<String> ids, List<User> out, RateLimiter limiter) {",
            "    for (String id : ids) {",
            "      limiter.acquire();",
            "      out.add(users.find(id).join());",
            "    }",
            "  }",
            "  void paced(List<String> ids, List<User> out) throws InterruptedException {",
            "    for (String id : ids) {",
            "      out.add(users.find(id).join());",
            "      Thread.sleep(100);",
            "    }",
            "  }",
            "  List<User> alreadyStarted(List<String> ids) {",
            "    List<CompletableFuture<User>> futures = new ArrayList<>();",
            "    for (String id : ids) {",
            "      futures.add(users.find(id));",
            "    }",
            "    List<User> out = new ArrayList<>();",
            "    for (CompletableFuture<User> future : futures) {",
            "      out.add(future.join());",
            "    }",
            "    return"
                + " futures.stream().map(CompletableFuture::join).collect(Collectors.toList());",
            "  }",
            "  List<User> offloaded(List<String> ids) {",
            "    List<CompletableFuture<User>> futures = new ArrayList<>();",
            "    for (String id : ids) {",
            "      futures.add(CompletableFuture.supplyAsync(() -> users.find(id).join()));",
            "    }",
            "    return ids.parallelStream().map(id ->"
                + " users.find(id).join()).collect(Collectors.toList());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void orderedOrUnrelatedAwaitsAreLeftAlone() {
    withRepos()
        .addSourceLines(
            "Ordered.java",
            "import java.util.List;",
            "class Ordered {",
            "  Users users;",
            "  void readAfterAWriteOfTheSameObject(List<String> ids) {",
            "    for (String id : ids) {",
            "      users.delete(id + \"-old\");",
            "      out(users.find(id).join());",
            "    }",
            "  }",
            "  void out(User u) {}",
            "  void sameEveryTime(List<String> ids, List<String> out) {",
            "    for (String id : ids) {",
            "      out.add(id + users.config().join());",
            "    }",
            "  }",
            "  void notAnIterator(List<User> out) {",
            "    int tries = 0;",
            "    while (tries < 3) {",
            "      out.add(users.find(\"x\" + tries).join());",
            "      tries++;",
            "    }",
            "  }",
            "  void marked(List<String> ids, List<User> out) {",
            "    for (String id : ids) {",
            "      @SuppressWarnings(\"AwaitInLoop\") // the API allows one request at a time",
            "      User u = users.find(id).join();",
            "      out.add(u);",
            "    }",
            "  }",
            "  @SuppressWarnings(\"AwaitInLoop\")",
            "  void markedMethod(List<String> ids, List<User> out) {",
            "    for (String id : ids) {",
            "      out.add(users.find(id).join());",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void orderedStepsAreReportedWithTheOrderLeftToTheAuthor_realCode() {
    // The audit's webhook replay endpoint: one delivery after another, 9.4 s where 720 ms batched.
    // publish returns CompletableFuture<Void> and is named as a write: reported, saying to keep the
    // order only if each delivery must follow the last, and naming bounded concurrency; no fix.
    withRepos()
        .addSourceLines(
            "Events.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Events { CompletableFuture<Void> publish(User o); }")
        .addSourceLines(
            "Replay.java",
            "import java.util.List;",
            "class Replay {",
            "  Events events;",
            "  Users users;",
            "  void replay(List<User> shipped) {",
            "    for (User o : shipped) {",
            "      // BUG: Diagnostic matches: MESSAGE",
            "      events.publish(o).join();",
            "    }",
            "  }",
            "  void deletes(List<String> ids) {",
            "    for (String id : ids) {",
            "      // BUG: Diagnostic contains: Keep this order only if each delete(...) must"
                + " follow",
            "      users.delete(id).join();",
            "    }",
            "  }",
            "  void readThenWrite(List<String> ids) {",
            "    for (String id : ids) {",
            "      User u = users.find(id).join();",
            "      // BUG: Diagnostic contains: Keep this order only if each save(...) must follow",
            "      users.save(new User(id, u.name().trim())).join();",
            "    }",
            "  }",
            "}")
        .expectErrorMessage(
            "MESSAGE",
            msg ->
                msg.contains(
                    "join() waits for events.publish(o) once per element of shipped, each round"
                        + " trip after the last: N elements cost N sequential round trips. Keep"
                        + " this order only if each publish(...) must follow the one before (the"
                        + " same record written twice, a sequence the other side relies on); if"
                        + " not, start them together with bounded concurrency (a Semaphore around"
                        + " each call, Flux.fromIterable(...).flatMap(..., n), a fixed pool of n"
                        + " threads) and wait for them once. Create the futures in the loop, then"
                        + " wait for them together: CompletableFuture.allOf(...)"))
        .doTest();
    refactoring
        .addInputLines(
            "Replay.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Replay {",
            "  CompletableFuture<String> save(String o) { return new CompletableFuture<>(); }",
            "  List<String> replay(List<String> shipped) {",
            "    List<String> out = new ArrayList<>();",
            "    for (String o : shipped) {",
            "      out.add(save(o).join());",
            "    }",
            "    return out;",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  public void elementReadThroughCallsOnIt_realCode() {
    // The miss: String host = node.get("ip"); connect(host).join(); in a loop over node,
    // whose element is a record held in a Map; and a gate's name (connect) no longer hides it.
    helper
        .addSourceLines(
            "Nodes.java",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "class Nodes {",
            "  CompletableFuture<String> connect(String host) { return new CompletableFuture<>();"
                + " }",
            "  CompletableFuture<Integer> putAll(Map<String, String> batch) { return new"
                + " CompletableFuture<>(); }",
            "  void connectAll(List<Map<String, String>> nodes) {",
            "    for (Map<String, String> node : nodes) {",
            "      String host = node.get(\"ip\");",
            "      // BUG: Diagnostic contains: connect(host) once per element of nodes",
            "      connect(host).join();",
            "    }",
            "  }",
            "  void writeBatches(List<Map<String, String>> batches) {",
            "    // Each element is a batch, handed whole: one round trip per batch is the"
                + " batching.",
            "    for (Map<String, String> batch : batches) {",
            "      putAll(batch).join();",
            "    }",
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
            "import java.util.function.Consumer;",
            "class Odd {",
            "  Users users;",
            "  record Box(List<String> ids) {",
            "    Box { for (String id : ids) { id.length(); } }",
            "  }",
            "  enum Mode { A, B }",
            "  Object anonymous(List<String> ids, List<User> out) {",
            "    return new Runnable() {",
            "      @Override public void run() {",
            "        for (String id : ids) {",
            "          // BUG: Diagnostic contains: AwaitInLoop",
            "          out.add(users.find(id).join());",
            "        }",
            "      }",
            "    };",
            "  }",
            "  void switches(List<Mode> modes, List<User> out) {",
            "    for (Mode m : modes) {",
            "      switch (m) {",
            "        case A: break;",
            "        default:",
            "          // BUG: Diagnostic contains: AwaitInLoop",
            "          out.add(users.find(m.name()).join());",
            "      }",
            "      int n = switch (m) { case A -> 1; default -> { yield 2; } };",
            "    }",
            "  }",
            "  void nestedLambdas(List<List<String>> groups, List<User> out) {",
            "    groups.forEach(g -> g.forEach(id -> {",
            "      Consumer<String> c = x -> out.add(users.find(x).join());",
            "      // BUG: Diagnostic contains: element of g",
            "      out.add(users.find(id).join());",
            "    }));",
            "  }",
            "  void references(List<String> ids, List<User> out) {",
            "    ids.forEach(System.out::println);",
            "    for (String id : ids) ids.forEach(this::print);",
            "  }",
            "  void print(String s) {}",
            "  void forever(List<User> out) {",
            "    for (;;) { if (out.isEmpty()) break; }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  public void fixStartsEveryFutureThenJoinsInOrder() {
    refactoring
        .addInputLines(
            "Users.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Users { CompletableFuture<String> find(String id); }")
        .expectUnchanged()
        .addInputLines(
            "Report.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Report {",
            "  Users users;",
            "  List<String> load(List<String> ids) {",
            "    List<String> out = new ArrayList<>();",
            "    for (String id : ids) {",
            "      out.add(users.find(id).join());",
            "    }",
            "    return out;",
            "  }",
            "}")
        .addOutputLines(
            "Report.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Report {",
            "  Users users;",
            "  List<String> load(List<String> ids) {",
            "    List<String> out = new ArrayList<>();",
            "    List<CompletableFuture<String>> futures = new ArrayList<>();",
            "    for (String id : ids) {",
            "      futures.add(users.find(id));",
            "    }",
            "    for (CompletableFuture<String> future : futures) {",
            "      out.add(future.join());",
            "    }",
            "    return out;",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  public void fixForGuavaAndExecutorsAvoidsTakenNames() {
    refactoring
        .addInputLines(
            "Prices.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.Set;",
            "import java.util.concurrent.ExecutorService;",
            "abstract class Prices {",
            "  abstract ListenableFuture<Integer> price(String sku);",
            "  ExecutorService pool;",
            "  void collect(Iterable<String> skus, Set<Integer> seen, java.util.Collection<Integer>"
                + " sizes) throws Exception {",
            "    int futures = 0;",
            "    for (final String sku : skus)",
            "      seen.add(Futures.getUnchecked(price(sku)));",
            "    for (String sku : skus) {",
            "      sizes.add(pool.submit(() -> sku.length()).get());",
            "    }",
            "    String future = \"later\";",
            "  }",
            "}")
        .addOutputLines(
            "Prices.java",
            "import com.google.common.util.concurrent.Futures;",
            "import com.google.common.util.concurrent.ListenableFuture;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.Set;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "abstract class Prices {",
            "  abstract ListenableFuture<Integer> price(String sku);",
            "  ExecutorService pool;",
            "  void collect(Iterable<String> skus, Set<Integer> seen, java.util.Collection<Integer>"
                + " sizes) throws Exception {",
            "    int futures = 0;",
            "    List<ListenableFuture<Integer>> futures2 = new ArrayList<>();",
            "    for (final String sku : skus) {",
            "      futures2.add(price(sku));",
            "    }",
            "    for (ListenableFuture<Integer> future2 : futures2) {",
            "      seen.add(Futures.getUnchecked(future2));",
            "    }",
            "    List<Future<Integer>> futures3 = new ArrayList<>();",
            "    for (String sku : skus) {",
            "      futures3.add(pool.submit(() -> sku.length()));",
            "    }",
            "    for (Future<Integer> future2 : futures3) {",
            "      sizes.add(future2.get());",
            "    }",
            "    String future = \"later\";",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  public void noFixBeyondThePlainShape() {
    refactoring
        .addInputLines(
            "Report.java",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "abstract class Report {",
            "  abstract CompletableFuture<String> find(String id);",
            "  abstract Mono<String> fetch(String id);",
            "  void load(List<String> ids, List<String> out, Map<String, String> byId) {",
            "    for (String id : ids) {",
            "      out.add(fetch(id).block());",
            "    }",
            "    for (String id : ids) {",
            "      byId.put(id, find(id).join());",
            "    }",
            "    for (String id : ids) {",
            "      String name = find(id).join();",
            "      out.add(name);",
            "    }",
            "    ids.forEach(id -> out.add(find(id).join()));",
            "    for (String id : ids) {",
            "      out.add(find(id + out.size()).join());",
            "    }",
            "    for (String id : out) {",
            "      out.add(find(id).join());",
            "    }",
            "    if (!ids.isEmpty())",
            "      for (String id : ids) out.add(find(id).join());",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }
}
