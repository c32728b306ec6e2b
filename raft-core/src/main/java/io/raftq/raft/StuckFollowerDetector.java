package io.raftq.raft;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, on a group's leader, from periodic samples of its replication bookkeeping, whether a follower is one it
 * can no longer bring up to date. Ratis' leader never moves a follower's next index below the match index it
 * remembers; when the follower's log ends below that (its data was wiped, or a one-way partition left the
 * leader's bookkeeping ahead of the follower's log) every append is answered "inconsistent", forever. Such a
 * follower keeps answering (it is reachable), is behind the commit index, and the leader keeps offering it the entry right
 * after the match index it remembers, which does not move. Neither a follower that is merely slow (its match index
 * moves), nor one that is cut off (it does not answer), nor one of an idle group (it is not behind), nor one being
 * sent a snapshot (its next index is below the leader's log start), nor one a new leader is still probing (its next
 * index is not right after its match index, which a new leader does not know yet) looks like that.
 *
 * <p>Pure logic: the caller feeds samples and acts on the answer. Not thread-safe.
 */
final class StuckFollowerDetector {
  /** What the leader knows of one follower at a sample. */
  record Follower(String id, long matchIndex, long nextIndex, long lastResponseElapsedMs) {}

  private record Progress(long matchIndex, long sinceNanos) {}

  private final long stuckAfterNanos;
  private final long responsiveWithinMs;
  private final Map<String, Progress> progress = new HashMap<>();

  /**
   * @param stuckAfterNanos how long a behind, answering follower's match index may stand still
   * @param responsiveWithinMs a follower whose last answer is older than this is unreachable, not stuck
   */
  StuckFollowerDetector(long stuckAfterNanos, long responsiveWithinMs) {
    this.stuckAfterNanos = stuckAfterNanos;
    this.responsiveWithinMs = responsiveWithinMs;
  }

  /**
   * Takes one sample of the leader's view and returns the id of a stuck follower, or null.
   *
   * @param commitIndex the leader's commit index
   * @param logStartIndex the first index still in the leader's log (older ones need a snapshot)
   */
  String sample(List<Follower> followers, long commitIndex, long logStartIndex, long nowNanos) {
    String stuck = null;
    progress.keySet().retainAll(followers.stream().map(Follower::id).toList());
    for (Follower f : followers) {
      if (f.lastResponseElapsedMs() > responsiveWithinMs) {
        // Not answering: cut off or down, not stuck. The window counts only time in which the follower kept
        // answering, so one that answers again after a restart gets a whole window to catch up.
        progress.remove(f.id());
        continue;
      }
      Progress p = progress.get(f.id());
      if (p == null || p.matchIndex() != f.matchIndex()) {
        p = new Progress(f.matchIndex(), nowNanos);
        progress.put(f.id(), p);
      }
      boolean behind = f.matchIndex() < commitIndex;
      boolean beingSentSnapshot = f.nextIndex() < logStartIndex;
      boolean offeredNextAfterMatch = f.nextIndex() == f.matchIndex() + 1;
      if (stuck == null && behind && !beingSentSnapshot && offeredNextAfterMatch
          && nowNanos - p.sinceNanos() >= stuckAfterNanos) {
        stuck = f.id();
      }
    }
    return stuck;
  }

  /** After acting on a verdict: start new windows, so the next verdict needs fresh evidence. */
  void acted() {
    progress.clear();
  }
}
