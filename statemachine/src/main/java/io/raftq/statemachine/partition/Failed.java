package io.raftq.statemachine.partition;

import java.util.Objects;

/**
 * A command the logic failed to apply (a bug: an invariant check or an unexpected exception, the same on every
 * replica). It changed nothing; the other commands of its entry applied as usual. Retrying it fails again.
 */
public record Failed(String reason) implements PartitionResult {
  public Failed {
    Objects.requireNonNull(reason, "reason");
  }

  /** The result for {@code failure}: its class and message, which are the same on every replica. */
  static Failed of(Throwable failure) {
    return new Failed("internal error applying the command: " + failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
  }
}
