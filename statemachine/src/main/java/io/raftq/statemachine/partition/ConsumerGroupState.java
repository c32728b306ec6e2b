package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KvTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One consumer group's progress: {@code readCursor} (next never-delivered offset), {@code ackFloor} (every offset
 * below is acked) and the pending leases in {@code [ackFloor, readCursor)}. Invariant: an offset in that range is
 * acked iff it has no lease. Every mutation that takes a {@link KvTransaction} writes the store in the same call,
 * so the in-memory indexes and the store never disagree after an apply.
 */
final class ConsumerGroupState {
  /** Orders the visibility index by time, then offset, so ties break deterministically. */
  private record Slot(long visibleAtMs, long offset) implements Comparable<Slot> {
    @Override
    public int compareTo(Slot o) {
      int c = Long.compare(visibleAtMs, o.visibleAtMs);
      return c != 0 ? c : Long.compare(offset, o.offset);
    }
  }

  private final String name;
  private long readCursor;
  private long ackFloor;
  private final TreeMap<Long, Lease> leasesByOffset = new TreeMap<>();
  private final TreeSet<Slot> byVisibleAt = new TreeSet<>();
  /** Non-null for a group of a FIFO queue: its message groups by key. */
  private final FifoIndex fifo;
  /** A queue group of a topic: it does not hold messages back from deletion. */
  private final boolean nonRetaining;

  private ConsumerGroupState(String name, long readCursor, long ackFloor, boolean fifo, boolean nonRetaining) {
    this.name = name;
    this.readCursor = readCursor;
    this.ackFloor = ackFloor;
    this.fifo = fifo ? new FifoIndex(name) : null;
    this.nonRetaining = nonRetaining;
  }

  /** A new group that starts at {@code startOffset}, persisted in {@code txn}. */
  static ConsumerGroupState register(
      String name, long startOffset, boolean fifo, boolean nonRetaining, KvTransaction txn) {
    ConsumerGroupState g = new ConsumerGroupState(name, startOffset, startOffset, fifo, nonRetaining);
    g.saveCursors(txn);
    return g;
  }

  /** Whether the group's acks decide when messages are deleted (a queue group of a queue). */
  boolean retains() {
    return !nonRetaining;
  }

  /** A group read back from its stored cursor value; leases are added with {@link #restoreLease}. */
  static ConsumerGroupState restore(byte[] key, byte[] value) {
    if (value.length != 16 && value.length != 17) {
      throw new IllegalStateException("corrupt group value of " + value.length + " bytes");
    }
    int flags = value.length == 17 ? value[16] & 0xFF : 0;
    return new ConsumerGroupState(PartitionKeys.groupOf(key), Bytes.readLongBE(value, 0), Bytes.readLongBE(value, 8),
        (flags & 1) != 0, (flags & 2) != 0);
  }

  /** The FIFO index, or null when the group is not FIFO. */
  FifoIndex fifo() {
    return fifo;
  }

  /** Offsets with a lease, ascending (for rebuilding the FIFO index). */
  java.util.Set<Long> leasedOffsets() {
    return leasesByOffset.keySet();
  }

  void restoreLease(long offset, Lease lease) {
    if (offset < ackFloor || offset >= readCursor) {
      throw new IllegalStateException(
          "group " + name + " has a lease at " + offset + " outside [" + ackFloor + ", " + readCursor + ")");
    }
    index(offset, lease);
  }

  String name() {
    return name;
  }

  long readCursor() {
    return readCursor;
  }

  long ackFloor() {
    return ackFloor;
  }

  /** The pending lease at {@code offset}, or null when the offset is acked or was never delivered. */
  Lease lease(long offset) {
    return leasesByOffset.get(offset);
  }

  /** Creates or replaces the lease at {@code offset}, in memory and in {@code txn}. */
  void putLease(long offset, Lease lease, KvTransaction txn) {
    unindex(offset);
    index(offset, lease);
    txn.put(PartitionKeys.lease(name, offset), lease.encode());
  }

  /** Removes the lease at {@code offset} (the offset becomes acked), in memory and in {@code txn}. */
  void removeLease(long offset, KvTransaction txn) {
    unindex(offset);
    txn.delete(PartitionKeys.lease(name, offset));
  }

