package io.raftq.raft;

/**
 * Decides, on a follower, whether it lost its whole log (data directory wiped) while its leader kept running. The
 * leader's bookkeeping still says the follower is caught up, so on an idle group the leader sees nothing wrong
 * (see {@link StuckFollowerDetector} for the busy case); the follower itself knows: it follows a leader but has
 * applied nothing at all. A new group's followers apply the leader's first entry within a heartbeat, so an empty
 * replica that has followed a leader for the whole window can only have lost its log.
 *
 * <p>Pure logic: the caller feeds samples and acts on the answer. Not thread-safe.
 */
final class EmptyFollowerDetector {
  private final long stuckAfterNanos;
  private long emptySince = -1;
  private String leader;

  EmptyFollowerDetector(long stuckAfterNanos) {
    this.stuckAfterNanos = stuckAfterNanos;
  }

  /**
   * Takes one sample of a follower ({@code leaderId} null when it knows none) and returns the leader to ask to step
   * down, or null. The leader it sees comes and goes (rejected appends do not count as heartbeats, so it keeps
   * timing out), so the last one seen counts.
   */
  String sample(long appliedIndex, String leaderId, long nowNanos) {
    if (appliedIndex >= 0) {
      emptySince = -1;
      leader = null;
      return null;
    }
    if (leaderId != null) {
      leader = leaderId;
    }
    if (emptySince < 0) {
      emptySince = nowNanos;
    }
    return leader != null && nowNanos - emptySince >= stuckAfterNanos ? leader : null;
  }

  /** After acting on a verdict: start a new window. */
  void acted(long nowNanos) {
    emptySince = nowNanos;
  }
}
