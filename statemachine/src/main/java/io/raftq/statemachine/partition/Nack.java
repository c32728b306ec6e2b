package io.raftq.statemachine.partition;

import java.util.List;
import java.util.Objects;

/**
 * Gives leased messages back: each becomes visible again {@code delayMs} after log time. {@code reason} (may be
 * null) is kept with the lease and travels with the message if it is dead-lettered. Rejected when
 * With {@code backoffBaseMs > 0} the message stays invisible at least the {@link RetryBackoff} of its delivery
 * count. Rejected when {@code delayMs < 0} or the reason is longer than {@link PartitionLimits#MAX_REASON_BYTES}.
 */
public record Nack(String group, List<LeaseRef> receipts, long delayMs, String reason, long backoffBaseMs,
    long backoffMaxMs) implements PartitionCommand {
  public Nack {
    Objects.requireNonNull(group, "group");
    receipts = List.copyOf(receipts);
  }

  public Nack(String group, List<LeaseRef> receipts, long delayMs) {
    this(group, receipts, delayMs, null, 0, 0);
  }

  public Nack(String group, List<LeaseRef> receipts, long delayMs, String reason) {
    this(group, receipts, delayMs, reason, 0, 0);
  }
}
