package io.raftq.protocol;

import java.util.List;

/** A queue with the state of each of its partitions. */
public record QueueDescription(QueueInfo queue, List<PartitionInfo> partitions) {
  public QueueDescription {
    partitions = List.copyOf(partitions);
  }
}
