package io.raftq.protocol;

import java.util.List;

/**
 * One partition as a node sees it. {@code leaderNodeId}/{@code leaderAddress} are null when no leader is known.
 * {@code depth} = messages stored and not yet acked by every group; {@code inFlight} = leases currently held;
 * {@code delayed} = stored messages whose delay has not passed; {@code deadLettersPending} = dead letters still
 * on their way to the dead-letter queue; {@code deadLettersTotal} = messages ever dead-lettered from here.
 */
public record PartitionInfo(
    int partition,
    String leaderNodeId,
    String leaderAddress,
    List<String> replicas,
    long depth,
    long inFlight,
    long nextOffset,
    long appliedIndex,
    long delayed,
    long deadLettersPending,
    long deadLettersTotal) {
  public PartitionInfo {
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
  }

  public PartitionInfo(int partition, String leaderNodeId, String leaderAddress, List<String> replicas, long depth,
      long inFlight, long nextOffset, long appliedIndex) {
    this(partition, leaderNodeId, leaderAddress, replicas, depth, inFlight, nextOffset, appliedIndex, 0, 0, 0);
  }
}
