package io.raftq.statemachine.partition;

import java.util.List;
import java.util.Objects;

/**
 * Moves the end of still-held leases to {@code visibilityMs} after log time (extend or shorten). Rejected when
 * {@code visibilityMs < 0}.
 */
public record ChangeVisibility(String group, List<LeaseRef> receipts, long visibilityMs)
    implements PartitionCommand {
  public ChangeVisibility {
    Objects.requireNonNull(group, "group");
    receipts = List.copyOf(receipts);
  }
}
