package io.raftq.server.partition;

import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.PartitionCommand;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Counts entries and what they carried, to report how well group commit batches (messages per entry). */
public final class BatchStats {
  private final LongAdder entries = new LongAdder();
  private final LongAdder commands = new LongAdder();
  private final LongAdder messages = new LongAdder();

  void recordEntry(List<PartitionCommand> batch) {
    entries.increment();
    commands.add(batch.size());
    for (PartitionCommand c : batch) {
      if (c instanceof Enqueue e) {
        messages.add(e.messages().size());
      }
    }
  }

  public long entries() {
    return entries.sum();
  }

  public long commands() {
    return commands.sum();
  }

  public long messages() {
    return messages.sum();
  }
}
