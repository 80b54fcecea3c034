package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableSet;

/**
 * The JDK beyond its async API, as the rules read it: collections and streams that run a function
 * per element on the calling thread, iterators, the language's own types, and time. {@link Jdk}
 * holds the async API itself.
 */
public final class JdkTypes {
  public static final String OBJECT = "java.lang.Object";
  public static final String BOOLEAN = "java.lang.Boolean";
  public static final String VOID = "java.lang.Void";
  public static final String ITERABLE = "java.lang.Iterable";
  public static final String THROWABLE = "java.lang.Throwable";
  public static final String EXCEPTION = "java.lang.Exception";
  public static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
  public static final String COLLECTION = "java.util.Collection";
  public static final String LIST = "java.util.List";
  public static final String ARRAY_LIST = "java.util.ArrayList";
  public static final String QUEUE = "java.util.Queue";

  /** Calls on a queue that put nothing in it. */
  public static final ImmutableSet<String> QUEUE_READS =
      ImmutableSet.of(
          "take",
          "poll",
          "remove",
          "peek",
          "element",
          "isEmpty",
          "size",
          "clear",
          "contains",
          "remainingCapacity",
          "drainTo");

  /**
   * Calls whose result holds the same elements as the collection or array they are given or called
   * on: {@code list.toArray(...)}, {@code List.copyOf(list)}, {@code stream.toList()}.
   */
  public static final ImmutableSet<String> ELEMENT_COPIES =
      ImmutableSet.of("toArray", "toList", "copyOf", "asList", "copyOfRange");

  /**
   * Calls that read one element of a collection or map ({@code futures.get(i)}, {@code
   * byNode.get(node)}): where every element is a done future, so is the one read.
   */
  public static final ImmutableSet<String> ELEMENT_READS =
      ImmutableSet.of("get", "getOrDefault", "getFirst", "getLast", "peek", "element");

  public static final String MAP = "java.util.Map";
  public static final String MAP_ENTRY = "java.util.Map.Entry";
  public static final String ITERATOR = "java.util.Iterator";
  public static final String SPLITERATOR = "java.util.Spliterator";
  public static final String AUTO_CLOSEABLE = "java.lang.AutoCloseable";

  /**
   * Types of a value that reads what it was made from when it is consumed, not when it is made: an
   * iterator, a spliterator, and anything closeable (a stream of lines, a statement, an input
   * stream), which lives no longer than the resource it came from.
   */
  public static final ImmutableSet<String> VIEWS =
      ImmutableSet.of(AUTO_CLOSEABLE, ITERATOR, SPLITERATOR);

  public static final String OPTIONAL = "java.util.Optional";
  public static final String OBJECTS = "java.util.Objects";
  public static final String ARRAYS = "java.util.Arrays";
  public static final String COMPARATOR = "java.util.Comparator";
  public static final String SUPPLIER = "java.util.function.Supplier";
  public static final String BASE_STREAM = "java.util.stream.BaseStream";
  public static final String STREAM = "java.util.stream.Stream";
  public static final String COLLECTORS = "java.util.stream.Collectors";
  public static final String DURATION = "java.time.Duration";

  /**
   * Types whose methods run the function they are given right away, on the calling thread: a lambda
   * passed to one of {@link #INLINE_METHODS} of these is as blocking-sensitive as the code around
   * it.
   */
  public static final ImmutableSet<String> INLINE_OWNERS =
      ImmutableSet.of(
          ITERABLE,
          COLLECTION,
          LIST,
          MAP,
          OPTIONAL,
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble",
          ITERATOR,
          OBJECTS);

  public static final ImmutableSet<String> INLINE_METHODS =
      ImmutableSet.of(
          "forEach",
          "forEachRemaining",
          "removeIf",
          "replaceAll",
          "sort",
          "compute",
          "computeIfAbsent",
          "computeIfPresent",
          "merge",
          "ifPresent",
          "ifPresentOrElse",
          "map",
          "flatMap",
          "filter",
          "or",
          "orElseGet",
          "orElseThrow",
          "requireNonNullElseGet");

  /** Collection, Iterator and Map methods that run their function once per element. */
  public static final ImmutableSet<String> COLLECTION_PER_ELEMENT =
      ImmutableSet.of("forEach", "forEachRemaining", "removeIf", "replaceAll", "sort", "compute");

  /**
   * Types whose methods hand out values that already exist (an element, an entry, a completed
   * future taken from a completion service) rather than start work.
   */
  public static final ImmutableSet<String> CONTAINERS =
      ImmutableSet.of(
          COLLECTION,
          MAP,
          MAP_ENTRY,
          ITERATOR,
          OPTIONAL,
          BASE_STREAM,
          Jdk.COMPLETION_SERVICE,
          Jdk.ATOMIC_REFERENCE);

  /** Loop conditions that step an iterator, enumeration, tokenizer or result set. */
  public static final ImmutableSet<String> ITERATION_STEPS =
      ImmutableSet.of("hasNext", "next", "hasMoreElements", "hasMoreTokens");

  /** Methods that take one function and run it once per element, in order, on this thread. */
  public static final ImmutableSet<String> PER_ELEMENT_CALLS =
      ImmutableSet.of("forEach", "forEachOrdered", "map", "mapToObj", "forEachRemaining");

  /** Stream operations that may stop early, so that later elements are never mapped. */
  public static final ImmutableSet<String> SHORT_CIRCUITS =
      ImmutableSet.of(
          "findFirst",
          "findAny",
          "anyMatch",
          "allMatch",
          "noneMatch",
          "limit",
          "takeWhile",
          "iterator",
          "spliterator");

  /** Stream methods that return the stream they are called on, unconsumed. */
  public static final ImmutableSet<String> STREAM_PASS_THROUGH =
      ImmutableSet.of("parallel", "sequential", "onClose");

  /** {@code parallel()}, {@code sequential()}: which of them comes last decides a pipeline. */
  public static final String PARALLEL = "parallel";

  public static final String SEQUENTIAL = "sequential";

  /** {@code Collection.parallelStream()}: a pipeline that is parallel unless told otherwise. */
  public static final String PARALLEL_STREAM = "parallelStream";

  private JdkTypes() {}
}
