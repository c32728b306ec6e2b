package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KvTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The message groups of one FIFO consumer group: for each key, the pending offsets (delivered and not acked,
 * delayed, or held back) in offset order. Only the first one, the key's head, may be delivered; the others wait
 * as {@link Lease#held} leases. A key whose head was dead-lettered is <em>parked</em>: its next message is not
 * released until an operator releases or skips the key.
 *
 * <p>Derived from persisted state (the group's leases, their messages' keys, and the parked keys under {@link
 * PartitionKeys#PARKED_PREFIX}), so every replica rebuilds the same index at load. Sorted containers only.
 */
final class FifoIndex {
  private final String group;
  private final TreeMap<String, TreeSet<Long>> pendingByKey = new TreeMap<>();
  private final TreeMap<Long, String> keyByOffset = new TreeMap<>();
  private final TreeSet<String> parked = new TreeSet<>();

  FifoIndex(String group) {
    this.group = group;
  }

  /** Whether a new message of {@code key} must wait behind older ones (or a parked head). */
  boolean mustWait(String key) {
    TreeSet<Long> pending = pendingByKey.get(key);
    return (pending != null && !pending.isEmpty()) || parked.contains(key);
  }

  void add(long offset, String key) {
    pendingByKey.computeIfAbsent(key, k -> new TreeSet<>()).add(offset);
    keyByOffset.put(offset, key);
  }

  /** The key of a pending offset, or null when the offset is not indexed (unkeyed message). */
  String keyOf(long offset) {
    return keyByOffset.get(offset);
  }

  /**
   * Forgets {@code offset} (acked, dead-lettered or removed) and returns the key's new head when it must be
   * released now (it became the head, and the key is not parked), else -1.
   */
  long remove(long offset) {
    String key = keyByOffset.remove(offset);
    if (key == null) {
      return -1;
    }
    TreeSet<Long> pending = pendingByKey.get(key);
    boolean wasHead = pending.first() == offset;
    pending.remove(offset);
    if (pending.isEmpty()) {
      pendingByKey.remove(key);
      return -1;
    }
    return wasHead && !parked.contains(key) ? pending.first() : -1;
  }

  boolean isParked(String key) {
    return parked.contains(key);
  }

  void park(String key, KvTransaction txn) {
    parked.add(key);
    txn.put(PartitionKeys.parked(group, key), new byte[0]);
  }

  void restoreParked(String key) {
    parked.add(key);
  }

  /** Unparks {@code key}; returns its pending offsets, oldest first (all held). */
  List<Long> unpark(String key, KvTransaction txn) {
    parked.remove(key);
    txn.delete(PartitionKeys.parked(group, key));
    TreeSet<Long> pending = pendingByKey.get(key);
    return pending == null ? List.of() : new ArrayList<>(pending);
  }

  /** Parked keys with how many messages each holds back, in key order. */
  Map<String, Integer> parkedKeys() {
    TreeMap<String, Integer> out = new TreeMap<>();
    for (String key : parked) {
      TreeSet<Long> pending = pendingByKey.get(key);
      out.put(key, pending == null ? 0 : pending.size());
    }
    return out;
  }

  /** Drops everything pending (purge); parked keys stay parked. */
  void clearPending() {
    pendingByKey.clear();
    keyByOffset.clear();
  }
}
