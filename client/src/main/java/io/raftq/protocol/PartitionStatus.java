package io.raftq.protocol;

/**
 * One replica's view of a partition, for convergence checks: replicas that applied the same index must report
 * the same state digest.
 */
public record PartitionStatus(String nodeId, long appliedIndex, String stateDigestHex, long lastTimeMs) {}
