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

  /** The offset {@code id} was stored at within the window before {@code now}, or -1. Call {@link #roll} first. */
  static long find(String id, DedupFilter filter, long windowMs, long now, KeyValueReader txn) {
    long bucket = now / windowMs;
    // Current bucket first: if the id expired in the previous bucket and was stored again, this is the live one.
    for (long b = bucket; b >= Math.max(0, bucket - 1); b--) {
      if (!filter.mightContain(b, id)) {
        continue;
      }
      byte[] v = txn.get(PartitionKeys.dedup(b, id));
      if (v != null) {
        long storedAtMs = Bytes.readLongBE(v, 8);
        if (now - storedAtMs < windowMs) {
          return Bytes.readLongBE(v, 0);
        }
      }
    }
    return -1;
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

  /** Records that {@code id} was stored at {@code offset} at {@code now}. */
  static void remember(String id, long offset, DedupFilter filter, long windowMs, long now, KvTransaction txn) {
    filter.add(now / windowMs, id);
    txn.put(PartitionKeys.dedup(now / windowMs, id), Bytes.concat(Bytes.longBE(offset), Bytes.longBE(now)));
  }
}
