package dev.asyncprone.model.api;

import com.google.errorprone.CompilationTestHelper;
import dev.asyncprone.checks.BlockingInAsyncContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The blocking clients services call, in the catalog by name with no dependency on them: each
 * family on stand-in classes of the same names, called where blocking is wrong, next to the calls
 * of the same libraries that do not wait.
 */
@RunWith(JUnit4.class)
public class CatalogFamiliesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingInAsyncContext.class, getClass());

  /**
   * Spring Data: the repository interfaces and the application's own, derived queries included; a
   * reactive repository returns publishers.
   */
  @Test
  public void springDataRepositories() {
    helper
        .addSourceLines(
            "org/springframework/data/repository/Repository.java",
            "package org.springframework.data.repository;",
            "public interface Repository<T, ID> {}")
        .addSourceLines(
            "org/springframework/data/repository/CrudRepository.java",
            "package org.springframework.data.repository;",
            "import java.util.Optional;",
            "public interface CrudRepository<T, ID> extends Repository<T, ID> {",
            "  Optional<T> findById(ID id);",
            "  <S extends T> S save(S entity);",
            "}")
        .addSourceLines(
            "org/springframework/data/repository/ListCrudRepository.java",
            "package org.springframework.data.repository;",
            "import java.util.List;",
            "public interface ListCrudRepository<T, ID> extends CrudRepository<T, ID> {",
            "  List<T> findAll();",
            "}")
        .addSourceLines(
            "org/springframework/data/repository/PagingAndSortingRepository.java",
            "package org.springframework.data.repository;",
            "public interface PagingAndSortingRepository<T, ID> extends Repository<T, ID> {",
            "  Iterable<T> findAll(Object sort);",
            "}")
        .addSourceLines(
            "org/springframework/data/repository/query/QueryByExampleExecutor.java",
            "package org.springframework.data.repository.query;",
            "public interface QueryByExampleExecutor<T> {",
            "  long count(Object example);",
            "}")
        .addSourceLines(
            "org/springframework/data/jpa/repository/JpaRepository.java",
            "package org.springframework.data.jpa.repository;",
            "import org.springframework.data.repository.*;",
            "import org.springframework.data.repository.query.QueryByExampleExecutor;",
            "public interface JpaRepository<T, ID> extends ListCrudRepository<T, ID>,"
                + " PagingAndSortingRepository<T, ID>, QueryByExampleExecutor<T> {",
            "  void flush();",
            "}")
        .addSourceLines(
            "org/springframework/data/repository/reactive/ReactiveCrudRepository.java",
            "package org.springframework.data.repository.reactive;",
            "import org.springframework.data.repository.Repository;",
            "import reactor.core.publisher.Mono;",
            "public interface ReactiveCrudRepository<T, ID> extends Repository<T, ID> {",
            "  Mono<T> findById(ID id);",
            "}")
        .addSourceLines(
            "shop/PriceRepository.java",
            "package shop;",
            "import org.springframework.data.jpa.repository.JpaRepository;",
            "public interface PriceRepository extends JpaRepository<Price, Long> {",
            "  Price findBySku(String sku);",
            "  static String table() { return \"prices\"; }",
            "}")
        .addSourceLines(
            "shop/ReactivePrices.java",
            "package shop;",
            "import org.springframework.data.repository.reactive.ReactiveCrudRepository;",
            "import reactor.core.publisher.Mono;",
            "public interface ReactivePrices extends ReactiveCrudRepository<Price, Long> {",
            "  Mono<Price> findBySku(String sku);",
            "}")
        .addSourceLines(
            "shop/Price.java", "package shop;", "public record Price(String sku, long cents) {}")
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(PriceRepository prices, ReactivePrices reactive, Price"
                    + " p) {",
                "    // BUG: Diagnostic contains: CrudRepository.findById() makes a database round"
                    + " trip",
                "    prices.findById(1L);",
                "    // BUG: Diagnostic contains: CrudRepository.save() makes a database round"
                    + " trip",
                "    prices.save(p);",
                "    // BUG: Diagnostic contains: ListCrudRepository.findAll() makes a database"
                    + " round trip",
                "    prices.findAll();",
                "    // BUG: Diagnostic contains: PagingAndSortingRepository.findAll() makes a"
                    + " database round trip",
                "    prices.findAll(\"sku\");",
                "    // BUG: Diagnostic contains: QueryByExampleExecutor.count() makes a database"
                    + " round trip",
                "    prices.count(p);",
                "    // BUG: Diagnostic contains: JpaRepository.flush() makes a database round"
                    + " trip",
                "    prices.flush();",
                "    // BUG: Diagnostic contains: PriceRepository.findBySku() makes a database"
                    + " round trip",
                "    prices.findBySku(\"a\");",
                "    PriceRepository.table();",
                "    reactive.findById(1L);",
                "    reactive.findBySku(\"a\");",
                "  }"))
        .doTest();
  }

  /**
   * JPA (jakarta and javax) and Hibernate: reads, writes and query results; building a query does
   * no round trip.
   */
  @Test
  public void jpaAndHibernate() {
    helper
        .addSourceLines(
            "jakarta/persistence/EntityManager.java",
            "package jakarta.persistence;",
            "public interface EntityManager {",
            "  <T> T find(Class<T> type, Object id);",
            "  void persist(Object entity);",
            "  <T> TypedQuery<T> createQuery(String q, Class<T> type);",
            "}")
        .addSourceLines(
            "jakarta/persistence/Query.java",
            "package jakarta.persistence;",
            "public interface Query {",
            "  java.util.List getResultList();",
            "  Object getSingleResult();",
            "  int executeUpdate();",
            "}")
        .addSourceLines(
            "jakarta/persistence/TypedQuery.java",
            "package jakarta.persistence;",
            "public interface TypedQuery<X> extends Query {",
            "  java.util.List<X> getResultList();",
            "  X getSingleResult();",
            "  TypedQuery<X> setMaxResults(int max);",
            "}")
        .addSourceLines(
            "javax/persistence/EntityManager.java",
            "package javax.persistence;",
            "public interface EntityManager {",
            "  void flush();",
            "}")
        .addSourceLines(
            "org/hibernate/Session.java",
            "package org.hibernate;",
            "public interface Session extends jakarta.persistence.EntityManager {",
            "  <T> T get(Class<T> type, Object id);",
            "}")
        .addSourceLines(
            "org/hibernate/query/Query.java",
            "package org.hibernate.query;",
            "public interface Query<R> extends jakarta.persistence.TypedQuery<R> {",
            "  java.util.List<R> list();",
            "}")
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(jakarta.persistence.EntityManager em,"
                    + " javax.persistence.EntityManager old,",
                "      org.hibernate.Session session, org.hibernate.query.Query<String> hql) {",
                "    // BUG: Diagnostic contains: EntityManager.find() makes a database round trip",
                "    em.find(String.class, 1L);",
                "    // BUG: Diagnostic contains: EntityManager.persist()",
                "    em.persist(\"x\");",
                "    jakarta.persistence.TypedQuery<String> q = em.createQuery(\"from X\","
                    + " String.class).setMaxResults(10);",
                "    // BUG: Diagnostic contains: TypedQuery.getResultList() makes a database round"
                    + " trip",
                "    q.getResultList();",
                "    // BUG: Diagnostic contains: TypedQuery.getSingleResult()",
                "    q.getSingleResult();",
                "    // BUG: Diagnostic contains: EntityManager.flush()",
                "    old.flush();",
                "    // BUG: Diagnostic contains: Session.get() makes a database round trip",
                "    session.get(String.class, 1L);",
                "    // BUG: Diagnostic contains: EntityManager.find()",
                "    session.find(String.class, 1L);",
                "    // BUG: Diagnostic contains: Query.list() makes a database round trip",
                "    hql.list();",
                "  }"))
        .doTest();
  }

  /**
   * JDBC's DataSource and Connection beyond statements: transactions, savepoints, cursor moves;
   * making a statement does no round trip.
   */
  @Test
  public void jdbcLeftovers() {
    helper
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(javax.sql.DataSource ds, java.sql.ResultSet rows)"
                    + " throws java.sql.SQLException {",
                "    // BUG: Diagnostic contains: DataSource.getConnection() makes a database round"
                    + " trip",
                "    java.sql.Connection c = ds.getConnection();",
                "    // BUG: Diagnostic contains: Connection.setAutoCommit() makes a database round"
                    + " trip",
                "    c.setAutoCommit(false);",
                "    // BUG: Diagnostic contains: Connection.setSavepoint()",
                "    c.setSavepoint();",
                "    // BUG: Diagnostic contains: Connection.isValid()",
                "    c.isValid(1);",
                "    // BUG: Diagnostic contains: ResultSet.absolute()",
                "    rows.absolute(5);",
                "    c.createStatement();",
                "    rows.getString(1);",
                "  }"))
        .doTest();
  }

  /**
   * Redis: Jedis and its command interfaces, Lettuce's synchronous API; connection getters and
   * Lettuce's async API do no wait.
   */
  @Test
  public void jedisAndLettuce() {
    helper
        .addSourceLines(
            "redis/clients/jedis/Jedis.java",
            "package redis.clients.jedis;",
            "public class Jedis implements redis.clients.jedis.commands.StringCommands {",
            "  public String get(String key) { return key; }",
            "  public boolean isConnected() { return true; }",
            "}")
        .addSourceLines(
            "redis/clients/jedis/commands/StringCommands.java",
            "package redis.clients.jedis.commands;",
            "public interface StringCommands {",
            "  String get(String key);",
            "}")
        .addSourceLines(
            "redis/clients/jedis/util/Pool.java",
            "package redis.clients.jedis.util;",
            "public abstract class Pool<T> {",
            "  public T getResource() { return null; }",
            "}")
        .addSourceLines(
            "redis/clients/jedis/JedisPool.java",
            "package redis.clients.jedis;",
            "public class JedisPool extends redis.clients.jedis.util.Pool<Jedis> {}")
        .addSourceLines(
            "io/lettuce/core/api/sync/RedisStringCommands.java",
            "package io.lettuce.core.api.sync;",
            "public interface RedisStringCommands<K, V> {",
            "  V get(K key);",
            "}")
        .addSourceLines(
            "io/lettuce/core/api/sync/BaseRedisCommands.java",
            "package io.lettuce.core.api.sync;",
            "public interface BaseRedisCommands<K, V> {",
            "  String ping();",
            "  boolean isOpen();",
            "}")
        .addSourceLines(
            "io/lettuce/core/api/sync/RedisCommands.java",
            "package io.lettuce.core.api.sync;",
            "public interface RedisCommands<K, V> extends BaseRedisCommands<K, V>,"
                + " RedisStringCommands<K, V> {}")
        .addSourceLines(
            "io/lettuce/core/api/async/RedisStringAsyncCommands.java",
            "package io.lettuce.core.api.async;",
            "public interface RedisStringAsyncCommands<K, V> {",
            "  java.util.concurrent.CompletionStage<V> get(K key);",
            "  String debugName();",
            "}")
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(redis.clients.jedis.JedisPool pool,"
                    + " redis.clients.jedis.commands.StringCommands commands,",
                "      io.lettuce.core.api.sync.RedisCommands<String, String> sync,",
                "      io.lettuce.core.api.async.RedisStringAsyncCommands<String, String> async) {",
                "    // BUG: Diagnostic contains: Pool.getResource() makes a Redis round trip",
                "    redis.clients.jedis.Jedis jedis = pool.getResource();",
                "    // BUG: Diagnostic contains: Jedis.get() makes a Redis round trip",
                "    jedis.get(\"k\");",
                "    // BUG: Diagnostic contains: StringCommands.get() makes a Redis round trip",
                "    commands.get(\"k\");",
                "    jedis.isConnected();",
                "    // BUG: Diagnostic contains: RedisStringCommands.get() makes a Redis round"
                    + " trip",
                "    sync.get(\"k\");",
                "    // BUG: Diagnostic contains: BaseRedisCommands.ping() makes a Redis round"
                    + " trip",
                "    sync.ping();",
                "    sync.isOpen();",
                "    async.get(\"k\");",
                "    async.debugName();",
                "  }"))
        .doTest();
  }

  /**
   * gRPC: every call of a generated blocking stub (a subclass of AbstractBlockingStub); its
   * builders and the future stub do no wait.
   */
  @Test
  public void grpcBlockingStubs() {
    helper
        .addSourceLines(
            "io/grpc/stub/AbstractStub.java",
            "package io.grpc.stub;",
            "public abstract class AbstractStub<S extends AbstractStub<S>> {",
            "  public final S withDeadlineAfter(long duration, java.util.concurrent.TimeUnit unit)"
                + " { return build(); }",
            "  protected abstract S build();",
            "}")
        .addSourceLines(
            "io/grpc/stub/AbstractBlockingStub.java",
            "package io.grpc.stub;",
            "public abstract class AbstractBlockingStub<S extends AbstractBlockingStub<S>> extends"
                + " AbstractStub<S> {",
            "  public static <T extends AbstractStub<T>> T newStub(Object factory) { return null;"
                + " }",
            "}")
        .addSourceLines(
            "io/grpc/stub/AbstractFutureStub.java",
            "package io.grpc.stub;",
            "public abstract class AbstractFutureStub<S extends AbstractFutureStub<S>> extends"
                + " AbstractStub<S> {}")
        .addSourceLines(
            "shop/PriceServiceGrpc.java",
            "package shop;",
            "public final class PriceServiceGrpc {",
            "  public static final class PriceServiceBlockingStub extends"
                + " io.grpc.stub.AbstractBlockingStub<PriceServiceBlockingStub> {",
            "    @Override protected PriceServiceBlockingStub build() { return this; }",
            "    public String quote(String request) { return request; }",
            "  }",
            "  public static final class PriceServiceFutureStub extends"
                + " io.grpc.stub.AbstractFutureStub<PriceServiceFutureStub> {",
            "    @Override protected PriceServiceFutureStub build() { return this; }",
            "    public java.util.concurrent.Future<String> quote(String request) { return null; }",
            "  }",
            "}")
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(shop.PriceServiceGrpc.PriceServiceBlockingStub stub,"
                    + " shop.PriceServiceGrpc.PriceServiceFutureStub future) {",
                "    // BUG: Diagnostic contains: PriceServiceBlockingStub.quote() makes a remote"
                    + " call and waits for the answer",
                "    stub.withDeadlineAfter(1,"
                    + " java.util.concurrent.TimeUnit.SECONDS).quote(\"sku\");",
                "    future.quote(\"sku\");",
                "  }"))
        .doTest();
  }

  /**
   * HTTP clients: OkHttp's Call.execute, Apache HttpClient 4 and 5, the JDK's HttpURLConnection;
   * enqueue and opening a connection do no I/O.
   */
  @Test
  public void httpClients() {
    helper
        .addSourceLines(
            "okhttp3/Call.java",
            "package okhttp3;",
            "public interface Call {",
            "  Object execute() throws java.io.IOException;",
            "  void enqueue(Object callback);",
            "}")
        .addSourceLines(
            "org/apache/http/client/HttpClient.java",
            "package org.apache.http.client;",
            "public interface HttpClient {",
            "  Object execute(Object request) throws java.io.IOException;",
            "}")
        .addSourceLines(
            "org/apache/http/impl/client/CloseableHttpClient.java",
            "package org.apache.http.impl.client;",
            "public abstract class CloseableHttpClient implements org.apache.http.client.HttpClient"
                + " {",
            "  public Object execute(Object request) { return null; }",
            "}")
        .addSourceLines(
            "org/apache/hc/client5/http/classic/HttpClient.java",
            "package org.apache.hc.client5.http.classic;",
            "public interface HttpClient {",
            "  Object executeOpen(Object host, Object request, Object context) throws"
                + " java.io.IOException;",
            "}")
        .addSourceLines(
            "org/apache/hc/client5/http/impl/classic/CloseableHttpClient.java",
            "package org.apache.hc.client5.http.impl.classic;",
            "public abstract class CloseableHttpClient implements"
                + " org.apache.hc.client5.http.classic.HttpClient {",
            "  public Object execute(Object request) { return null; }",
            "}")
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(okhttp3.Call call,"
                    + " org.apache.http.impl.client.CloseableHttpClient four,",
                "      org.apache.hc.client5.http.impl.classic.CloseableHttpClient five,"
                    + " java.net.URL url) throws Exception {",
                "    // BUG: Diagnostic contains: Call.execute() does network I/O",
                "    call.execute();",
                "    call.enqueue(null);",
                "    // BUG: Diagnostic contains: CloseableHttpClient.execute() does network I/O",
                "    four.execute(null);",
                "    // BUG: Diagnostic contains: CloseableHttpClient.execute() does network I/O",
                "    five.execute(null);",
                "    // BUG: Diagnostic contains: HttpClient.executeOpen() does network I/O",
                "    five.executeOpen(null, null, null);",
                "    java.net.HttpURLConnection http = (java.net.HttpURLConnection)"
                    + " url.openConnection();",
                "    // BUG: Diagnostic contains: HttpURLConnection.getResponseCode() does network"
                    + " I/O",
                "    http.getResponseCode();",
                "    // BUG: Diagnostic contains: URLConnection.getHeaderField() does network I/O",
                "    http.getHeaderField(\"ETag\");",
                "  }"))
        .doTest();
  }

  /**
   * Kafka's consumer poll and synchronous commit, the producer's flush; JMS receive. commitAsync,
   * send and receiveNoWait do not wait.
   */
  @Test
  public void kafkaAndJms() {
    helper
        .addSourceLines(
            "org/apache/kafka/clients/consumer/Consumer.java",
            "package org.apache.kafka.clients.consumer;",
            "public interface Consumer<K, V> {",
            "  Object poll(java.time.Duration timeout);",
            "  void commitSync();",
            "  void commitAsync();",
            "}")
        .addSourceLines(
            "org/apache/kafka/clients/consumer/KafkaConsumer.java",
            "package org.apache.kafka.clients.consumer;",
            "public class KafkaConsumer<K, V> implements Consumer<K, V> {",
            "  public Object poll(java.time.Duration timeout) { return null; }",
            "  public void commitSync() {}",
            "  public void commitAsync() {}",
            "}")
        .addSourceLines(
            "org/apache/kafka/clients/producer/Producer.java",
            "package org.apache.kafka.clients.producer;",
            "public interface Producer<K, V> {",
            "  void flush();",
            "  java.util.concurrent.Future<Object> send(Object record);",
            "}")
        .addSourceLines(
            "javax/jms/MessageConsumer.java",
            "package javax.jms;",
            "public interface MessageConsumer {",
            "  Object receive();",
            "  Object receive(long timeout);",
            "  Object receiveNoWait();",
            "}")
        .addSourceLines(
            "jakarta/jms/MessageConsumer.java",
            "package jakarta.jms;",
            "public interface MessageConsumer {",
            "  Object receive();",
            "}")
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(org.apache.kafka.clients.consumer.KafkaConsumer<String,"
                    + " String> consumer,",
                "      org.apache.kafka.clients.producer.Producer<String, String> producer,"
                    + " javax.jms.MessageConsumer jms,",
                "      jakarta.jms.MessageConsumer jakarta) {",
                "    // BUG: Diagnostic contains: KafkaConsumer.poll() waits for the Kafka broker",
                "    consumer.poll(java.time.Duration.ofSeconds(1));",
                "    // BUG: Diagnostic contains: KafkaConsumer.commitSync() waits for the Kafka"
                    + " broker",
                "    consumer.commitSync();",
                "    consumer.commitAsync();",
                "    // BUG: Diagnostic contains: Producer.flush() waits for the Kafka broker",
                "    producer.flush();",
                "    producer.send(null);",
                "    // BUG: Diagnostic contains: MessageConsumer.receive() waits for a message",
                "    jms.receive();",
                "    // BUG: Diagnostic contains: MessageConsumer.receive() waits for a message",
                "    jms.receive(100);",
                "    jms.receiveNoWait();",
                "    // BUG: Diagnostic contains: MessageConsumer.receive() waits for a message",
                "    jakarta.receive();",
                "  }"))
        .doTest();
  }

  /**
   * AWS SDK v2: every call of a synchronous service client; its async twin client, its factories
   * and its utilities do no wait.
   */
  @Test
  public void awsSdkSynchronousClients() {
    helper
        .addSourceLines(
            "software/amazon/awssdk/core/SdkClient.java",
            "package software.amazon.awssdk.core;",
            "public interface SdkClient extends AutoCloseable {",
            "  String serviceName();",
            "  void close();",
            "}")
        .addSourceLines(
            "software/amazon/awssdk/awscore/AwsClient.java",
            "package software.amazon.awssdk.awscore;",
            "public interface AwsClient extends software.amazon.awssdk.core.SdkClient {}")
        .addSourceLines(
            "software/amazon/awssdk/services/s3/S3Client.java",
            "package software.amazon.awssdk.services.s3;",
            "public interface S3Client extends software.amazon.awssdk.awscore.AwsClient {",
            "  static S3Client create() { return null; }",
            "  default String getObject(String request) { throw new"
                + " UnsupportedOperationException(); }",
            "  default Object utilities() { return null; }",
            "}")
        .addSourceLines(
            "software/amazon/awssdk/services/s3/S3AsyncClient.java",
            "package software.amazon.awssdk.services.s3;",
            "public interface S3AsyncClient extends software.amazon.awssdk.awscore.AwsClient {",
            "  default java.util.concurrent.CompletableFuture<String> getObject(String request) {"
                + " return null; }",
            "}")
        .addSourceLines(
            "shop/Handler.java",
            handler(
                "  @NonBlocking void handle(software.amazon.awssdk.services.s3.S3AsyncClient async)"
                    + " {",
                "    software.amazon.awssdk.services.s3.S3Client s3 ="
                    + " software.amazon.awssdk.services.s3.S3Client.create();",
                "    // BUG: Diagnostic contains: S3Client.getObject() makes a remote call and"
                    + " waits for the answer",
                "    s3.getObject(\"key\");",
                "    s3.utilities();",
                "    s3.serviceName();",
                "    async.getObject(\"key\");",
                "  }"))
        .doTest();
  }

  /** A handler in package shop whose methods must not block, with {@code body} as its members. */
  private static String[] handler(String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package shop;");
    lines.add("import dev.asyncprone.annotations.NonBlocking;");
    lines.add("class Handler {");
    lines.addAll(Arrays.asList(body));
    lines.add("}");
    return lines.toArray(new String[0]);
  }
}
