package io.raftq.protocol;

/**
 * One replica's view of a partition, for convergence checks: replicas that applied the same index must report
 * the same state digest. {@code leaderId} is the leader this replica follows ({@code null}: none known).
 */
public record PartitionStatus(String nodeId, long appliedIndex, String stateDigestHex, long lastTimeMs,
    String leaderId) {
  public PartitionStatus(String nodeId, long appliedIndex, String stateDigestHex, long lastTimeMs) {
    this(nodeId, appliedIndex, stateDigestHex, lastTimeMs, null);
  }
}
