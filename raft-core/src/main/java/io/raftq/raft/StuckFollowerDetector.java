package io.raftq.raft;

/**
 * Decides, from periodic samples of one group's replica, whether it is a follower its leader can no longer bring
 * up to date. Ratis' leader never moves a follower's next index below the match index it remembers; when the
 * follower's log ends below that (its data was wiped, or a one-way partition left the leader's bookkeeping ahead
 * of the follower's log) every append is answered "inconsistent", forever. Such a replica shows two signs: its
 * applied index stops moving, and its leader keeps coming and going (rejected appends do not reset its election
 * timer, so it times out, campaigns, is refused, and hears the leader again). A healthy follower of an idle group
 * keeps its leader; an isolated follower never hears one; a follower installing a snapshot keeps its leader too.
 *
 * <p>Pure logic: the caller feeds samples and acts on the answer. Not thread-safe.
 */
final class StuckFollowerDetector {
  /** Leader losses without progress that mark a replica with a non-empty log as stuck. */
  static final int LOSSES_TO_STUCK = 2;

  private final long stuckAfterNanos;
  private long applied;
  private long progressAt;
  private String leader;
  private boolean hasLeader;
  private int leaderLosses;

  StuckFollowerDetector(long stuckAfterNanos, long appliedIndex, long nowNanos) {
    this.stuckAfterNanos = stuckAfterNanos;
    restart(appliedIndex, nowNanos);
  }

  private void restart(long appliedIndex, long nowNanos) {
    applied = appliedIndex;
    progressAt = nowNanos;
    leaderLosses = 0;
  }

  /**
   * Takes one sample of a non-leader replica ({@code leaderId} null when it knows no leader) and returns the leader
   * to ask to step down, or null. An empty replica (applied index below 0) that follows a leader without applying
   * anything for the whole window is stuck even if it keeps its leader: it can only have lost its log.
   */
  String sample(long appliedIndex, String leaderId, long nowNanos) {
    if (appliedIndex != applied) {
      restart(appliedIndex, nowNanos);
    }
    if (leaderId != null) {
      leader = leaderId;
      hasLeader = true;
    } else if (hasLeader) {
      hasLeader = false;
      leaderLosses++;
    }
    boolean waitedLongEnough = nowNanos - progressAt >= stuckAfterNanos;
    boolean stuck = leader != null && waitedLongEnough && (appliedIndex < 0 || leaderLosses >= LOSSES_TO_STUCK);
    return stuck ? leader : null;
  }

  /** After acting on a verdict: start a new window, so the next verdict needs fresh evidence. */
  void acted(long nowNanos) {
    restart(applied, nowNanos);
  }
}
