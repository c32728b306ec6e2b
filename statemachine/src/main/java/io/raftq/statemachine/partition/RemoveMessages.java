package io.raftq.statemachine.partition;

import java.util.List;

/**
 * Takes the messages at {@code offsets} out of the partition for every group, whatever their state (ready,
 * delayed, leased): leases on them become invalid and no group gets them again. Offsets not retained, or
 * already removed, are left alone. Answers {@link Removed} with how many were taken out.
 */
public record RemoveMessages(List<Long> offsets) implements PartitionCommand {
  public RemoveMessages {
    offsets = List.copyOf(offsets);
  }
}
