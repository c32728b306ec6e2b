package io.raftq.raft;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsticks followers that their leader can no longer bring up to date (see {@link StuckFollowerDetector}: a wiped
 * data directory, or a one-way partition that left the leader's bookkeeping ahead of the follower's log). A new
 * leader starts with fresh bookkeeping, finds where the follower's log really ends, and sends the log or a
 * snapshot; so such a replica asks its leader to step down, at most once per {@code retryAfter} per group.
 */
public final class StuckFollowerWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StuckFollowerWatchdog.class);

  private final RaftNode node;
  private final long stuckAfterNanos;
  private final long retryAfterNanos;
  private final Map<RaftGroupId, StuckFollowerDetector> detectors = new HashMap<>();
  private final Map<RaftGroupId, Long> lastKick = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stuck-follower-watchdog");
    t.setDaemon(true);
    return t;
  });

  public StuckFollowerWatchdog(RaftNode node, Duration stuckAfter, Duration retryAfter) {
    this.node = node;
    this.stuckAfterNanos = stuckAfter.toNanos();
    this.retryAfterNanos = retryAfter.toNanos();
  }

  /** Samples every hosted group each {@code period}; must be well below the election timeout's spread. */
  public void start(Duration period) {
    timer.scheduleWithFixedDelay(this::checkAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkAll() {
    long now = System.nanoTime();
    detectors.keySet().retainAll(node.groupIds());
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
    long applied = info.getLastAppliedIndex();
    if (info.isLeader()) {
      detectors.remove(gid);
      return;
    }
    StuckFollowerDetector detector =
        detectors.computeIfAbsent(gid, k -> new StuckFollowerDetector(stuckAfterNanos, applied, now));
    RaftPeerId leaderId = info.getLeaderId();
    String leader = detector.sample(applied, leaderId == null ? null : leaderId.toString(), now);
    Long kicked = lastKick.get(gid);
    if (leader == null || (kicked != null && now - kicked < retryAfterNanos)) {
      return;
    }
    lastKick.put(gid, now);
    detector.acted(now);
    LOG.warn("{}: stuck at applied index {} while {} leads (lost log, or the leader's view of this follower is "
        + "ahead of it); asking the leader to step down", gid, applied, leader);
    try {
      node.askLeaderToStepDown(gid, leader);
    } catch (Exception e) {
      LOG.warn("{}: step-down request to {} failed: {}", gid, leader, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
