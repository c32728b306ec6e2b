package io.raftq.statemachine.partition;

import java.util.List;
import java.util.Objects;

/** Acknowledges leased messages of {@code group}; one {@link SettleOutcome} per receipt, in order. */
public record Ack(String group, List<LeaseRef> receipts) implements PartitionCommand {
  public Ack {
    Objects.requireNonNull(group, "group");
    receipts = List.copyOf(receipts);
  }
}
