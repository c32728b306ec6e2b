package io.raftq.protocol;

import java.util.List;

/**
 * One partition as a node sees it. {@code leaderNodeId}/{@code leaderAddress} are null when no leader is known.
 * {@code depth} = messages stored and not yet acked by every group; {@code inFlight} = leases currently held.
 */
public record PartitionInfo(
    int partition,
    String leaderNodeId,
    String leaderAddress,
    List<String> replicas,
    long depth,
    long inFlight,
    long nextOffset,
    long appliedIndex) {
  public PartitionInfo {
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
  }
}