  /** Drops every lease and moves both cursors to {@code offset} (purge: everything below counts as acked). */
  void skipTo(long offset, KvTransaction txn) {
    if (!leasesByOffset.isEmpty()) {
      byte[] prefix = PartitionKeys.leasePrefix(name);
      txn.deleteRange(prefix, Bytes.prefixEnd(prefix));
      leasesByOffset.clear();
      byVisibleAt.clear();
    }
    if (fifo != null) {
      fifo.clearPending();
    }
    readCursor = Math.max(readCursor, offset);
    ackFloor = readCursor;
    saveCursors(txn);
  }

  /**
   * Retention deleted everything below {@code firstRetained}: drops the leases there and moves both cursors up to
   * it. Returns the dropped offsets (for the FIFO index).
   */
  List<Long> dropBelow(long firstRetained, KvTransaction txn) {
    List<Long> dropped = new ArrayList<>(leasesByOffset.headMap(firstRetained).keySet());
    for (long offset : dropped) {
      removeLease(offset, txn);
    }
    boolean moved = readCursor < firstRetained || ackFloor < firstRetained;
    readCursor = Math.max(readCursor, firstRetained);
    ackFloor = Math.max(ackFloor, firstRetained);
    if (moved) {
      saveCursors(txn);
    }
    return dropped;
  }

  /** Takes the next never-delivered offset; the caller checks that it is below the partition's next offset. */
  long takeNewOffset() {
    return readCursor++;
  }

  /**
   * Up to {@code max} offsets whose lease is visible at {@code nowMs}, ascending. Examines at most {@link
   * PartitionLimits#MAX_VISIBLE_SCAN} visible leases (earliest visible first) to bound the work of one apply;
   * below that many the answer is exactly the {@code max} smallest visible offsets.
   */
  List<Long> visibleOffsets(long nowMs, int max) {
    TreeSet<Long> smallest = new TreeSet<>();
    int scanned = 0;
    for (Slot s : byVisibleAt) {
      if (s.visibleAtMs > nowMs || scanned++ == PartitionLimits.MAX_VISIBLE_SCAN) {
        break;
      }
      smallest.add(s.offset);
      if (smallest.size() > max) {
        smallest.pollLast();
      }
    }
    return new ArrayList<>(smallest);
  }

  /** Whether a receive at {@code nowMs} would deliver something, given the partition's next offset. */
  boolean hasVisible(long nowMs, long nextOffset) {
    return readCursor < nextOffset || (!byVisibleAt.isEmpty() && byVisibleAt.first().visibleAtMs <= nowMs);
  }

  /** The earliest {@code visibleAt} after {@code nowMs}, or {@link Long#MAX_VALUE} when no lease is held. */
  long nextVisibleAfter(long nowMs) {
    Slot s = byVisibleAt.higher(new Slot(nowMs, Long.MAX_VALUE));
    return s == null ? Long.MAX_VALUE : s.visibleAtMs;
  }

  /** Leases held by a consumer at {@code nowMs} (delayed messages waiting for their time are not held). */
  long inFlight(long nowMs) {
    NavigableSet<Slot> held = byVisibleAt.tailSet(new Slot(nowMs, Long.MAX_VALUE), false);
    return held.size() - delayed(held);
  }

  private long delayed(NavigableSet<Slot> slots) {
    long n = 0;
    for (Slot s : slots) {
      if (leasesByOffset.get(s.offset).isDelayed()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Moves {@code ackFloor} up to the lowest pending offset (or {@code readCursor} when none is pending).
   * Returns whether it moved; the caller persists with {@link #saveCursors}.
   */
  boolean advanceAckFloor() {
    Map.Entry<Long, Lease> lowest = leasesByOffset.firstEntry();
    long floor = lowest == null ? readCursor : lowest.getKey();
    if (floor == ackFloor) {
      return false;
    }
    ackFloor = floor;
    return true;
  }

  /** 16 bytes of cursors, and a flags byte only for a FIFO group (older values have none). */
  void saveCursors(KvTransaction txn) {
    byte[] cursors = Bytes.concat(Bytes.longBE(readCursor), Bytes.longBE(ackFloor));
    int flags = (fifo == null ? 0 : 1) | (nonRetaining ? 2 : 0);
    txn.put(PartitionKeys.group(name), flags == 0 ? cursors : Bytes.concat(cursors, new byte[] {(byte) flags}));
  }

  private void index(long offset, Lease lease) {
    leasesByOffset.put(offset, lease);
    byVisibleAt.add(new Slot(lease.visibleAtMs(), offset));
  }

  private void unindex(long offset) {
    Lease old = leasesByOffset.remove(offset);
    if (old != null) {
      byVisibleAt.remove(new Slot(old.visibleAtMs(), offset));
    }
  }
}
