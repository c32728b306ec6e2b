package io.raftq.server.partition;

import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.PartitionCommand;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How group commit does on the partitions this node leads: entries and what they carried (messages per entry), how
 * long the oldest command of an entry waited to be sent, and how long an entry took from submit to its applied
 * reply (log write, replication to a majority with fsync, apply). Thread-safe.
 */
public final class BatchStats {
  private static final long MAX_TRACKED_MICROS = TimeUnit.MINUTES.toMicros(5);

  private final LongAdder entries = new LongAdder();
  private final LongAdder commands = new LongAdder();
  private final LongAdder messages = new LongAdder();
  private final Recorder queuedMicros = new Recorder(MAX_TRACKED_MICROS, 2);
  private final Recorder replicatedMicros = new Recorder(MAX_TRACKED_MICROS, 2);

  /** One entry submitted, {@code oldestWaitNanos} after its oldest command was queued. */
  void recordEntry(List<PartitionCommand> batch, long oldestWaitNanos) {
    entries.increment();
    commands.add(batch.size());
    for (PartitionCommand c : batch) {
      if (c instanceof Enqueue e) {
        messages.add(e.messages().size());
      }
    }
    queuedMicros.recordValue(clampMicros(oldestWaitNanos));
  }

  /** One entry's reply arrived (or it failed) {@code nanos} after it was submitted. */
  void recordReplicated(long nanos) {
    replicatedMicros.recordValue(clampMicros(nanos));
  }

  private static long clampMicros(long nanos) {
    return Math.max(0, Math.min(MAX_TRACKED_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
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

  /** Queue wait of entries submitted since the last call (µs). */
  public Histogram takeQueuedMicros() {
    return queuedMicros.getIntervalHistogram();
  }

  /** Submit-to-reply time of entries answered since the last call (µs). */
  public Histogram takeReplicatedMicros() {
    return replicatedMicros.getIntervalHistogram();
  }
}
