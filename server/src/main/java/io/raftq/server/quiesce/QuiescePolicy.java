package io.raftq.server.quiesce;

/**
 * Decides, from one replica's view, whether an idle partition group should close. Pure logic.
 *
 * <p>The leader closes the whole group, and only when nothing is owed to anyone: every follower holds its whole
 * log, no receive is parked on it, no dead letter waits to be forwarded and no replica move is under way. A
 * replica that sees no leader at all for as long closes just itself: nothing can serve the partition anyway (its
 * peers are quiescent, or down), and a request opens every replica again.
 */
public final class QuiescePolicy {
  /** What to do with one replica. */
  public enum Decision {
    STAY_OPEN,
    /** Close the followers' replicas, then this one. */
    CLOSE_GROUP,
    /** Close only this replica. */
    CLOSE_HERE
  }

  /** One replica as this node sees it. */
  public record View(long idleMs, boolean leads, boolean leaderKnown, boolean receivesParked,
      boolean deadLettersPending, boolean moving, boolean followersHoldWholeLog) {}

  private final long afterMs;

  /** @param afterMs how long a partition must be idle before it closes; 0 or less: never */
  public QuiescePolicy(long afterMs) {
    this.afterMs = afterMs;
  }

  public boolean enabled() {
    return afterMs > 0;
  }

  public Decision decide(View v) {
    if (!enabled() || v.idleMs() < afterMs) {
      return Decision.STAY_OPEN;
    }
    if (v.leads()) {
      boolean owesNothing = !v.receivesParked() && !v.deadLettersPending() && !v.moving() && v.followersHoldWholeLog();
      return owesNothing ? Decision.CLOSE_GROUP : Decision.STAY_OPEN;
    }
    return v.leaderKnown() ? Decision.STAY_OPEN : Decision.CLOSE_HERE;
  }
}
