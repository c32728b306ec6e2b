package io.raftq.statemachine.partition;

import java.util.List;
import java.util.Objects;

/**
 * Gives leased messages back: each becomes visible again {@code delayMs} after log time. Rejected when
 * {@code delayMs < 0}.
 */
public record Nack(String group, List<LeaseRef> receipts, long delayMs) implements PartitionCommand {
  public Nack {
    Objects.requireNonNull(group, "group");
    receipts = List.copyOf(receipts);
  }
}
