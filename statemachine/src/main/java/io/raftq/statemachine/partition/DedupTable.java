package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;

/**
 * The producer-id dedup table, kept in the store (never fully in memory) and bucketed by the window:
 * {@code bucket = storedAtMs / windowMs}. An id stored at {@code t} is a duplicate at {@code now} iff
 * {@code now - t < windowMs}; such an entry can only be in the current or the previous bucket, so a lookup reads at
 * most two keys, and everything older is dropped with one range delete when the bucket advances.
 *
 * <p>A value is {@code i64 offset | i64 storedAtMs}, followed by the stored message's UTF-8 id when the key is a
 * dedup id rather than that id (values written before ids were kept end after storedAtMs), so a duplicate is
 * answered with the original id for the whole window, also after the message itself was deleted.
 *
 * <p>The window is a queue setting and so normally constant. If it changes, buckets of the old width cannot be
 * compared with the new ones, so the whole table is cleared: ids stored before the change are forgotten.
 */
final class DedupTable {
  private DedupTable() {}

  /**
   * Prepares the table for lookups at {@code now} with {@code windowMs > 0}: clears it on a window change and
   * drops buckets older than the previous one on a bucket change. Constant work per call.
   */
  static void roll(PartitionMeta meta, DedupFilter filter, long windowMs, long now, KvTransaction txn) {
    long bucket = now / windowMs;
    if (meta.dedupWindowMs != windowMs) {
      filter.clear();
      txn.deleteRange(PartitionKeys.DEDUP_PREFIX, Bytes.prefixEnd(PartitionKeys.DEDUP_PREFIX));
      meta.dedupWindowMs = windowMs;
      meta.dedupBucket = bucket;
    } else if (meta.dedupBucket != bucket) {
      filter.dropBefore(bucket - 1);
      if (bucket - 1 > 0) {
        txn.deleteRange(PartitionKeys.dedupBucket(0), PartitionKeys.dedupBucket(bucket - 1));
      }
      meta.dedupBucket = bucket;
    }
  }

  /** What a dedup key answers: the original offset, and its message id when the key was not that id (else null). */
  record Seen(long offset, String id) {}

  /** The offset {@code id} was stored at within the window before {@code now}, or -1. Call {@link #roll} first. */
  static long find(String id, DedupFilter filter, long windowMs, long now, KeyValueReader txn) {
    Seen seen = lookup(id, filter, windowMs, now, txn);
    return seen == null ? -1 : seen.offset();
  }

  /** What {@code key} was stored as within the window before {@code now}, or null. Call {@link #roll} first. */
  static Seen lookup(String key, DedupFilter filter, long windowMs, long now, KeyValueReader txn) {
    long bucket = now / windowMs;
    // Current bucket first: if the id expired in the previous bucket and was stored again, this is the live one.
    for (long b = bucket; b >= Math.max(0, bucket - 1); b--) {
      if (!filter.mightContain(b, key)) {
        continue;
      }
      byte[] v = txn.get(PartitionKeys.dedup(b, key));
      if (v != null) {
        long storedAtMs = Bytes.readLongBE(v, 8);
        if (now - storedAtMs < windowMs) {
          String id = v.length > 16 ? new String(v, 16, v.length - 16, java.nio.charset.StandardCharsets.UTF_8) : null;
          return new Seen(Bytes.readLongBE(v, 0), id);
        }
      }
    }
    return null;
  }

  /** Rebuilds the in-memory filter from the table (at load). */
  static void loadFilter(KeyValueReader store, DedupFilter filter) {
    filter.clear();
    store.scan(PartitionKeys.DEDUP_PREFIX, (k, v) -> {
      int at = PartitionKeys.DEDUP_PREFIX.length;
      long bucket = Bytes.readLongBE(k, at);
      filter.add(bucket, new String(k, at + 8, k.length - at - 8, java.nio.charset.StandardCharsets.UTF_8));
      return true;
    });
  }

  /**
   * Records that {@code key} was stored at {@code offset} at {@code now}; {@code id}: the stored message's id when
   * it differs from the key (a dedup id), else null.
   */
  static void remember(String key, long offset, String id, DedupFilter filter, long windowMs, long now,
      KvTransaction txn) {
    filter.add(now / windowMs, key);
    byte[] value = Bytes.concat(Bytes.longBE(offset), Bytes.longBE(now));
    if (id != null && !id.equals(key)) {
      value = Bytes.concat(value, Bytes.utf8(id));
    }
    txn.put(PartitionKeys.dedup(now / windowMs, key), value);
  }
}
