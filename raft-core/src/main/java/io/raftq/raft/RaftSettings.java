package io.raftq.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Every Ratis setting raftq relies on, set explicitly in one place ({@link #toProperties}); nothing is left to a
 * default we have not read; the comment beside each says why it matters.
 *
 * @param storageDir Raft logs and snapshots (never under /tmp by accident: Ratis' default is /tmp/raft-server)
 * @param electionTimeoutMin lower bound of the randomized election timeout; high enough that a loaded 2-core
 *     machine's GC pauses and scheduling delays do not cause elections
 * @param snapshotThresholdEntries a group snapshots (RocksDB checkpoint) and purges its log after this many
 *     entries
 * @param maxEntryBytes largest log entry (the group-commit batcher keeps below it)
 */
public record RaftSettings(
    Path storageDir,
    int raftPort,
    Transport transport,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    long snapshotThresholdEntries,
    int maxEntryBytes) {

  /** Raft transport between nodes. GRPC pipelines appends; NETTY blocks its event loop (see ARCHITECTURE.md). */
  public enum Transport {
    GRPC,
    NETTY
  }

  public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(1500);
  public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(3000);
  public static final long DEFAULT_SNAPSHOT_THRESHOLD = 20_000;
  public static final int DEFAULT_MAX_ENTRY_BYTES = 4 << 20;

  public RaftSettings {
    if (electionTimeoutMin.compareTo(electionTimeoutMax) >= 0) {
      throw new IllegalArgumentException(
          "--election-timeout-min (" + electionTimeoutMin.toMillis() + "ms) must be < max ("
              + electionTimeoutMax.toMillis() + "ms)");
    }
    if (snapshotThresholdEntries < 10) {
      throw new IllegalArgumentException("--snapshot-threshold must be >= 10 entries");
    }
  }

  /** Where Ratis keeps one directory per group. */
  public Path groupsDir() {
    return storageDir.resolve("groups");
  }

  public RaftProperties toProperties() {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(groupsDir().toFile()));
    RaftServerConfigKeys.setRemovedGroupsDir(p, storageDir.resolve("removed-groups").toFile());
    setTransport(p);
    setTimeouts(p);
    setLog(p);
    setSnapshots(p);
    // Linearizable reads (ReadIndex) let any member answer metadata reads consistently.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    // Our own dedup table makes client retries safe, and our in-process submissions are never retried by Ratis,
    // so the retry cache (replies held on the heap of every replica) only needs a short life.
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));
    return p;
  }

  private void setTransport(RaftProperties p) {
    if (transport == Transport.GRPC) {
      RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
      GrpcConfigKeys.Server.setPort(p, raftPort);
      GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(2L * maxEntryBytes + (1 << 20)));
    } else {
      RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
      NettyConfigKeys.Server.setPort(p, raftPort);
    }
  }

  private void setTimeouts(RaftProperties p) {
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(electionTimeoutMin));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(electionTimeoutMax));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(5, TimeUnit.SECONDS));
    RaftServerConfigKeys.Rpc.setSlownessTimeout(p, TimeDuration.valueOf(120, TimeUnit.SECONDS));
    RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
    RaftServerConfigKeys.Notification.setNoLeaderTimeout(p, TimeDuration.valueOf(120, TimeUnit.SECONDS));
    // A JVM pause longer than this closes the whole server (all groups); a SIGSTOP'ed node must survive it.
    RaftServerConfigKeys.setCloseThreshold(p, TimeDuration.valueOf(300, TimeUnit.SECONDS));
  }

  private void setLog(RaftProperties p) {
    SizeInBytes entryLimit = SizeInBytes.valueOf(maxEntryBytes);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entryLimit);
    RaftServerConfigKeys.Log.Appender.setBufferElementLimit(p, 1024);
    // A direct buffer of this size per group; must be >= the entry limit + 8.
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(maxEntryBytes + 8L));
    // Cached log segments live on the heap, per group: with Ratis' defaults (6 segments, 200 MB) a dozen busy
    // groups exhausted a 1 GiB heap under W1+W2 load. Small segments, at most 2 and 16 MiB cached per group.
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(8L << 20));
    RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(1L << 20));
    RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
    RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(16L << 20));
    // Never acknowledge before fsync: these are the defaults, stated so nobody flips them unknowingly.
    RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
  }

  private void setSnapshots(RaftProperties p) {
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotThresholdEntries);
    RaftServerConfigKeys.Snapshot.setCreationGap(p, Math.min(1024, snapshotThresholdEntries));
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, true);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, snapshotThresholdEntries));
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
  }

  private static TimeDuration ms(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }

}
