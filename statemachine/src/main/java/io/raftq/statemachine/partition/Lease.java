package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;

/**
 * A pending (delivered, not acked) offset of one group: the epoch of its latest delivery, when it becomes
 * visible again, how often it was delivered, the reason of its last nack (null if none was given), when the
 * latest delivery was made (0: not delivered, or a lease written before this was recorded), and whether the latest
 * delivery was nacked.
 */
record Lease(long epoch, long visibleAtMs, int deliveries, String lastReason, long deliveredAtMs, boolean nacked) {
  /** Epochs of deliveries start at 1; 0 marks a message that was never delivered and waits for its delay. */
  static final long DELAYED_EPOCH = 0;
  private static final int FIXED_BYTES = 20;
  private static final int NACKED = 1;
  private static final int HAS_REASON = 2;
  private static final int HAS_DELIVERED_AT = 4;

  Lease(long epoch, long visibleAtMs, int deliveries) {
    this(epoch, visibleAtMs, deliveries, null, 0, false);
  }

  /** A delayed message that becomes visible at {@code deliverAtMs}; no receipt matches it. */
  static Lease delayed(long deliverAtMs) {
    return new Lease(DELAYED_EPOCH, deliverAtMs, 0);
  }

  /** A FIFO message waiting behind an older one of its key: never visible by time, released by its key's head. */
  static Lease held() {
    return new Lease(DELAYED_EPOCH, Long.MAX_VALUE, 0);
  }

  /** True for every lease no receipt can settle: a delayed, or held, message never delivered yet. */
  boolean isDelayed() {
    return epoch == DELAYED_EPOCH;
  }

  /** The same lease, visible again at {@code visibleAtMs}. */
  Lease visibleAt(long visibleAtMs) {
    return new Lease(epoch, visibleAtMs, deliveries, lastReason, deliveredAtMs, nacked);
  }

  /** The same lease given back at {@code visibleAtMs}; a null {@code reason} keeps the previous one. */
  Lease nacked(long visibleAtMs, String reason) {
    return new Lease(epoch, visibleAtMs, deliveries, reason != null ? reason : lastReason, deliveredAtMs, true);
  }

  /**
   * 20 fixed bytes ({@code i64 epoch | i64 visibleAtMs | i32 deliveries}), then, only when something is set,
   * {@code u8 flags (1 nacked, 2 reason, 4 deliveredAt) | i64 deliveredAtMs if flagged | string reason if flagged}.
   */
  byte[] encode() {
    WireWriter w = new WireWriter(FIXED_BYTES).i64(epoch).i64(visibleAtMs).i32(deliveries);
    int flags = (nacked ? NACKED : 0) | (lastReason != null ? HAS_REASON : 0) | (deliveredAtMs != 0 ? HAS_DELIVERED_AT : 0);
    if (flags != 0) {
      w.u8(flags);
      if (deliveredAtMs != 0) {
        w.i64(deliveredAtMs);
      }
      if (lastReason != null) {
        w.string(lastReason);
      }
    }
    return w.toByteArray();
  }

  static Lease decode(byte[] v) {
    if (v.length < FIXED_BYTES) {
      throw new IllegalStateException("corrupt lease value of " + v.length + " bytes");
    }
    int deliveries = ((v[16] & 0xFF) << 24) | ((v[17] & 0xFF) << 16) | ((v[18] & 0xFF) << 8) | (v[19] & 0xFF);
    String reason = null;
    long deliveredAt = 0;
    int flags = 0;
    if (v.length > FIXED_BYTES) {
      try {
        WireReader r = new WireReader(java.util.Arrays.copyOfRange(v, FIXED_BYTES, v.length));
        flags = r.u8();
        if ((flags & HAS_DELIVERED_AT) != 0) {
          deliveredAt = r.i64();
        }
        if ((flags & HAS_REASON) != 0) {
          reason = r.requiredString("lease reason");
        }
        r.expectEnd();
      } catch (InvalidCommandException e) {
        throw new IllegalStateException("corrupt lease trailer: " + e.getMessage(), e);
      }
    }
    return new Lease(Bytes.readLongBE(v, 0), Bytes.readLongBE(v, 8), deliveries, reason, deliveredAt,
        (flags & NACKED) != 0);
  }
}
