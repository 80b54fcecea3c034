package dev.asyncprone.model.support;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Context;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One value per compilation, kept in javac's {@code Context}. Asked for at every node, a lookup in
 * the context's map shows in the profile, so the value of the compilation asked about last is kept
 * aside too: the context only weakly and the value softly (as Error Prone's own {@code
 * VisitorState.memoize} does), so that a finished compilation is never kept alive by it. Safe when
 * compilations run side by side on several threads: the pair is replaced as a whole, and a thread
 * that finds another compilation's pair falls back to the context.
 */
public final class ContextLocal<T> {
  private record Last<T>(WeakReference<Context> context, SoftReference<T> value) {}

  private final Context.Key<T> key = new Context.Key<>();
  private volatile @Nullable Last<T> last;

  public T get(VisitorState state, Supplier<T> create) {
    Last<T> cached = last;
    if (cached != null && cached.context().get() == state.context) {
      T value = cached.value().get();
      if (value != null) {
        return value;
      }
    }
    T value = state.context.get(key);
    if (value == null) {
      value = create.get();
      state.context.put(key, value);
    }
    last = new Last<>(new WeakReference<>(state.context), new SoftReference<>(value));
    return value;
  }
}
