package io.raftq.statemachine.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Acknowledges leased messages of {@code group}; one {@link SettleOutcome} per receipt, in order. With
 * {@code consumerDedupWindowMs > 0} the ids of the acked messages are remembered for the group for that long
 * (with {@code results}, when given: one per receipt, each null or at most {@link PartitionLimits#MAX_RESULT_BYTES}).
 */
public record Ack(String group, List<LeaseRef> receipts, long consumerDedupWindowMs, List<byte[]> results)
    implements PartitionCommand {
  public Ack {
    Objects.requireNonNull(group, "group");
    receipts = List.copyOf(receipts);
    results = results == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(results));
  }

  public Ack(String group, List<LeaseRef> receipts) {
    this(group, receipts, 0, List.of());
  }

  /** The result stored with receipt {@code i}, or null. */
  byte[] resultAt(int i) {
    return results.isEmpty() ? null : results.get(i);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Ack a) || !group.equals(a.group) || !receipts.equals(a.receipts)
        || consumerDedupWindowMs != a.consumerDedupWindowMs || results.size() != a.results.size()) {
      return false;
    }
    for (int i = 0; i < results.size(); i++) {
      if (!java.util.Arrays.equals(results.get(i), a.results.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, receipts, consumerDedupWindowMs, results.size());
  }
}
