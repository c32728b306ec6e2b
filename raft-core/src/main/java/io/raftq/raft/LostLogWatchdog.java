package io.raftq.raft;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsticks replicas that lost their Raft log (data directory wiped or replaced) while their group's leader kept
 * running. Ratis' leader never moves a follower's next index below the match index it remembers, so such a
 * follower would answer "inconsistent" forever and never receive a snapshot. A new leader starts with fresh
 * bookkeeping, finds the follower empty, and sends it the log or a snapshot. So when a replica here follows a
 * known leader but has applied nothing for {@code stuckAfter}, it asks that leader to step down (at most once per
 * {@code retryAfter} per group).
 */
public final class LostLogWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LostLogWatchdog.class);

  private final RaftNode node;
  private final long stuckAfterNanos;
  private final long retryAfterNanos;
  private final Map<RaftGroupId, Long> emptySince = new HashMap<>();
  private final Map<RaftGroupId, Long> lastKick = new HashMap<>();
  private final Map<RaftGroupId, String> lastLeader = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "lost-log-watchdog");
    t.setDaemon(true);
    return t;
  });

  public LostLogWatchdog(RaftNode node, Duration stuckAfter, Duration retryAfter) {
    this.node = node;
    this.stuckAfterNanos = stuckAfter.toNanos();
    this.retryAfterNanos = retryAfter.toNanos();
  }

  public void start(Duration period) {
    timer.scheduleWithFixedDelay(this::checkAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkAll() {
    long now = System.nanoTime();
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
    if (info.isLeader() || info.getLastAppliedIndex() >= 0) {
      emptySince.remove(gid);
      lastLeader.remove(gid);
      return;
    }
    // The stuck replica keeps timing out and campaigning (rejected appends do not count as heartbeats), so the
    // leader it sees comes and goes: remember the last one seen rather than restarting the clock.
    if (info.getLeaderId() != null) {
      lastLeader.put(gid, info.getLeaderId().toString());
    }
    long since = emptySince.computeIfAbsent(gid, k -> now);
    Long kicked = lastKick.get(gid);
    String leader = lastLeader.get(gid);
    if (leader != null && now - since >= stuckAfterNanos && (kicked == null || now - kicked >= retryAfterNanos)) {
      lastKick.put(gid, now);
      LOG.warn("{}: follows {} but has applied nothing for {} s (lost its log?); asking the leader to step down",
          gid, leader, TimeUnit.NANOSECONDS.toSeconds(now - since));
      try {
        node.askLeaderToStepDown(gid, leader);
      } catch (Exception e) {
        LOG.warn("{}: step-down request to {} failed: {}", gid, leader, e.toString());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
