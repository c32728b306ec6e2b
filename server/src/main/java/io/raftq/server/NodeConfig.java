package io.raftq.server;

import io.raftq.protocol.Limits;
import io.raftq.raft.ClusterMembers;
import io.raftq.raft.HostPort;
import io.raftq.raft.Member;
import io.raftq.raft.RaftSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a node needs to start, validated once.
 *
 * @param maxMessageBytes largest payload accepted; bigger sends get MESSAGE_TOO_LARGE and nothing is stored
 * @param maxReceiveBytes byte bound of one receive answer (deliveries as encoded; at least one message), and the
 *     cap of a bound a request names; 0: the default, {@link Limits#MAX_RECEIVE_BYTES}
 * @param sqs where and how to serve the SQS-compatible HTTP API; null: not at all
 * @param clientLimits timeouts and limits of client connections; null: the defaults
 */
public record NodeConfig(
    String id,
    Path dataDir,
    HostPort raftAddress,
    HostPort clientAddress,
    ClusterMembers members,
    RaftSettings.Transport transport,
    long snapshotThresholdEntries,
    int maxMessageBytes,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    io.raftq.server.sqs.SqsSettings sqs,
    String zone,
    List<HostPort> join,
    Duration replaceDownAfter,
    boolean balanceLeaders,
    Duration quiesceAfter,
    int maxReceiveBytes,
    io.raftq.protocol.netty.ConnectionLimits clientLimits) {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
  /** How long a node may stay silent before its replicas are re-created on other nodes. */
  public static final Duration DEFAULT_REPLACE_DOWN_AFTER = Duration.ofMinutes(10);
  /** How long a partition stays idle before its group closes on every replica until the next request. */
  public static final Duration DEFAULT_QUIESCE_AFTER = Duration.ofMinutes(5);
  /** Smallest --max-receive-bytes: below this a receive would answer one small message at a time. */
  public static final int MIN_RECEIVE_BYTES = 1024;

  public NodeConfig {
    zone = zone == null ? "" : zone;
    join = join == null || join.isEmpty() ? null : List.copyOf(join);
    replaceDownAfter = replaceDownAfter == null ? DEFAULT_REPLACE_DOWN_AFTER : replaceDownAfter;
    quiesceAfter = quiesceAfter == null ? DEFAULT_QUIESCE_AFTER : quiesceAfter;
    clientLimits = clientLimits == null ? io.raftq.protocol.netty.ConnectionLimits.DEFAULTS : clientLimits;
    if (!quiesceAfter.isZero() && quiesceAfter.toSeconds() < 10) {
      throw new IllegalArgumentException("--quiesce-after must be 0 (never) or at least 10s");
    }
    if (replaceDownAfter.toSeconds() < 5) {
      throw new IllegalArgumentException("--replace-down-after must be at least 5s (a restart must not move data)");
    }
    Member self = members.get(id).orElseThrow(() -> new IllegalArgumentException(
        "--id " + id + " is not one of the --peers (" + members.all() + ")"));
    if (!self.raftAddress().equals(raftAddress) || !self.clientAddress().equals(clientAddress)) {
      throw new IllegalArgumentException("--raft-address/--client-address of " + id + " (" + raftAddress + "/"
          + clientAddress + ") differ from its --peers entry (" + self + ")");
    }
    if (maxMessageBytes < 1 || maxMessageBytes > (3 << 20)) {
      throw new IllegalArgumentException("--max-message-bytes must be 1..3145728 (a Raft entry holds at most 4 MiB)");
    }
    maxReceiveBytes = maxReceiveBytes == 0 ? Limits.MAX_RECEIVE_BYTES : maxReceiveBytes;
    if (maxReceiveBytes < MIN_RECEIVE_BYTES || maxReceiveBytes > Limits.MAX_RECEIVE_BYTES) {
      throw new IllegalArgumentException("--max-receive-bytes must be " + MIN_RECEIVE_BYTES + ".."
          + Limits.MAX_RECEIVE_BYTES + " (an answer must fit one " + Limits.MAX_FRAME_BYTES + "-byte frame)");
    }
  }

  public NodeConfig(String id, Path dataDir, HostPort raftAddress, HostPort clientAddress, ClusterMembers members,
      RaftSettings.Transport transport, long snapshotThresholdEntries, int maxMessageBytes,
      Duration electionTimeoutMin, Duration electionTimeoutMax) {
    this(id, dataDir, raftAddress, clientAddress, members, transport, snapshotThresholdEntries, maxMessageBytes,
        electionTimeoutMin, electionTimeoutMax, null, "", null, null, false, null, 0, null);
  }

  /** A node that is not a seed: it joins the cluster through any of the members at {@code via}. */
  public NodeConfig joining(List<HostPort> via, String inZone) {
    return new NodeConfig(id, dataDir, raftAddress, clientAddress, members, transport, snapshotThresholdEntries,
        maxMessageBytes, electionTimeoutMin, electionTimeoutMax, sqs, inZone, via, replaceDownAfter, balanceLeaders, quiesceAfter,
        maxReceiveBytes, clientLimits);
  }

  public boolean isJoining() {
    return join != null;
  }

  /** This configuration serving the SQS API as {@code settings} say. */
  public NodeConfig withSqs(io.raftq.server.sqs.SqsSettings settings) {
    return new NodeConfig(id, dataDir, raftAddress, clientAddress, members, transport, snapshotThresholdEntries,
        maxMessageBytes, electionTimeoutMin, electionTimeoutMax, settings, zone, join, replaceDownAfter, balanceLeaders, quiesceAfter,
        maxReceiveBytes, clientLimits);
  }

  /** This configuration re-creating the replicas of nodes silent for {@code after}. */
  public NodeConfig withReplaceDownAfter(Duration after) {
    return new NodeConfig(id, dataDir, raftAddress, clientAddress, members, transport, snapshotThresholdEntries,
        maxMessageBytes, electionTimeoutMin, electionTimeoutMax, sqs, zone, join, after, balanceLeaders, quiesceAfter,
        maxReceiveBytes, clientLimits);
  }

  /** This configuration with leader balance on or off. */
  public NodeConfig withLeaderBalance(boolean on) {
    return new NodeConfig(id, dataDir, raftAddress, clientAddress, members, transport, snapshotThresholdEntries,
        maxMessageBytes, electionTimeoutMin, electionTimeoutMax, sqs, zone, join, replaceDownAfter, on, quiesceAfter,
        maxReceiveBytes, clientLimits);
  }

  /** This configuration closing partitions idle for {@code after} (zero: never). */
  public NodeConfig withQuiesceAfter(Duration after) {
    return new NodeConfig(id, dataDir, raftAddress, clientAddress, members, transport, snapshotThresholdEntries,
        maxMessageBytes, electionTimeoutMin, electionTimeoutMax, sqs, zone, join, replaceDownAfter, balanceLeaders,
        after, maxReceiveBytes, clientLimits);
  }

  /** This configuration with these client connection limits. */
  public NodeConfig withClientLimits(io.raftq.protocol.netty.ConnectionLimits limits) {
    return new NodeConfig(id, dataDir, raftAddress, clientAddress, members, transport, snapshotThresholdEntries,
        maxMessageBytes, electionTimeoutMin, electionTimeoutMax, sqs, zone, join, replaceDownAfter, balanceLeaders,
        quiesceAfter, maxReceiveBytes, limits);
  }

  public RaftSettings raftSettings() {
    return new RaftSettings(dataDir.resolve("raft"), raftAddress.port(), transport, electionTimeoutMin,
        electionTimeoutMax, snapshotThresholdEntries, RaftSettings.DEFAULT_MAX_ENTRY_BYTES);
  }

  public Path stateDir() {
    return dataDir.resolve("state");
  }
}
