package io.raftq.statemachine.partition;

/**
 * A topic partition's retention, run by its leader now and then: deletes the oldest messages while they are older
 * than {@code retentionMs} (log time) or the stored payloads exceed {@code retentionBytes} (0: no limit of that
 * kind), at most {@link PartitionLimits#MAX_RETENTION_DELETES} per command. Groups' cursors and leases below the
 * new oldest offset are dropped. Answers {@link Removed} with the messages deleted.
 */
public record ApplyRetention(long retentionMs, long retentionBytes) implements PartitionCommand {}
