package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;

/**
 * The consumer dedup table: per group, the ids of messages the group acked, with when and an optional result,
 * for the queue's consumer dedup window. Bucketed by the window like {@link DedupTable} ({@code bucket =
 * ackedAtMs / windowMs}, a lookup reads the current and previous bucket, older buckets go with one range delete),
 * with its own Bloom filter over {@code group + '\0' + id}.
 */
final class ConsumedTable {
  private ConsumedTable() {}

  static void roll(PartitionMeta meta, DedupFilter filter, long windowMs, long now, KvTransaction txn) {
    long bucket = now / windowMs;
    if (meta.consumerDedupWindowMs != windowMs) {
      filter.clear();
      txn.deleteRange(PartitionKeys.CONSUMED_PREFIX, Bytes.prefixEnd(PartitionKeys.CONSUMED_PREFIX));
      meta.consumerDedupWindowMs = windowMs;
      meta.consumerDedupBucket = bucket;
    } else if (meta.consumerDedupBucket != bucket) {
      filter.dropBefore(bucket - 1);
      if (bucket - 1 > 0) {
        txn.deleteRange(PartitionKeys.consumedBucket(0), PartitionKeys.consumedBucket(bucket - 1));
      }
      meta.consumerDedupBucket = bucket;
    }
  }

  /** What {@code group} acked under {@code id} within the window before {@code now}, or null. */
  static Consumed find(String group, String id, DedupFilter filter, long windowMs, long now, KeyValueReader store) {
    if (windowMs <= 0) {
      return null;
    }
    long bucket = now / windowMs;
    String probe = group + '\0' + id;
    for (long b = bucket; b >= Math.max(0, bucket - 1); b--) {
      if (filter != null && !filter.mightContain(b, probe)) {
        continue;
      }
      byte[] v = store.get(PartitionKeys.consumed(b, group, id));
      if (v != null) {
        long ackedAtMs = Bytes.readLongBE(v, 0);
        if (now - ackedAtMs < windowMs) {
          return new Consumed(ackedAtMs, v.length > 8 ? java.util.Arrays.copyOfRange(v, 8, v.length) : null);
        }
      }
    }
    return null;
  }

  static void remember(String group, String id, byte[] result, DedupFilter filter, long windowMs, long now,
      KvTransaction txn) {
    filter.add(now / windowMs, group + '\0' + id);
    byte[] at = Bytes.longBE(now);
    txn.put(PartitionKeys.consumed(now / windowMs, group, id), result == null ? at : Bytes.concat(at, result));
  }

  static void loadFilter(KeyValueReader store, DedupFilter filter) {
    filter.clear();
    store.scan(PartitionKeys.CONSUMED_PREFIX, (k, v) -> {
      String[] groupAndId = PartitionKeys.consumedOf(k);
      filter.add(PartitionKeys.consumedBucketOf(k), groupAndId[0] + '\0' + groupAndId[1]);
      return true;
    });
  }
}
