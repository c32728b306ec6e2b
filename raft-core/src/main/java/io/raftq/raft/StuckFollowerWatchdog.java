package io.raftq.raft;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsticks followers that their leader can no longer bring up to date: a wiped data directory, or a one-way
 * partition that left the leader's bookkeeping ahead of the follower's log. Ratis offers no way to reset one
 * follower's bookkeeping, but a new leader starts with fresh bookkeeping, finds where the follower's log really
 * ends, and sends the log or a snapshot. So a leader that sees a stuck follower ({@link StuckFollowerDetector})
 * steps down, and a starved follower ({@link StarvedFollowerDetector}) asks its leader to; each at most once per
 * {@code retryAfter} per group.
 */
public final class StuckFollowerWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StuckFollowerWatchdog.class);

  private final RaftNode node;
  private final long stuckAfterNanos;
  private final long retryAfterNanos;
  private final long responsiveWithinMs;
  private final long steadyFollowerMs;
  private final Map<RaftGroupId, StuckFollowerDetector> detectors = new HashMap<>();
  private final Map<RaftGroupId, StarvedFollowerDetector> starvedDetectors = new HashMap<>();
  private final Map<RaftGroupId, Long> lastKick = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stuck-follower-watchdog");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param responsiveWithin a follower whose last answer is older than this is unreachable, not stuck; keep it
   *     below the election timeout, so that only followers the leader is really talking to count
   * @param electionTimeoutMax a follower that has been one for twice this long is hearing its leader's heartbeats
   */
  public StuckFollowerWatchdog(RaftNode node, Duration stuckAfter, Duration retryAfter, Duration responsiveWithin,
      Duration electionTimeoutMax) {
    this.node = node;
    this.steadyFollowerMs = 2 * electionTimeoutMax.toMillis();
    this.stuckAfterNanos = stuckAfter.toNanos();
    this.retryAfterNanos = retryAfter.toNanos();
    this.responsiveWithinMs = responsiveWithin.toMillis();
  }

  public void start(Duration period) {
    timer.scheduleWithFixedDelay(this::checkAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkAll() {
    long now = System.nanoTime();
    detectors.keySet().retainAll(node.groupIds());
    starvedDetectors.keySet().retainAll(node.groupIds());
    lastKick.keySet().retainAll(node.groupIds());
    for (RaftGroupId gid : node.groupIds()) {
      try {
        node.division(gid).ifPresent(d -> check(gid, d, now));
      } catch (RuntimeException e) {
        LOG.debug("watchdog check of {} failed: {}", gid, e.toString());
      }
    }
  }

  private void check(RaftGroupId gid, RaftServer.Division d, long now) {
    DivisionInfo info = d.getInfo();
    if (!info.isLeader()) {
      detectors.remove(gid);
      checkStarvedFollower(gid, info, now);
      return;
    }
    starvedDetectors.remove(gid);
    List<StuckFollowerDetector.Follower> followers = LeaderFollowers.of(info);
    if (followers == null) {
      return;
    }
    RaftLog log = d.getRaftLog();
    StuckFollowerDetector detector = detectors.computeIfAbsent(gid,
        k -> new StuckFollowerDetector(stuckAfterNanos, responsiveWithinMs));
    String stuck = detector.sample(followers, log.getLastCommittedIndex(), log.getStartIndex(), now);
    if (stuck == null || !mayKick(gid, now)) {
      return;
    }
    detector.acted();
    LOG.warn("{}: follower {} answers but has not moved past index {} for {} s while the commit index is {}; "
            + "stepping down so that a new leader finds where its log really ends", gid, stuck,
        followers.stream().filter(f -> f.id().equals(stuck)).findFirst().map(f -> f.matchIndex()).orElse(-1L),
        TimeUnit.NANOSECONDS.toSeconds(stuckAfterNanos), log.getLastCommittedIndex());
    askToStepDown(gid, d.getMemberId().getPeerId().toString(), now);
  }

  private void checkStarvedFollower(RaftGroupId gid, DivisionInfo info, long now) {
    StarvedFollowerDetector detector = starvedDetectors.computeIfAbsent(gid,
        k -> new StarvedFollowerDetector(stuckAfterNanos, stuckAfterNanos / 2));
    RoleInfoProto role = info.getRoleInfoProto();
    boolean steady = info.isFollower() && role != null && role.getRoleElapsedTimeMs() >= steadyFollowerMs;
    String leader = detector.sample(new StarvedFollowerDetector.Sample(info.getLastAppliedIndex(),
        info.getLeaderId() == null ? null : info.getLeaderId().toString(), steady), now);
    if (leader == null || !mayKick(gid, now)) {
      return;
    }
    detector.acted(now);
    LOG.warn("{}: hears leader {} but has applied nothing past index {} for {} s and keeps timing out (refused "
            + "appends: lost its log or its log tail?); asking the leader to step down", gid, leader,
        info.getLastAppliedIndex(), TimeUnit.NANOSECONDS.toSeconds(stuckAfterNanos));
    askToStepDown(gid, leader, now);
  }

  /**
   * Asks {@code leader} (possibly this node) to step down. A request that failed (the leader was unreachable or
   * could not step down yet) may be retried in 5 s rather than after the whole {@code retryAfter}.
   */
  private void askToStepDown(RaftGroupId gid, String leader, long now) {
    try {
      node.askLeaderToStepDown(gid, leader);
    } catch (Exception e) {
      LOG.warn("{}: step-down request to {} failed: {}", gid, leader, e.toString());
      lastKick.put(gid, now - retryAfterNanos + TimeUnit.SECONDS.toNanos(5));
    }
  }

  /** At most one kick per group per {@code retryAfter}; records this one. */
  private boolean mayKick(RaftGroupId gid, long now) {
    Long kicked = lastKick.get(gid);
    if (kicked != null && now - kicked < retryAfterNanos) {
      return false;
    }
    lastKick.put(gid, now);
    return true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
