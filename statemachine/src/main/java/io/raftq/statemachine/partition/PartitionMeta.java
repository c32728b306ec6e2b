package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;

/** The partition-wide counters, persisted as one value under {@link PartitionKeys#META}. Mutable, not shared. */
final class PartitionMeta {
  private static final int VERSION = 2;

  /** Offset the next stored message gets. */
  long nextOffset;
  /** Smallest offset whose message is still stored; below it everything is deleted. */
  long firstRetainedOffset;
  /** Log time of the last apply; never decreases. Starts at 0 so every bucket and time is non-negative. */
  long lastTimeMs;
  /** The last epoch handed out; the next delivery gets {@code lastEpoch + 1}. */
  long lastEpoch;
  /** The window the dedup table is bucketed by, 0 before the first deduplicating enqueue. */
  long dedupWindowMs;
  /** The dedup bucket of the last deduplicating enqueue; older buckets than this minus one are deleted. */
  long dedupBucket;
  /** The sequence number of the last dead letter put in the outbox (0: none yet). */
  long lastDeadLetterSeq;
  /** Every dead letter up to this sequence number is in the dead-letter queue and out of the outbox. */
  long forwardedDeadLetterSeq;
  /** The window the consumer dedup table is bucketed by, 0 before the first remembering ack. */
  long consumerDedupWindowMs;
  /** The consumer dedup bucket of the last remembering command. */
  long consumerDedupBucket;
  /** Payload bytes of the stored messages (kept exact for topics, whose messages only retention deletes). */
  long retainedBytes;

  static PartitionMeta load(KeyValueReader store) {
    return decode(store.get(PartitionKeys.META));
  }

  /** The counters stored as {@code v}; null gives a fresh partition's. */
  static PartitionMeta decode(byte[] v) {
    PartitionMeta m = new PartitionMeta();
    if (v == null) {
      return m;
    }
    try {
      WireReader r = new WireReader(v);
      int version = r.u8();
      if (version != 1 && version != VERSION) {
        throw new IllegalStateException("partition meta version " + version + " is not 1 or " + VERSION);
      }
      m.nextOffset = r.i64();
      m.firstRetainedOffset = r.i64();
      m.lastTimeMs = r.i64();
      m.lastEpoch = r.i64();
      m.dedupWindowMs = r.i64();
      m.dedupBucket = r.i64();
      if (version >= 2) {
        m.lastDeadLetterSeq = r.i64();
        m.forwardedDeadLetterSeq = r.i64();
        m.consumerDedupWindowMs = r.i64();
        m.consumerDedupBucket = r.i64();
        m.retainedBytes = r.i64();
      }
      r.expectEnd();
    } catch (InvalidCommandException e) {
      throw new IllegalStateException("corrupt partition meta: " + e.getMessage(), e);
    }
    return m;
  }

  void save(KvTransaction txn) {
    txn.put(PartitionKeys.META, encode());
  }

  byte[] encode() {
    WireWriter w = new WireWriter(1 + 11 * 8);
    w.u8(VERSION).i64(nextOffset).i64(firstRetainedOffset).i64(lastTimeMs).i64(lastEpoch);
    w.i64(dedupWindowMs).i64(dedupBucket).i64(lastDeadLetterSeq).i64(forwardedDeadLetterSeq);
    w.i64(consumerDedupWindowMs).i64(consumerDedupBucket).i64(retainedBytes);
    return w.toByteArray();
  }
}
