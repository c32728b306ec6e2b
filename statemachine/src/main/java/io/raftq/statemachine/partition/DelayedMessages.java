package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.util.TreeMap;

/**
 * When each delayed message of the partition becomes deliverable, by offset, in memory and under {@link
 * PartitionKeys#DELAY_PREFIX}. A group reaching a delayed offset before its time parks it as a {@link
 * Lease#delayed} lease, so from then on the group's visibility index releases it; groups that reach it later
 * (registered later, or behind) look it up here. Entries live as long as their message.
 */
final class DelayedMessages {
  /** Sorted, so deletion of a range is a head-map clear and iteration order is deterministic. */
  private final TreeMap<Long, Long> deliverAtByOffset = new TreeMap<>();

  void load(KeyValueReader store) {
    deliverAtByOffset.clear();
    store.scan(PartitionKeys.DELAY_PREFIX, (k, v) -> {
      if (v.length != 8) {
        throw new IllegalStateException("corrupt delay value of " + v.length + " bytes");
      }
      deliverAtByOffset.put(PartitionKeys.delayOffset(k), Bytes.readLongBE(v, 0));
      return true;
    });
  }

  void add(long offset, long deliverAtMs, KvTransaction txn) {
    deliverAtByOffset.put(offset, deliverAtMs);
    txn.put(PartitionKeys.delay(offset), Bytes.longBE(deliverAtMs));
  }

  /** When {@code offset} becomes deliverable if that is after {@code nowMs}; otherwise -1 (deliverable now). */
  long heldUntil(long offset, long nowMs) {
    Long at = deliverAtByOffset.get(offset);
    return at != null && at > nowMs ? at : -1;
  }

  /** Delayed messages still held at {@code nowMs}. Walks every delayed message: for stats, not for apply. */
  long countHeldAt(long nowMs) {
    long n = 0;
    for (long at : deliverAtByOffset.values()) {
      if (at > nowMs) {
        n++;
      }
    }
    return n;
  }

  /** Delayed messages at or above {@code offset} still held at {@code nowMs}. */
  long countHeldFrom(long offset, long nowMs) {
    long n = 0;
    for (long at : deliverAtByOffset.tailMap(offset).values()) {
      if (at > nowMs) {
        n++;
      }
    }
    return n;
  }

  /** Forgets the delays of the messages in {@code [fromOffset, toOffset)}, which are being deleted. */
  void deleteRange(long fromOffset, long toOffset, KvTransaction txn) {
    if (deliverAtByOffset.isEmpty() || deliverAtByOffset.firstKey() >= toOffset) {
      return;
    }
    deliverAtByOffset.headMap(toOffset).clear();
    txn.deleteRange(PartitionKeys.delay(fromOffset), PartitionKeys.delay(toOffset));
  }
}
