package dev.asyncprone.model.api.libraries;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import java.util.ArrayList;
import java.util.List;

/**
 * Facts of all the tables filed under the method names they are about, so that asking about a call
 * costs one hash lookup whatever the number of tables. A name ending in {@code *} is a prefix.
 */
final class NameIndex<T> {
  private final ImmutableListMultimap<String, T> exact;
  private final ImmutableList<Prefixed<T>> prefixed;

  private record Prefixed<T>(String prefix, T fact) {}

  private NameIndex(ImmutableListMultimap<String, T> exact, ImmutableList<Prefixed<T>> prefixed) {
    this.exact = exact;
    this.prefixed = prefixed;
  }

  /** The facts about methods named {@code name}, those filed under it exactly first. */
  List<T> get(String name) {
    ImmutableList<T> found = exact.get(name);
    if (prefixed.isEmpty()) {
      return found;
    }
    List<T> all = null;
    for (Prefixed<T> p : prefixed) {
      if (name.startsWith(p.prefix())) {
        if (all == null) {
          all = new ArrayList<>(found);
        }
        all.add(p.fact());
      }
    }
    return all == null ? found : all;
  }

  boolean contains(String name) {
    return !get(name).isEmpty();
  }

  static <T> Builder<T> builder() {
    return new Builder<>();
  }

  static final class Builder<T> {
    private final ImmutableListMultimap.Builder<String, T> exact = ImmutableListMultimap.builder();
    private final ImmutableList.Builder<Prefixed<T>> prefixed = ImmutableList.builder();

    Builder<T> put(String name, T fact) {
      if (name.endsWith("*")) {
        prefixed.add(new Prefixed<>(name.substring(0, name.length() - 1), fact));
      } else {
        exact.put(name, fact);
      }
      return this;
    }

    Builder<T> putAll(Iterable<String> names, T fact) {
      for (String name : names) {
        put(name, fact);
      }
      return this;
    }

    NameIndex<T> build() {
      return new NameIndex<>(exact.build(), prefixed.build());
    }
  }
}
