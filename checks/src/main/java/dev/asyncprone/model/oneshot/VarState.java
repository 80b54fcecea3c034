package dev.asyncprone.model.oneshot;

import com.google.common.collect.ImmutableSet;
import dev.asyncprone.model.oneshot.OneShotValues.Origin;
import dev.asyncprone.model.oneshot.OneShotValues.Use;

/** What is known of one tracked local: why it is one-shot, and the uses that consumed it. */
record VarState(Origin origin, ImmutableSet<Use> consumed) {
  VarState join(VarState other) {
    if (this == other || consumed.containsAll(other.consumed)) {
      return this;
    }
    return new VarState(
        origin, ImmutableSet.<Use>builder().addAll(consumed).addAll(other.consumed).build());
  }

  VarState plus(Use use) {
    return new VarState(origin, ImmutableSet.<Use>builder().addAll(consumed).add(use).build());
  }
}
