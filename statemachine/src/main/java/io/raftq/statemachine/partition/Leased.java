package io.raftq.statemachine.partition;

import java.util.List;

/** Result of {@link Receive}: redelivered messages first (ascending offset), then new ones (ascending offset). */
public record Leased(List<LeasedMessage> messages) implements PartitionResult {
  public Leased {
    messages = List.copyOf(messages);
  }
}
