package io.raftq.statemachine.partition;

import java.util.List;

/**
 * Appends {@code messages} to the partition, in order. A message whose id was stored within {@code dedupWindowMs}
 * of log time is not stored again; {@code dedupWindowMs <= 0} turns deduplication off for this command.
 */
public record Enqueue(List<NewMessage> messages, long dedupWindowMs) implements PartitionCommand {
  public Enqueue {
    messages = List.copyOf(messages);
  }
}
