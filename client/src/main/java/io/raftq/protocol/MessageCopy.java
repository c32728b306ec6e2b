package io.raftq.protocol;

import java.util.List;

/**
 * One stored copy of a message and its state in each consumer group of its partition. {@code groups[].state} is
 * one of READY, DELAYED, IN_FLIGHT, HELD (FIFO: behind an older message of its key, or its key is parked), ACKED,
 * REMOVED, DEAD_LETTERING (on its way to the dead-letter queue).
 */
public record MessageCopy(int partition, long offset, long enqueuedAtMs, List<GroupState> groups) {
  public MessageCopy {
    groups = List.copyOf(groups);
  }

  /**
   * {@code visibleAtMs}: when a DELAYED or HELD copy becomes deliverable ({@code Long.MAX_VALUE}: when its key
   * moves on) or an IN_FLIGHT lease ends; {@code deliveries} to the group so far; the reason of its last nack.
   */
  public record GroupState(String group, String state, long visibleAtMs, int deliveries, String lastReason) {}
}
