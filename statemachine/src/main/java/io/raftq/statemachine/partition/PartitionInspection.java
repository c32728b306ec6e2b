package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KeyValueReader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Read-only questions about a partition for operators and readers (browse, message status, per-group figures):
 * a view over {@link PartitionLogic}'s state, made and used under its lock, never inside apply. Reads the
 * committed store, which may lag the in-memory state by the apply being committed: a message not stored yet is
 * skipped, not an error.
 */
final class PartitionInspection {
  private final PartitionMeta meta;
  private final TreeMap<String, ConsumerGroupState> groups;
  private final RemovedOffsets removed;
  private final DelayedMessages delayed;
  private final DedupFilter dedupFilter;

  PartitionInspection(PartitionMeta meta, TreeMap<String, ConsumerGroupState> groups, RemovedOffsets removed,
      DelayedMessages delayed, DedupFilter dedupFilter) {
    this.meta = meta;
    this.groups = groups;
    this.removed = removed;
    this.delayed = delayed;
    this.dedupFilter = dedupFilter;
  }

  /**
   * Up to {@code max} stored messages from {@code fromOffset} on (at least one, then while their payloads fit
   * {@code maxBytes}), skipping removed ones, read from the committed {@code store}: a look at the partition that
   * leases nothing. Each comes with epoch 0 and 0 deliveries (no receipt settles anything with epoch 0).
   */
  PartitionLogic.Browsed browse(KeyValueReader store, long fromOffset, int max, long maxBytes) {
    List<LeasedMessage> out = new ArrayList<>();
    long bytes = 0;
    long offset = Math.max(fromOffset, meta.firstRetainedOffset);
    for (; offset < meta.nextOffset && out.size() < max; offset++) {
      if (removed.contains(offset)) {
        continue;
      }
      LeasedMessage m = MessageLog.readIfPresent(store, offset);
      if (m == null) {
        break; // appended by an apply whose batch is not committed yet
      }
      bytes += m.payload().length;
      if (!out.isEmpty() && bytes > maxBytes) {
        break;
      }
      out.add(m);
    }
    return new PartitionLogic.Browsed(out, offset);
  }

  /** Per-group figures at {@code nowMs}, in group order. Walks every lease: for stats, not for apply. */
  List<GroupStats> groupStats(long nowMs) {
    long now = Math.max(nowMs, meta.lastTimeMs);
    List<GroupStats> out = new ArrayList<>();
    for (ConsumerGroupState g : groups.values()) {
      long ready = Math.max(0, meta.nextOffset - g.readCursor() - removed.countFrom(g.readCursor()));
      long inFlight = 0;
      long delayedHere = 0;
      long held = 0;
      for (long offset : g.leasedOffsets()) {
        Lease l = g.lease(offset);
        if (l.isDelayed() && l.visibleAtMs() == Long.MAX_VALUE) {
          held++;
        } else if (l.visibleAtMs() <= now) {
          ready++;
        } else if (l.isDelayed()) {
          delayedHere++;
        } else {
          inFlight++;
        }
      }
      // Never-read offsets whose delay has not passed are delayed, not ready.
      long unreadDelayed = delayed.countHeldFrom(g.readCursor(), now);
      ready -= unreadDelayed;
      delayedHere += unreadDelayed;
      out.add(new GroupStats(g.name(), ready, inFlight, delayedHere, held,
          g.fifo() == null ? 0 : g.fifo().parkedKeys().size()));
    }
    return out;
  }

  /** When the oldest stored message was enqueued, or -1 when the partition holds none. */
  long oldestEnqueuedAtMs(KeyValueReader store) {
    for (long offset = meta.firstRetainedOffset; offset < meta.nextOffset; offset++) {
      if (!removed.contains(offset)) {
        LeasedMessage m = MessageLog.readIfPresent(store, offset);
        return m == null ? -1 : m.enqueuedAtMs();
      }
    }
    return -1;
  }

  /**
   * Where the stored copies of message {@code id} are, per group, and whether one waits in the dead-letter outbox.
   * Looks the id up in the producer dedup table, else scans up to {@code maxScan} stored messages from the oldest.
   * Reads the committed {@code store}.
   */
  List<MessageStatus> status(KeyValueReader store, String id, long nowMs, int maxScan) {
    long now = Math.max(nowMs, meta.lastTimeMs);
    List<MessageStatus> out = new ArrayList<>();
    long known = meta.dedupWindowMs > 0 ? DedupTable.find(id, dedupFilter, meta.dedupWindowMs, now, store) : -1;
    long from = known >= meta.firstRetainedOffset ? known : meta.firstRetainedOffset;
    long to = known >= meta.firstRetainedOffset ? known + 1 : meta.nextOffset;
    long scanned = 0;
    for (long offset = from; offset < to && scanned < maxScan; offset++, scanned++) {
      LeasedMessage m = MessageLog.readIfPresent(store, offset);
      if (m == null || !m.id().equals(id)) {
        continue;
      }
      List<MessageStatus.GroupState> states = new ArrayList<>();
      for (ConsumerGroupState g : groups.values()) {
        states.add(stateIn(store, g, offset, now));
      }
      out.add(new MessageStatus(offset, m.enqueuedAtMs(), states));
    }
    for (DeadLetter d : DeadLetterOutbox.read(store, PartitionLimits.MAX_DEAD_LETTER_READ)) {
      if (d.message().id().equals(id)) {
        out.add(new MessageStatus(d.message().offset(), d.message().enqueuedAtMs(), List.of(
            new MessageStatus.GroupState(d.group(), MessageStatus.State.DEAD_LETTERING, d.deadLetteredAtMs(),
                d.deliveries(), d.lastReason()))));
      }
    }
    return out;
  }

  MessageStatus.GroupState stateIn(KeyValueReader store, ConsumerGroupState g, long offset, long now) {
    if (removed.contains(offset)) {
      return new MessageStatus.GroupState(g.name(), MessageStatus.State.REMOVED, 0, 0, null);
    }
    if (offset >= g.readCursor()) {
      long heldUntil = delayed.heldUntil(offset, now);
      return heldUntil >= 0
          ? new MessageStatus.GroupState(g.name(), MessageStatus.State.DELAYED, heldUntil, 0, null)
          : new MessageStatus.GroupState(g.name(), MessageStatus.State.READY, now, 0, null);
    }
    Lease l = offset < g.ackFloor() ? null : g.lease(offset);
    if (l == null) {
      return new MessageStatus.GroupState(g.name(), MessageStatus.State.ACKED, 0, 0, null);
    }
    MessageStatus.State state = l.isDelayed() && l.visibleAtMs() == Long.MAX_VALUE ? MessageStatus.State.HELD
        : l.visibleAtMs() <= now ? MessageStatus.State.READY
        : l.isDelayed() ? MessageStatus.State.DELAYED
        : l.nacked() ? MessageStatus.State.NACKED
        : MessageStatus.State.IN_FLIGHT;
    return new MessageStatus.GroupState(g.name(), state, l.visibleAtMs(), l.deliveries(), l.lastReason(),
        l.deliveredAtMs(), DeliveryHistory.read(store, g.name(), offset));
  }
}
