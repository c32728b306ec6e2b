package io.raftq.statemachine.partition;

import java.util.List;

/**
 * Where one stored copy of a message is, for each consumer group of its partition. {@code offset} -1 with no
 * groups describes a copy that is only in the dead-letter outbox (on its way to the dead-letter queue).
 */
public record MessageStatus(long offset, long enqueuedAtMs, List<GroupState> groups) {
  /** The state of the copy in one group. */
  public enum State { READY, DELAYED, IN_FLIGHT, NACKED, HELD, ACKED, REMOVED, DEAD_LETTERING }

  /**
   * {@code visibleAtMs}: when it becomes deliverable (DELAYED, NACKED, HELD: never by time) or its lease ends
   * (IN_FLIGHT); {@code deliveries} to this group so far; {@code lastReason} of its last nack;
   * {@code deliveredAtMs} of the latest delivery (0: none); {@code history}: the attempts before it.
   */
  public record GroupState(String group, State state, long visibleAtMs, int deliveries, String lastReason,
      long deliveredAtMs, List<Attempt> history) {
    public GroupState {
      history = List.copyOf(history);
    }

    public GroupState(String group, State state, long visibleAtMs, int deliveries, String lastReason) {
      this(group, state, visibleAtMs, deliveries, lastReason, 0, List.of());
    }
  }

  /** An earlier attempt: delivery {@code n}, made at {@code deliveredAtMs}, visible again at {@code endedAtMs}. */
  public record Attempt(int n, long deliveredAtMs, long endedAtMs, boolean nacked, String reason) {}
}
