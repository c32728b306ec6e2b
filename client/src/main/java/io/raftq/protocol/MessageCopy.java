package io.raftq.protocol;

import java.util.List;

/**
 * One stored copy of a message and its state in each consumer group of its partition. {@code groups[].state} is
 * one of READY, DELAYED, IN_FLIGHT, NACKED (waiting for its nack delay), HELD (FIFO: behind an older message of
 * its key, or its key is parked), ACKED, REMOVED, DEAD_LETTERING (on its way to the dead-letter queue).
 */
public record MessageCopy(int partition, long offset, long enqueuedAtMs, List<GroupState> groups) {
  public MessageCopy {
    groups = List.copyOf(groups);
  }

  /**
   * {@code visibleAtMs}: when a DELAYED, NACKED or HELD copy becomes deliverable ({@code Long.MAX_VALUE}: when its
   * key moves on) or an IN_FLIGHT lease ends; {@code deliveries} to the group so far; the reason of its last nack;
   * when the latest delivery was made (0: none); and the attempts before it (at most 16 kept).
   */
  public record GroupState(String group, String state, long visibleAtMs, int deliveries, String lastReason,
      long deliveredAtMs, List<Attempt> history) {
    public GroupState {
      history = history == null ? List.of() : List.copyOf(history);
    }

    public GroupState(String group, String state, long visibleAtMs, int deliveries, String lastReason) {
      this(group, state, visibleAtMs, deliveries, lastReason, 0, List.of());
    }
  }

  /** Delivery {@code n}: made at {@code deliveredAtMs}, visible again at {@code endedAtMs}, nacked (and why) or not. */
  public record Attempt(int n, long deliveredAtMs, long endedAtMs, boolean nacked, String reason) {}
}
