package io.raftq.statemachine.partition;

import java.util.List;

/** Result of {@link Enqueue}: one entry per message, in the command's order. */
public record Enqueued(List<StoredMessage> stored) implements PartitionResult {
  public Enqueued {
    stored = List.copyOf(stored);
  }
}
