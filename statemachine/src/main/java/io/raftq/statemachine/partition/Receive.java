package io.raftq.statemachine.partition;

import java.util.Objects;

/**
 * Leases up to {@code maxMessages} (capped at {@link PartitionLimits#MAX_RECEIVE_MESSAGES}) messages to
 * {@code group} for {@code visibilityMs}; registers the group on first use. Rejected unless
 * {@code maxMessages >= 1} and {@code visibilityMs >= 0}.
 */
public record Receive(String group, int maxMessages, long visibilityMs) implements PartitionCommand {
  public Receive {
    Objects.requireNonNull(group, "group");
  }
}
