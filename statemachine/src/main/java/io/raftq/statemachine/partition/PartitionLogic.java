package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.StorageFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The partition state machine: applies log entries of {@link PartitionCommand}s to the store and keeps in-memory
 * indexes of the consumer groups.
 *
 * <p>Promises:
 *
 * <ul>
 *   <li><b>Deterministic.</b> The results and the writes of {@link #apply} depend only on the store contents
 *       and the arguments: no clock, no randomness, no iteration over hash containers. Replicas applying the same
 *       log to the same store end byte-identical.
 *   <li><b>Monotonic time.</b> Log time is {@code now = max(lastTimeMs, entryTimeMs)}, persisted by every apply,
 *       so it never runs backwards across leader changes or clock jumps.
 *   <li><b>Domain errors are values.</b> An invalid command yields {@link Rejected} and changes nothing. A
 *       command whose logic throws (a bug, an invariant check) yields {@link Failed} and changes nothing either;
 *       apply throws only for storage failures and for failures outside any one command.
 *   <li><b>Bounded work.</b> Per command by the caps in {@link PartitionLimits}.
 * </ul>
 *
 * The in-memory state is updated by apply before the caller commits the transaction; if the caller does not
 * commit, it must {@link #load} again. Methods are synchronized so queries may run on other threads.
 */
public final class PartitionLogic {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartitionLogic.class);
  private PartitionMeta meta = new PartitionMeta();
  /** Sorted so every walk over the groups is in a deterministic order. */
  private TreeMap<String, ConsumerGroupState> groups = new TreeMap<>();

  /** Lets new ids skip the store lookup; derived from the dedup table, rebuilt by {@link #load}. */
  private final DedupFilter dedupFilter = new DedupFilter();
  /** The same for the consumer dedup table. */
  private final DedupFilter consumedFilter = new DedupFilter();
  private final PartitionOperations operations = new PartitionOperations();
  private final DelayedMessages delayed = new DelayedMessages();
  private final RemovedOffsets removed = new RemovedOffsets();
  /** Committed offsets of stream groups, by group (sorted: deterministic walks). */
  private TreeMap<String, Long> streams = new TreeMap<>();

  /** An empty partition, as if loaded from an empty store. */

  public PartitionLogic() {}

  /** Rebuilds in-memory indexes from the store (called at open and after a snapshot install). */
  public synchronized void load(KeyValueReader store) {
    PartitionMeta loadedMeta = PartitionMeta.load(store);
    TreeMap<String, ConsumerGroupState> loadedGroups = new TreeMap<>();
    store.scan(
        PartitionKeys.GROUP_PREFIX,
        (k, v) -> {
          ConsumerGroupState g = ConsumerGroupState.restore(k, v);
          loadedGroups.put(g.name(), g);
          return true;
        });
    store.scan(
        PartitionKeys.LEASE_PREFIX,
        (k, v) -> {
          ConsumerGroupState g = loadedGroups.get(PartitionKeys.leaseGroup(k));
          if (g == null) {
            throw new IllegalStateException("lease of unregistered group " + PartitionKeys.leaseGroup(k));
          }
          g.restoreLease(PartitionKeys.leaseOffset(k), Lease.decode(v));
          return true;
        });
    for (ConsumerGroupState g : loadedGroups.values()) {
      if (g.fifo() != null) {
        for (long offset : g.leasedOffsets()) {
          String key = MessageLog.readKey(store, offset);
          if (key != null) {
            g.fifo().add(offset, key);
          }
        }
      }
    }
    store.scan(PartitionKeys.PARKED_PREFIX, (k, v) -> {
      String[] groupAndKey = PartitionKeys.parkedOf(k);
      ConsumerGroupState g = loadedGroups.get(groupAndKey[0]);
      if (g == null || g.fifo() == null) {
        throw new IllegalStateException("parked key of a group that is not FIFO: " + groupAndKey[0]);
      }
      g.fifo().restoreParked(groupAndKey[1]);
      return true;
    });
    TreeMap<String, Long> loadedStreams = new TreeMap<>();
    store.scan(PartitionKeys.STREAM_PREFIX, (k, v) -> {
      loadedStreams.put(PartitionKeys.streamGroupOf(k), io.raftq.statemachine.store.Bytes.readLongBE(v, 0));
      return true;
    });
    streams = loadedStreams;
    DedupTable.loadFilter(store, dedupFilter);
    ConsumedTable.loadFilter(store, consumedFilter);
    operations.load(store);
    delayed.load(store);
    removed.load(store);
    meta = loadedMeta;
    groups = loadedGroups;
  }

  /**
   * Applies one log entry. {@code now = max(lastTimeMs, entryTimeMs)} is persisted in {@code txn}. Returns one
   * result per command, in order. Commands beyond {@link PartitionLimits#MAX_COMMANDS_PER_ENTRY} are rejected.
   */
  public synchronized List<PartitionResult> apply(
      long entryTimeMs, List<PartitionCommand> commands, KvTransaction txn) {
    long now = Math.max(meta.lastTimeMs, entryTimeMs);
    meta.lastTimeMs = now;
    List<PartitionResult> results = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      results.add(
          i < PartitionLimits.MAX_COMMANDS_PER_ENTRY
              ? applyIsolated(commands.get(i), now, txn)
              : new Rejected("more than " + PartitionLimits.MAX_COMMANDS_PER_ENTRY + " commands in one entry"));
    }
    deleteAckedByAll(txn);
    meta.save(txn);
    return results;
  }

  /**
   * Applies one command so that when the logic throws, the command changes nothing and answers {@link Failed}:
   * its writes are rolled back to a save point and the in-memory state is rebuilt by {@link #load} from the
   * transaction (the store plus the entry's earlier commands), exactly as after a snapshot install. The throw is
   * deterministic (same log, same state), so every replica, and every replay, fails the same command and rebuilds
   * the same state. A storage failure is not the logic's: it propagates and the adapter stops the node.
   */
  private PartitionResult applyIsolated(PartitionCommand c, long now, KvTransaction txn) {
    byte[] metaBefore = meta.encode();
    txn.setSavePoint();
    try {
      PartitionResult result = applyOne(c, now, txn);
      ApplyFaults.afterCommand(c);
      txn.releaseSavePoint();
      return result;
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      // A stack overflow or a failed assertion is a bug in this command like any exception; other Errors (out of
      // memory, a broken VM) are not the command's and stop the node.
      if (StorageFailures.isStorageFailure(e)) {
        throw e;
      }
      LOG.error("partition command {} failed (a bug); it changed nothing and answers FAILED",
          c.getClass().getSimpleName(), e);
      txn.rollbackToSavePoint();
      txn.put(PartitionKeys.META, metaBefore);
      load(txn);
      return Failed.of(e);
    }
  }

  /**
   * Whether a {@link Receive} by {@code group} at {@code nowMs} would return at least one message. For a group
   * that is not registered yet: whether any message is retained.
   */
  public synchronized boolean hasVisibleMessage(String group, long nowMs) {
    ConsumerGroupState g = groups.get(group);
    if (g == null) {
      return meta.nextOffset > meta.firstRetainedOffset;
    }
    return g.hasVisible(Math.max(meta.lastTimeMs, nowMs), meta.nextOffset);
  }

  /** The earliest time a lease of {@code group} still held at {@link #lastTimeMs} expires, else Long.MAX_VALUE. */
  public synchronized long nextVisibleAtMs(String group) {
    ConsumerGroupState g = groups.get(group);
    return g == null ? Long.MAX_VALUE : g.nextVisibleAfter(meta.lastTimeMs);
  }

  public synchronized PartitionStats stats() {
    long inFlight = 0;
    for (ConsumerGroupState g : groups.values()) {
      inFlight += g.inFlight(meta.lastTimeMs);
    }
    return new PartitionStats(
        meta.nextOffset,
        meta.firstRetainedOffset,
        meta.nextOffset - meta.firstRetainedOffset - removed.size(),
        inFlight,
        meta.lastTimeMs,
        groups.size(),
        delayed.countHeldAt(meta.lastTimeMs),
        meta.lastDeadLetterSeq - meta.forwardedDeadLetterSeq,
        meta.lastDeadLetterSeq);
  }

  /**
   * Up to {@code max} stored messages from {@code fromOffset} on (at least one, then while their payloads fit
   * {@code maxBytes}), skipping removed ones, read from the committed {@code store}: a look at the partition that
   * leases nothing. Each comes with epoch 0 and 0 deliveries (no receipt settles anything with epoch 0).
   */
  public synchronized Browsed browse(KeyValueReader store, long fromOffset, int max, long maxBytes) {
    return inspection().browse(store, fromOffset, max, maxBytes);
  }

  /** A page of {@link #browse}: the messages and the offset to continue from. */
  public record Browsed(List<LeasedMessage> messages, long nextOffset) {}

  /** Per-group figures at {@code nowMs}, in group order. */
  public synchronized List<GroupStats> groupStats(long nowMs) {
    return inspection().groupStats(nowMs);
  }

  /** When the oldest stored message was enqueued, or -1 when the partition holds none. */
  public synchronized long oldestEnqueuedAtMs(KeyValueReader store) {
    return inspection().oldestEnqueuedAtMs(store);
  }

  /** Where the stored copies of message {@code id} are, per group; see {@link PartitionInspection#status}. */
  public synchronized List<MessageStatus> status(KeyValueReader store, String id, long nowMs, int maxScan) {
    return inspection().status(store, id, nowMs, maxScan);
  }

  private PartitionInspection inspection() {
    return new PartitionInspection(meta, groups, removed, delayed, dedupFilter);
  }

  /** Dead letters waiting in the outbox to be moved to the dead-letter queue. */
  public synchronized long pendingDeadLetters() {
    return meta.lastDeadLetterSeq - meta.forwardedDeadLetterSeq;
  }

  /** The oldest dead letters waiting to move, at most {@code max}, read from the committed {@code store}. */
  public static List<DeadLetter> readDeadLetters(KeyValueReader store, int max) {
    return DeadLetterOutbox.read(store, Math.min(max, PartitionLimits.MAX_DEAD_LETTER_READ));
  }

  /** Log time of the last applied entry (0 before the first). */
  public synchronized long lastTimeMs() {
    return meta.lastTimeMs;
  }

  private PartitionResult applyOne(PartitionCommand c, long now, KvTransaction txn) {
    if (c instanceof Enqueue e) {
      return enqueue(e, now, txn);
    } else if (c instanceof Receive r) {
      return receive(r, now, txn);
    } else if (c instanceof Ack a) {
      return ack(a, now, txn);
    } else if (c instanceof Nack n) {
      return nack(n, now, txn);
    } else if (c instanceof ChangeVisibility cv) {
      return changeVisibility(cv, now, txn);
    } else if (c instanceof ForwardedDeadLetters f) {
      return forwarded(f, txn);
    } else if (c instanceof Purge) {
      return purge(txn);
    } else if (c instanceof RemoveMessages rm) {
      return remove(rm, now, txn);
    } else if (c instanceof ReleaseKey rk) {
      return releaseKey(rk, now, txn);
    } else if (c instanceof ApplyRetention ar) {
      return retention(ar, now, txn);
    } else if (c instanceof CommitOffset co) {
      return commitOffset(co, txn);
    } else if (c instanceof Once o) {
      return once(o, now, txn);
    }
    throw new IllegalArgumentException("unknown command " + c);
  }

  /** A client's purge or key release, unless its id was applied before: then the first answer, nothing changed. */
  private PartitionResult once(Once o, long now, KvTransaction txn) {
    Removed first = operations.answerOf(o.operationId());
    if (first != null) {
      return first;
    }
    PartitionResult result = applyOne(o.command(), now, txn);
    if (result instanceof Removed removed) {
      operations.remember(o.operationId(), now, removed, txn);
    }
    return result;
  }

  // ---- enqueue

  private PartitionResult enqueue(Enqueue e, long now, KvTransaction txn) {
    String invalid = validateEnqueue(e);
    if (invalid != null) {
      return new Rejected(invalid);
    }
    boolean dedup = e.dedupWindowMs() > 0;
    if (dedup) {
      DedupTable.roll(meta, dedupFilter, e.dedupWindowMs(), now, txn);
    }
    List<StoredMessage> stored = new ArrayList<>(e.messages().size());
    for (NewMessage m : e.messages()) {
      String dedupKey = m.dedupKey();
      DedupTable.Seen seen =
          dedup && dedupKey != null ? DedupTable.lookup(dedupKey, dedupFilter, e.dedupWindowMs(), now, txn) : null;
      if (seen != null) {
        stored.add(new StoredMessage(originalId(seen, m, txn), seen.offset(), true));
        continue;
      }
      long offset = meta.nextOffset++;
      String id = m.id() != null ? m.id() : Long.toString(offset);
      MessageLog.append(txn, offset, id, m, now);
      meta.retainedBytes += m.payload().length;
      if (m.delayMs() > 0) {
        delayed.add(offset, saturatedAdd(now, m.delayMs()), txn);
      }
      if (dedup && dedupKey != null) {
        DedupTable.remember(dedupKey, offset, id, dedupFilter, e.dedupWindowMs(), now, txn);
      }
      stored.add(new StoredMessage(id, offset, false));
    }
    return new Enqueued(stored);
  }

  /**
   * The id a duplicate answers: the first send's. A resend under a dedup id may carry a new message id; the dedup
   * table keeps the original (entries written before it did: the stored message's, while it is kept).
   */
  private static String originalId(DedupTable.Seen seen, NewMessage m, KvTransaction txn) {
    if (seen.id() != null || m.dedupId() == null) {
      return seen.id() != null ? seen.id() : m.id();
    }
    String kept = MessageLog.findId(txn, seen.offset());
    return kept != null ? kept : m.id();
  }

  private static String validateEnqueue(Enqueue e) {
    if (e.messages().size() > PartitionLimits.MAX_ENQUEUE_MESSAGES) {
      return "more than " + PartitionLimits.MAX_ENQUEUE_MESSAGES + " messages";
    }
    for (NewMessage m : e.messages()) {
      int idBytes = m.id() == null ? 0 : utf8Length(m.id());
      if (idBytes < 0 || idBytes > PartitionLimits.MAX_ID_BYTES) {
        return "message id must be valid Unicode of at most " + PartitionLimits.MAX_ID_BYTES + " UTF-8 bytes";
      }
      int dedupIdBytes = m.dedupId() == null ? 0 : utf8Length(m.dedupId());
      if (dedupIdBytes < 0 || dedupIdBytes > PartitionLimits.MAX_ID_BYTES) {
        return "dedup id must be valid Unicode of at most " + PartitionLimits.MAX_ID_BYTES + " UTF-8 bytes";
      }
      if (m.headers().size() > PartitionLimits.MAX_HEADERS) {
        return "more than " + PartitionLimits.MAX_HEADERS + " headers";
      }
      if (m.delayMs() < 0) {
        return "delayMs must be >= 0";
      }
    }
    return null;
  }

  // ---- receive

  private PartitionResult receive(Receive r, long now, KvTransaction txn) {
    String invalid = validateGroup(r.group());
    if (invalid == null && r.maxMessages() < 1) {
      invalid = "maxMessages must be >= 1";
    } else if (invalid == null && r.visibilityMs() < 0) {
      invalid = "visibilityMs must be >= 0";
    } else if (invalid == null && r.maxReceives() < 0) {
      invalid = "maxReceives must be >= 0";
    } else if (invalid == null && r.maxBytes() < 0) {
      invalid = "maxBytes must be >= 0";
    }
    if (invalid != null) {
      return new Rejected(invalid);
    }
    ConsumerGroupState g = groups.get(r.group());
    if (g == null) {
      g = ConsumerGroupState.register(r.group(), meta.firstRetainedOffset, r.fifo(), r.topic(), txn);
      groups.put(g.name(), g);
    }
    int max = Math.min(r.maxMessages(), PartitionLimits.MAX_RECEIVE_MESSAGES);
    long visibleAtMs = saturatedAdd(now, r.visibilityMs());
    if (r.consumerDedupWindowMs() > 0) {
      ConsumedTable.roll(meta, consumedFilter, r.consumerDedupWindowMs(), now, txn);
    }
    List<LeasedMessage> out = new ArrayList<>();
    ReplyBudget budget = new ReplyBudget(r.maxBytes());
    redeliverOrDeadLetter(g, max, r, visibleAtMs, now, out, budget, txn);
    deliverNew(g, max, r, visibleAtMs, now, out, budget, txn);
    g.advanceAckFloor();
    g.saveCursors(txn);
    return new Leased(out);
  }

  /**
   * Delivers offsets from the group's read cursor on until {@code out} holds {@code max} or {@code budget} refuses
   * the next one, which then stays under the cursor. Delayed offsets met on the way are parked in the group's
   * visibility index, at most MAX_VISIBLE_SCAN per receive so that a long run of delayed messages cannot stall one
   * apply.
   */
  private void deliverNew(ConsumerGroupState g, int max, Receive r, long visibleAtMs, long now,
      List<LeasedMessage> out, ReplyBudget budget, KvTransaction txn) {
    int parked = 0;
    while (out.size() < max && !budget.isClosed() && g.readCursor() < meta.nextOffset
        && parked < PartitionLimits.MAX_VISIBLE_SCAN) {
      long offset = g.readCursor();
      long heldUntil = delayed.heldUntil(offset, now);
      String fifoKey = g.fifo() == null || removed.contains(offset) ? null : MessageLog.readKey(txn, offset);
      if (removed.contains(offset)) {
        g.takeNewOffset();
        parked++; // taken out for every group: skipped like an ack, counted against the scan bound
      } else if (fifoKey != null && g.fifo().mustWait(fifoKey)) {
        g.takeNewOffset();
        g.putLease(offset, Lease.held(), txn); // behind an older message of its key
        g.fifo().add(offset, fifoKey);
        parked++;
      } else if (heldUntil >= 0) {
        g.takeNewOffset();
        if (fifoKey != null) {
          g.fifo().add(offset, fifoKey);
        }
        g.putLease(offset, Lease.delayed(heldUntil), txn);
        parked++;
      } else {
        LeasedMessage stored = MessageLog.read(txn, offset, 0, 0);
        long size = budget.sizeOf(stored);
        if (!budget.admits(size)) {
          break; // left for the next receive: the cursor stays on it
        }
        g.takeNewOffset();
        if (fifoKey != null) {
          g.fifo().add(offset, fifoKey);
        }
        LeasedMessage m = deliver(g, offset, stored, null, visibleAtMs, r, now, txn);
        if (m != null) {
          out.add(m);
          budget.take(size);
        } else {
          parked++; // consumed already: skipped like an ack
        }
      }
    }
  }

  /**
   * Redelivers visible leases, oldest offset first, until {@code out} holds {@code max} or {@code budget} refuses
   * the next one. With {@code maxReceives > 0}, a message already delivered that often goes to the dead-letter
   * outbox instead (it is not part of the reply: the budget does not count it) and the next visible one is taken
   * (at most {@link PartitionLimits#MAX_VISIBLE_SCAN} per receive).
   */
  private void redeliverOrDeadLetter(ConsumerGroupState g, int max, Receive r, long visibleAtMs, long now,
      List<LeasedMessage> out, ReplyBudget budget, KvTransaction txn) {
    int maxReceives = r.maxReceives();
    TreeSet<Long> handled = new TreeSet<>();
    int deadLettered = 0;
    while (out.size() < max) {
      boolean moved = false;
      for (long offset : g.visibleOffsets(now, max - out.size())) {
        if (!handled.add(offset)) {
          return; // leased again with visibility 0 in this receive: visible, but not twice per receive
        }
        Lease lease = g.lease(offset);
        if (maxReceives > 0 && lease.deliveries() >= maxReceives && deadLettered < PartitionLimits.MAX_VISIBLE_SCAN) {
          deadLetter(g, offset, lease, now, txn);
          deadLettered++;
          moved = true;
          continue;
        }
        LeasedMessage stored = MessageLog.read(txn, offset, 0, lease.deliveries());
        long size = budget.sizeOf(stored);
        if (!budget.admits(size)) {
          return; // the reply is full: this lease stays visible for the next receive
        }
        LeasedMessage m = deliver(g, offset, stored, lease, visibleAtMs, r, now, txn);
        if (m != null) {
          out.add(m);
          budget.take(size);
        } else {
          moved = true; // consumed already: settled without a delivery, look further
        }
      }
      if (!moved) {
        return;
      }
    }
  }

  /**
   * Takes {@code offset} from group {@code g} (as if acked there) into the outbox, with its history. In a FIFO
   * group the message's key is parked, so its later messages wait instead of overtaking it.
   */
  private void deadLetter(ConsumerGroupState g, long offset, Lease lease, long now, KvTransaction txn) {
    moveToOutbox(g, offset, lease, now, txn);
    if (g.fifo() != null) {
      String key = g.fifo().keyOf(offset);
      if (key != null) {
        g.fifo().park(key, txn);
      }
      g.fifo().remove(offset);
    }
  }

  private void moveToOutbox(ConsumerGroupState g, long offset, Lease lease, long now, KvTransaction txn) {
    LeasedMessage m = MessageLog.read(txn, offset, 0, lease.deliveries());
    long seq = ++meta.lastDeadLetterSeq;
    DeadLetterOutbox.append(txn, new DeadLetter(seq, g.name(), lease.deliveries(), lease.lastReason(), now, m));
    g.removeLease(offset, txn);
  }

  /** {@code offset} left FIFO group {@code g}: lets the next message of its key out, unless the key is parked. */
  private void settledInFifo(ConsumerGroupState g, long offset, long now, KvTransaction txn) {
    if (g.fifo() != null) {
      release(g, g.fifo().remove(offset), now, txn);
    }
  }

  /** Makes a held FIFO message deliverable: now, or when its own delay ends. */
  private void release(ConsumerGroupState g, long offset, long now, KvTransaction txn) {
    if (offset < 0) {
      return;
    }
    Lease lease = g.lease(offset);
    if (lease == null || lease.epoch() != Lease.DELAYED_EPOCH || lease.visibleAtMs() != Long.MAX_VALUE) {
      return; // not held (delivered or delayed already): nothing to release
    }
    long heldUntil = delayed.heldUntil(offset, now);
    g.putLease(offset, Lease.delayed(heldUntil >= 0 ? heldUntil : now), txn);
  }

  private PartitionResult releaseKey(ReleaseKey rk, long now, KvTransaction txn) {
    ConsumerGroupState g = groups.get(rk.group());
    if (g == null || g.fifo() == null) {
      return new Rejected("group '" + rk.group() + "' is not a FIFO group of this partition");
    }
    if (!g.fifo().isParked(rk.key())) {
      return new Removed(0);
    }
    List<Long> pending = g.fifo().unpark(rk.key(), txn);
    if (pending.isEmpty()) {
      return new Removed(0);
    }
    if (!rk.skip()) {
      release(g, pending.get(0), now, txn);
      return new Removed(1);
    }
    for (long offset : pending) {
      moveToOutbox(g, offset, g.lease(offset), now, txn);
      g.fifo().remove(offset);
    }
    if (g.advanceAckFloor()) {
      g.saveCursors(txn);
    }
    return new Removed(pending.size());
  }

  /**
   * What {@code group} acked under {@code id} within {@code windowMs} before {@code nowMs}, or null, from the
   * committed {@code store}.
   */
  public synchronized Consumed consumed(KeyValueReader store, String group, String id, long windowMs, long nowMs) {
    return ConsumedTable.find(group, id, consumedFilter, windowMs, Math.max(nowMs, meta.lastTimeMs), store);
  }

  /** Parked keys of every FIFO group, in group then key order. */
  public synchronized List<ParkedKey> parkedKeys() {
    List<ParkedKey> out = new ArrayList<>();
    for (ConsumerGroupState g : groups.values()) {
      if (g.fifo() != null) {
        g.fifo().parkedKeys().forEach((key, held) -> out.add(new ParkedKey(g.name(), key, held)));
      }
    }
    return out;
  }

  /**
   * Hands {@code offset} (its record {@code stored}, read by the caller to size it) to {@code g} under a fresh
   * partition-wide epoch, leased until {@code visibleAtMs} (a redelivery keeps its last nack reason), or, for an
   * at-most-once receive, done for the group at once. Returns null instead when the group's consumer dedup table
   * has the message's id: it then counts as acked, undelivered.
   */
  private LeasedMessage deliver(ConsumerGroupState g, long offset, LeasedMessage stored, Lease prior,
      long visibleAtMs, Receive r, long now, KvTransaction txn) {
    int priorDeliveries = prior == null ? 0 : prior.deliveries();
    long window = r.consumerDedupWindowMs();
    if (window > 0 && ConsumedTable.find(g.name(), stored.id(), consumedFilter, window, now, txn) != null) {
      doneWithoutLease(g, offset, prior, now, txn);
      return null;
    }
    long epoch = ++meta.lastEpoch;
    int deliveries = priorDeliveries == Integer.MAX_VALUE ? priorDeliveries : priorDeliveries + 1;
    // With a retry backoff, a lease that runs out brings the message back only after the backoff (an ack is
    // accepted until someone else is given the message, so the longer lease changes nothing else).
    visibleAtMs = saturatedAdd(visibleAtMs, RetryBackoff.delayMs(r.backoffBaseMs(), r.backoffMaxMs(), offset, deliveries));
    if (r.ackOnReceive()) {
      doneWithoutLease(g, offset, prior, now, txn);
      if (window > 0) {
        ConsumedTable.remember(g.name(), stored.id(), null, consumedFilter, window, now, txn);
      }
    } else {
      g.putLease(offset,
          new Lease(epoch, visibleAtMs, deliveries, prior == null ? null : prior.lastReason(), now, false), txn);
    }
    DeliveryHistory.recordEnded(txn, g.name(), offset, prior);
    return new LeasedMessage(stored.id(), offset, stored.key(), stored.headers(), stored.payload(), epoch,
        deliveries, stored.enqueuedAtMs());
  }

  /** {@code offset} is done for {@code g} without a (new) lease: consumed before, or received at most once. */
  private void doneWithoutLease(ConsumerGroupState g, long offset, Lease prior, long now, KvTransaction txn) {
    if (prior != null) {
      g.removeLease(offset, txn);
    }
    settledInFifo(g, offset, now, txn);
  }

  // ---- ack, nack, change visibility

  private PartitionResult ack(Ack a, long now, KvTransaction txn) {
    String invalid = validateSettle(a.group(), a.receipts().size(), 0, "");
    if (invalid != null) {
      return new Rejected(invalid);
    }
    for (byte[] result : a.results()) {
      if (result != null && result.length > PartitionLimits.MAX_RESULT_BYTES) {
        return new Rejected("an ack result must be at most " + PartitionLimits.MAX_RESULT_BYTES + " bytes");
      }
    }
    if (!a.results().isEmpty() && a.results().size() != a.receipts().size()) {
      return new Rejected("ack results must be none or one per receipt");
    }
    ConsumerGroupState g = groups.get(a.group());
    long window = a.consumerDedupWindowMs();
    if (window > 0 && g != null) {
      ConsumedTable.roll(meta, consumedFilter, window, now, txn);
    }
    List<SettleOutcome> outcomes = new ArrayList<>(a.receipts().size());
    for (int i = 0; i < a.receipts().size(); i++) {
      LeaseRef ref = a.receipts().get(i);
      SettleOutcome o = g == null ? SettleOutcome.INVALID : ackOne(g, ref, now, txn);
      if (o == SettleOutcome.OK && window > 0) {
        String id = MessageLog.readId(txn, ref.offset());
        ConsumedTable.remember(g.name(), id, a.resultAt(i), consumedFilter, window, now, txn);
      }
      outcomes.add(o);
    }
    if (g != null && g.advanceAckFloor()) {
      g.saveCursors(txn);
    }
    return new Settled(outcomes);
  }

  private SettleOutcome ackOne(ConsumerGroupState g, LeaseRef ref, long now, KvTransaction txn) {
    if (ref.offset() >= g.readCursor()) {
      return SettleOutcome.INVALID;
    }
    Lease lease = ref.offset() < g.ackFloor() ? null : g.lease(ref.offset());
    if (lease == null) {
      return SettleOutcome.ALREADY_ACKED;
    }
    if (lease.isDelayed() || lease.epoch() != ref.epoch()) {
      return SettleOutcome.INVALID;
    }
    // Accepted even after the lease expired: nobody has been given the message since (same epoch).
    g.removeLease(ref.offset(), txn);
    settledInFifo(g, ref.offset(), now, txn);
    return SettleOutcome.OK;
  }

  private PartitionResult nack(Nack n, long now, KvTransaction txn) {
    String invalid = validateSettle(n.group(), n.receipts().size(), n.delayMs(), "delayMs");
    if (invalid == null && n.reason() != null) {
      int bytes = utf8Length(n.reason());
      if (bytes < 0 || bytes > PartitionLimits.MAX_REASON_BYTES) {
        invalid = "reason must be valid Unicode of at most " + PartitionLimits.MAX_REASON_BYTES + " UTF-8 bytes";
      }
    }
    if (invalid != null) {
      return new Rejected(invalid);
    }
    return relet(n.group(), n.receipts(), txn, (ref, lease) -> {
      long backoff = RetryBackoff.delayMs(n.backoffBaseMs(), n.backoffMaxMs(), ref.offset(), lease.deliveries());
      return lease.nacked(saturatedAdd(now, Math.max(n.delayMs(), backoff)), n.reason());
    });
  }

  private PartitionResult changeVisibility(ChangeVisibility cv, long now, KvTransaction txn) {
    String invalid = validateSettle(cv.group(), cv.receipts().size(), cv.visibilityMs(), "visibilityMs");
    if (invalid != null) {
      return new Rejected(invalid);
    }
    long visibleAtMs = saturatedAdd(now, cv.visibilityMs());
    // The lease must still be held: an expired one may already be on its way to someone else.
    return relet(cv.group(), cv.receipts(), txn,
        (ref, lease) -> lease.visibleAtMs() > now ? lease.visibleAt(visibleAtMs) : null);
  }

  /**
   * For each receipt whose epoch is its lease's current epoch, replaces the lease with {@code next(ref, lease)};
   * a null from {@code next}, like a stale or unknown receipt, answers INVALID and changes nothing.
   */
  private PartitionResult relet(String group, List<LeaseRef> receipts, KvTransaction txn,
      java.util.function.BiFunction<LeaseRef, Lease, Lease> next) {
    ConsumerGroupState g = groups.get(group);
    List<SettleOutcome> outcomes = new ArrayList<>(receipts.size());
    for (LeaseRef ref : receipts) {
      Lease lease = g == null ? null : g.lease(ref.offset());
      Lease replaced = lease != null && !lease.isDelayed() && lease.epoch() == ref.epoch() ? next.apply(ref, lease) : null;
      if (replaced != null) {
        g.putLease(ref.offset(), replaced, txn);
      }
      outcomes.add(replaced != null ? SettleOutcome.OK : SettleOutcome.INVALID);
    }
    return new Settled(outcomes);
  }


  // ---- dead letters, purge

  private PartitionResult forwarded(ForwardedDeadLetters f, KvTransaction txn) {
    if (f.upToSeq() > meta.lastDeadLetterSeq) {
      return new Rejected("dead letter " + f.upToSeq() + " does not exist (last is " + meta.lastDeadLetterSeq + ")");
    }
    if (f.upToSeq() <= meta.forwardedDeadLetterSeq) {
      return new Removed(0);
    }
    long count = f.upToSeq() - meta.forwardedDeadLetterSeq;
    DeadLetterOutbox.removeUpTo(txn, f.upToSeq());
    meta.forwardedDeadLetterSeq = f.upToSeq();
    return new Removed(count);
  }

  private PartitionResult purge(KvTransaction txn) {
    long count = meta.nextOffset - meta.firstRetainedOffset;
    for (ConsumerGroupState g : groups.values()) {
      g.skipTo(meta.nextOffset, txn);
    }
    if (count > 0) {
      MessageLog.deleteRange(txn, meta.firstRetainedOffset, meta.nextOffset);
      DeliveryHistory.deleteRange(txn, meta.firstRetainedOffset, meta.nextOffset);
      delayed.deleteRange(meta.firstRetainedOffset, meta.nextOffset, txn);
      count -= removed.size();
      removed.deleteRange(meta.firstRetainedOffset, meta.nextOffset, txn);
      meta.firstRetainedOffset = meta.nextOffset;
      meta.retainedBytes = 0;
    }
    return new Removed(count);
  }

  // ---- topics: retention and stream groups

  private PartitionResult retention(ApplyRetention ar, long now, KvTransaction txn) {
    long cutoff = ar.retentionMs() > 0 ? now - ar.retentionMs() : Long.MIN_VALUE;
    long from = meta.firstRetainedOffset;
    long to = from;
    while (to < meta.nextOffset && to - from < PartitionLimits.MAX_RETENTION_DELETES) {
      boolean overBytes = ar.retentionBytes() > 0 && meta.retainedBytes > ar.retentionBytes();
      LeasedMessage m = MessageLog.read(txn, to, 0, 0);
      if (!overBytes && m.enqueuedAtMs() >= cutoff) {
        break;
      }
      meta.retainedBytes -= m.payload().length;
      to++;
    }
    if (to == from) {
      return new Removed(0);
    }
    MessageLog.deleteRange(txn, from, to);
    DeliveryHistory.deleteRange(txn, from, to);
    delayed.deleteRange(from, to, txn);
    long removedBelow = removed.countFrom(from) - removed.countFrom(to);
    removed.deleteRange(from, to, txn);
    meta.firstRetainedOffset = to;
    for (ConsumerGroupState g : groups.values()) {
      for (long offset : g.dropBelow(to, txn)) {
        if (g.fifo() != null) {
          release(g, g.fifo().remove(offset), now, txn);
        }
      }
    }
    return new Removed(to - from - removedBelow);
  }

  private PartitionResult commitOffset(CommitOffset co, KvTransaction txn) {
    String invalid = validateGroup(co.group());
    if (invalid != null) {
      return new Rejected(invalid);
    }
    long clamped = Math.max(meta.firstRetainedOffset, Math.min(co.offset(), meta.nextOffset));
    Long current = streams.get(co.group());
    long next = co.seek() || current == null ? clamped : Math.max(current, clamped);
    if (current == null || next != current) {
      streams.put(co.group(), next);
      txn.put(PartitionKeys.stream(co.group()), io.raftq.statemachine.store.Bytes.longBE(next));
    }
    return new Removed(next);
  }

  /** Stream groups and their committed offsets, in group order. */
  public synchronized java.util.SortedMap<String, Long> streamOffsets() {
    return new TreeMap<>(streams);
  }

  /** The first stored offset enqueued at or after {@code timeMs} (the next offset when none is). */
  public synchronized long offsetForTime(KeyValueReader store, long timeMs) {
    long lo = meta.firstRetainedOffset;
    long hi = meta.nextOffset;
    while (lo < hi) { // enqueue times never decrease with the offset: binary search
      long mid = lo + (hi - lo) / 2;
      LeasedMessage m = MessageLog.readIfPresent(store, mid);
      if (m != null && m.enqueuedAtMs() < timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Payload bytes stored (exact for topics). */
  public synchronized long retainedBytes() {
    return meta.retainedBytes;
  }

  /** The oldest stored offset and the next offset to be written. */
  public synchronized long[] offsetRange() {
    return new long[] {meta.firstRetainedOffset, meta.nextOffset};
  }

  private PartitionResult remove(RemoveMessages rm, long now, KvTransaction txn) {
    if (rm.offsets().size() > PartitionLimits.MAX_RECEIPTS) {
      return new Rejected("more than " + PartitionLimits.MAX_RECEIPTS + " offsets");
    }
    long count = 0;
    for (long offset : new java.util.TreeSet<>(rm.offsets())) {
      if (offset < meta.firstRetainedOffset || offset >= meta.nextOffset || removed.contains(offset)) {
        continue;
      }
      removed.add(offset, txn);
      for (ConsumerGroupState g : groups.values()) {
        if (g.lease(offset) != null) {
          g.removeLease(offset, txn);
          settledInFifo(g, offset, now, txn);
        }
      }
      count++;
    }
    for (ConsumerGroupState g : groups.values()) {
      if (g.advanceAckFloor()) {
        g.saveCursors(txn);
      }
    }
    return new Removed(count);
  }

  // ---- retention

  /**
   * Deletes the messages below every retaining group's ack floor; with no such group (no group yet, or a topic,
   * whose messages only retention deletes) nothing is deleted.
   */
  private void deleteAckedByAll(KvTransaction txn) {
    long floor = Long.MAX_VALUE;
    for (ConsumerGroupState g : groups.values()) {
      if (g.retains()) {
        floor = Math.min(floor, g.ackFloor());
      }
    }
    if (floor == Long.MAX_VALUE) {
      return;
    }
    if (floor > meta.firstRetainedOffset) {
      MessageLog.deleteRange(txn, meta.firstRetainedOffset, floor);
      DeliveryHistory.deleteRange(txn, meta.firstRetainedOffset, floor);
      delayed.deleteRange(meta.firstRetainedOffset, floor, txn);
      removed.deleteRange(meta.firstRetainedOffset, floor, txn);
      meta.firstRetainedOffset = floor;
    }
  }

  // ---- validation helpers

  private static String validateGroup(String group) {
    if (group.isEmpty()) {
      return "group must not be empty";
    }
    int bytes = utf8Length(group);
    if (bytes < 0 || bytes > PartitionLimits.MAX_GROUP_BYTES) {
      return "group must be valid Unicode of at most " + PartitionLimits.MAX_GROUP_BYTES + " UTF-8 bytes";
    }
    return null;
  }

  private static String validateSettle(String group, int receiptCount, long durationMs, String durationName) {
    String invalid = validateGroup(group);
    if (invalid != null) {
      return invalid;
    }
    if (receiptCount > PartitionLimits.MAX_RECEIPTS) {
      return "more than " + PartitionLimits.MAX_RECEIPTS + " receipts";
    }
    return durationMs < 0 ? durationName + " must be >= 0" : null;
  }

  /**
   * The UTF-8 length of {@code s}, or -1 when it has an unpaired surrogate: such a string would be stored as
   * {@code '?'} and read back as a different name after a restart, so it is rejected up front.
   */
  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return -1;
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    return bytes;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Both are non-negative here; overflow shows as a negative sum.
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
