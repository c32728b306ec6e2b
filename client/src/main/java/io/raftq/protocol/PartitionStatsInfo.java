package io.raftq.protocol;

import java.util.List;

/**
 * A partition's figures as its leader holds them: messages stored ({@code depth}), delayed, dead letters still
 * moving and ever moved, when the oldest stored message was enqueued (-1: none), and per consumer group.
 */
public record PartitionStatsInfo(int partition, long depth, long delayed, long deadLettersPending,
    long deadLettersTotal, long oldestEnqueuedAtMs, List<GroupStatsInfo> groups, long firstOffset, long nextOffset,
    List<StreamGroupInfo> streams) {
  public PartitionStatsInfo {
    groups = List.copyOf(groups);
    streams = List.copyOf(streams);
  }

  /** A stream group's committed offset here; its lag is {@code nextOffset - max(committed, firstOffset)}. */
  public record StreamGroupInfo(String group, long committed) {}

  public long lagOf(StreamGroupInfo s) {
    return nextOffset - Math.max(s.committed(), firstOffset);
  }

  /** Ready (deliverable now), in flight (leased), delayed, held (FIFO) messages and parked keys of one group. */
  public record GroupStatsInfo(String group, long ready, long inFlight, long delayed, long held, int parkedKeys) {}
}
