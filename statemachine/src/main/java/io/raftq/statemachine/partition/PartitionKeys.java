package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key layout of one partition in its store. Every key starts with {@link #NAMESPACE} ({@code 'P'}) and a
 * kind byte; the adapter must keep its own keys (applied index, ...) outside that namespace. Numbers are
 * big-endian so bytewise key order is numeric order (all stored offsets, buckets and times are {@code >= 0}).
 *
 * <pre>
 * key                                                   value
 * 'P' 'M'                                               meta: u8 version (1) | i64 nextOffset
 *                                                         | i64 firstRetainedOffset | i64 lastTimeMs | i64 lastEpoch
 *                                                         | i64 dedupWindowMs | i64 dedupBucket
 * 'P' 'm' | i64 offset                                  message: i64 enqueuedAtMs | string id | string key
 *                                                         | headers | bytes payload      (codec primitives)
 * 'P' 'd' | i64 bucket | UTF-8 id                       dedup: i64 offset | i64 storedAtMs
 *                                                         [| UTF-8 message id, when the key is a dedup id]
 *                                                         (bucket = storedAtMs / dedupWindowMs)
 * 'P' 'g' | UTF-8 group                                 group: i64 readCursor | i64 ackFloor
 * 'P' 'l' | u16 len | UTF-8 group (len bytes) | i64 off lease: i64 epoch | i64 visibleAtMs | i32 deliveries
 *                                                         (epoch 0: a delayed message parked until visibleAtMs)
 * 'P' 'w' | i64 offset                                  delay of a delayed message: i64 deliverAtMs
 * 'P' 'x' | i64 seq                                     dead letter waiting to move: string group
 *                                                         | i32 deliveries | string lastReason | i64 deadLetteredAtMs
 *                                                         | i64 offset | i64 enqueuedAtMs | string id | string key
 *                                                         | headers | bytes payload
 * 'P' 'r' | i64 offset                                  removed for every group (empty value)
 * 'P' 'k' | u16 len | UTF-8 group | UTF-8 key           a parked key of a FIFO group (empty value)
 * 'P' 's' | UTF-8 group                                 stream group: i64 committed offset
 * 'P' 'h' | i64 offset | u16 len | UTF-8 group | i64 n  attempt n of a redelivered message: i64 deliveredAtMs
 *                                                         | i64 endedAtMs | u8 nacked | string reason
 * 'P' 's' | UTF-8 group                                 stream group: i64 committed offset
 * 'P' 'c' | i64 bucket | u16 len | UTF-8 group | UTF-8 id   consumed: i64 ackedAtMs | result bytes (rest)
 *                                                         (bucket = ackedAtMs / consumerDedupWindowMs)
 * 'P' 'o'                                               recent operations: u16 n | n x (string operationId
 *                                                         | i64 recordedAtMs | i64 removed)
 * </pre>
 *
 * Meta version 2 appends {@code i64 lastDeadLetterSeq | i64 forwardedDeadLetterSeq | i64 consumerDedupWindowMs
 * | i64 consumerDedupBucket | i64 retainedBytes}; version 1 values read as all 0. A group value may carry a
 * trailing {@code u8 flags} (bit 0: FIFO, bit 1: does not hold messages back, a topic's queue group). A lease
 * value may carry a trailer: {@code u8 flags} (1 nacked, 2 reason, 4 deliveredAt), {@code i64 deliveredAtMs},
 * {@code string lastReason} (see {@link Lease#encode}).
 *
 * The group name in lease keys is length-prefixed so one group's leases are one prefix that no other group's
 * key can extend.
 */
public final class PartitionKeys {
  /** First byte of every key this package writes. */
  public static final byte NAMESPACE = 'P';

  static final byte[] META = {NAMESPACE, 'M'};
  static final byte[] MESSAGE_PREFIX = {NAMESPACE, 'm'};
  static final byte[] DEDUP_PREFIX = {NAMESPACE, 'd'};
  static final byte[] GROUP_PREFIX = {NAMESPACE, 'g'};
  static final byte[] LEASE_PREFIX = {NAMESPACE, 'l'};
  static final byte[] DELAY_PREFIX = {NAMESPACE, 'w'};
  static final byte[] DEAD_LETTER_PREFIX = {NAMESPACE, 'x'};
  static final byte[] REMOVED_PREFIX = {NAMESPACE, 'r'};
  static final byte[] PARKED_PREFIX = {NAMESPACE, 'k'};
  static final byte[] CONSUMED_PREFIX = {NAMESPACE, 'c'};
  static final byte[] STREAM_PREFIX = {NAMESPACE, 's'};
  static final byte[] HISTORY_PREFIX = {NAMESPACE, 'h'};
  /** The answers of recent client operations ({@link PartitionOperations}). */
  static final byte[] OPERATIONS = {NAMESPACE, 'o'};

  private PartitionKeys() {}

  static byte[] message(long offset) {
    return Bytes.concat(MESSAGE_PREFIX, Bytes.longBE(offset));
  }

  static byte[] delay(long offset) {
    return Bytes.concat(DELAY_PREFIX, Bytes.longBE(offset));
  }

  static long delayOffset(byte[] delayKey) {
    return Bytes.readLongBE(delayKey, DELAY_PREFIX.length);
  }

  static byte[] historyOffset(long offset) {
    return Bytes.concat(HISTORY_PREFIX, Bytes.longBE(offset));
  }

  static byte[] historyPrefix(long offset, String group) {
    byte[] name = Bytes.utf8(group);
    byte[] len = {(byte) (name.length >>> 8), (byte) name.length};
    return Bytes.concat(HISTORY_PREFIX, Bytes.longBE(offset), len, name);
  }

  static byte[] history(long offset, String group, int attempt) {
    return Bytes.concat(historyPrefix(offset, group), Bytes.longBE(attempt));
  }

  static byte[] stream(String group) {
    return Bytes.concat(STREAM_PREFIX, Bytes.utf8(group));
  }

  static String streamGroupOf(byte[] k) {
    return new String(k, STREAM_PREFIX.length, k.length - STREAM_PREFIX.length, StandardCharsets.UTF_8);
  }

  static byte[] consumedBucket(long bucket) {
    return Bytes.concat(CONSUMED_PREFIX, Bytes.longBE(bucket));
  }

  static byte[] consumed(long bucket, String group, String id) {
    byte[] name = Bytes.utf8(group);
    byte[] len = {(byte) (name.length >>> 8), (byte) name.length};
    return Bytes.concat(CONSUMED_PREFIX, Bytes.longBE(bucket), len, name, Bytes.utf8(id));
  }

  static long consumedBucketOf(byte[] k) {
    return Bytes.readLongBE(k, CONSUMED_PREFIX.length);
  }

  /** {group, id} of a consumed-table key. */
  static String[] consumedOf(byte[] k) {
    int at = CONSUMED_PREFIX.length + 8;
    int len = ((k[at] & 0xFF) << 8) | (k[at + 1] & 0xFF);
    return new String[] {
      new String(k, at + 2, len, StandardCharsets.UTF_8),
      new String(k, at + 2 + len, k.length - at - 2 - len, StandardCharsets.UTF_8)
    };
  }

  static byte[] parked(String group, String key) {
    byte[] name = Bytes.utf8(group);
    byte[] len = {(byte) (name.length >>> 8), (byte) name.length};
    return Bytes.concat(PARKED_PREFIX, len, name, Bytes.utf8(key));
  }

  /** {group, key} of a parked-key key. */
  static String[] parkedOf(byte[] k) {
    int len = ((k[PARKED_PREFIX.length] & 0xFF) << 8) | (k[PARKED_PREFIX.length + 1] & 0xFF);
    int from = PARKED_PREFIX.length + 2;
    return new String[] {
      new String(k, from, len, StandardCharsets.UTF_8),
      new String(k, from + len, k.length - from - len, StandardCharsets.UTF_8)
    };
  }

  static byte[] removed(long offset) {
    return Bytes.concat(REMOVED_PREFIX, Bytes.longBE(offset));
  }

  static long removedOffset(byte[] key) {
    return Bytes.readLongBE(key, REMOVED_PREFIX.length);
  }

  static byte[] deadLetter(long seq) {
    return Bytes.concat(DEAD_LETTER_PREFIX, Bytes.longBE(seq));
  }

  static long deadLetterSeq(byte[] key) {
    return Bytes.readLongBE(key, DEAD_LETTER_PREFIX.length);
  }

  static byte[] dedupBucket(long bucket) {
    return Bytes.concat(DEDUP_PREFIX, Bytes.longBE(bucket));
  }

  static byte[] dedup(long bucket, String id) {
    return Bytes.concat(DEDUP_PREFIX, Bytes.longBE(bucket), Bytes.utf8(id));
  }

  static byte[] group(String group) {
    return Bytes.concat(GROUP_PREFIX, Bytes.utf8(group));
  }

  static String groupOf(byte[] groupKey) {
    int from = GROUP_PREFIX.length;
    return new String(groupKey, from, groupKey.length - from, StandardCharsets.UTF_8);
  }

  static byte[] leasePrefix(String group) {
    byte[] name = Bytes.utf8(group);
    byte[] len = {(byte) (name.length >>> 8), (byte) name.length};
    return Bytes.concat(LEASE_PREFIX, len, name);
  }

  static byte[] lease(String group, long offset) {
    return Bytes.concat(leasePrefix(group), Bytes.longBE(offset));
  }

  /** The group name of a lease key. */
  static String leaseGroup(byte[] leaseKey) {
    int len = leaseNameLength(leaseKey);
    return new String(leaseKey, LEASE_PREFIX.length + 2, len, StandardCharsets.UTF_8);
  }

  /** The offset of a lease key. */
  static long leaseOffset(byte[] leaseKey) {
    return Bytes.readLongBE(leaseKey, LEASE_PREFIX.length + 2 + leaseNameLength(leaseKey));
  }

  private static int leaseNameLength(byte[] leaseKey) {
    int len = ((leaseKey[LEASE_PREFIX.length] & 0xFF) << 8) | (leaseKey[LEASE_PREFIX.length + 1] & 0xFF);
    if (leaseKey.length != LEASE_PREFIX.length + 2 + len + 8) {
      throw new IllegalStateException("corrupt lease key " + Arrays.toString(leaseKey));
    }
    return len;
  }
}
