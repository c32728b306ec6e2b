package io.raftq.protocol;

/**
 * One replica's view of a partition, for convergence checks: replicas that applied the same index must report
 * the same state digest. {@code leaderId} is the leader this replica follows ({@code null}: none known). Queue
 * {@link #METADATA_GROUP} asks for the metadata group's replica instead.
 */
public record PartitionStatus(String nodeId, long appliedIndex, String stateDigestHex, long lastTimeMs,
    String leaderId) {
  /**
   * The queue name that asks GetPartitionStatus for the node's metadata group replica (partition 0); no queue can
   * be called this.
   */
  public static final String METADATA_GROUP = "(metadata)";

  public PartitionStatus(String nodeId, long appliedIndex, String stateDigestHex, long lastTimeMs) {
    this(nodeId, appliedIndex, stateDigestHex, lastTimeMs, null);
  }
}
