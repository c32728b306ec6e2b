package io.raftq.raft;

/**
 * Decides, on a follower, whether its leader keeps sending it appends that it must refuse: its log ends below what
 * the leader believes it holds (its data directory was wiped, or the tail of its log was lost in a crash), and
 * Ratis' leader never offers a follower anything below the match index it remembers. On an idle group the leader
 * sees nothing wrong, since its bookkeeping says the follower is caught up ({@link StuckFollowerDetector} covers
 * the busy case). The follower sees it: refused appends do not count as heartbeats, so it keeps timing out and
 * turning candidate, its pre-votes are refused because the others still have a leader, and the leader's next append
 * makes it a follower again. A healthy follower of an idle group instead stays a follower, and one cut off from
 * its leader hears no leader at all.
 *
 * <p>So a follower is starved when, for a whole window, it applied nothing new, never stayed a follower for long
 * (an empty replica, one that applied nothing ever, needs no such evidence), and heard a leader recently.
 *
 * <p>Pure logic: the caller feeds samples and acts on the answer. Not thread-safe.
 */
final class StarvedFollowerDetector {
  /** What a follower knows of itself at a sample. */
  record Sample(long appliedIndex, String leaderId, boolean steadyFollower) {}

  private final long stuckAfterNanos;
  private final long leaderHeardWithinNanos;
  private long windowStart = -1;
  private long windowApplied = Long.MIN_VALUE;
  private String leader;
  private long leaderHeardAt;

  /**
   * @param stuckAfterNanos how long the evidence must last
   * @param leaderHeardWithinNanos the leader must have been seen this recently when the verdict is given
   */
  StarvedFollowerDetector(long stuckAfterNanos, long leaderHeardWithinNanos) {
    this.stuckAfterNanos = stuckAfterNanos;
    this.leaderHeardWithinNanos = leaderHeardWithinNanos;
  }

  /** Takes one sample and returns the leader to ask to step down, or null. */
  String sample(Sample s, long nowNanos) {
    boolean empty = s.appliedIndex() < 0;
    if (windowStart < 0 || s.appliedIndex() != windowApplied || (s.steadyFollower() && !empty)) {
      windowStart = nowNanos;
      windowApplied = s.appliedIndex();
      leader = null;
    }
    if (s.leaderId() != null) {
      leader = s.leaderId();
      leaderHeardAt = nowNanos;
    }
    boolean heardRecently = leader != null && nowNanos - leaderHeardAt <= leaderHeardWithinNanos;
    return heardRecently && nowNanos - windowStart >= stuckAfterNanos ? leader : null;
  }

  /** After acting on a verdict: start a new window. */
  void acted(long nowNanos) {
    windowStart = nowNanos;
  }
}
