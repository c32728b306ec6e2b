package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.util.TreeSet;

/**
 * Offsets taken out of the partition for every group before the groups were done with them ({@link
 * RemoveMessages}: a redrive moving a message out of a dead-letter queue), in memory and under {@link
 * PartitionKeys#REMOVED_PREFIX}. A group reaching a removed offset skips it as if it had acked it. Entries live
 * until the message is deleted.
 */
final class RemovedOffsets {
  /** Sorted, so range deletes are head-set clears and iteration is deterministic. */
  private final TreeSet<Long> offsets = new TreeSet<>();

  void load(KeyValueReader store) {
    offsets.clear();
    store.scan(PartitionKeys.REMOVED_PREFIX, (k, v) -> offsets.add(PartitionKeys.removedOffset(k)));
  }

  boolean contains(long offset) {
    return offsets.contains(offset);
  }

  void add(long offset, KvTransaction txn) {
    offsets.add(offset);
    txn.put(PartitionKeys.removed(offset), new byte[0]);
  }

  /** Removed offsets at or above {@code offset}. */
  int countFrom(long offset) {
    return offsets.tailSet(offset).size();
  }

  int size() {
    return offsets.size();
  }

  /** Forgets the offsets in {@code [fromOffset, toOffset)}, whose messages are being deleted. */
  void deleteRange(long fromOffset, long toOffset, KvTransaction txn) {
    if (offsets.isEmpty() || offsets.first() >= toOffset) {
      return;
    }
    offsets.headSet(toOffset).clear();
    txn.deleteRange(PartitionKeys.removed(fromOffset), PartitionKeys.removed(toOffset));
  }
}
