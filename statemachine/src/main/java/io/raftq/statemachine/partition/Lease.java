package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;

/**
 * A pending (delivered, not acked) offset of one group: the epoch of its latest delivery, when it becomes
 * visible again, how often it was delivered, and the reason of its last nack (null if none was given).
 */
record Lease(long epoch, long visibleAtMs, int deliveries, String lastReason) {
  /** Epochs of deliveries start at 1; 0 marks a message that was never delivered and waits for its delay. */
  static final long DELAYED_EPOCH = 0;
  private static final int FIXED_BYTES = 20;

  Lease(long epoch, long visibleAtMs, int deliveries) {
    this(epoch, visibleAtMs, deliveries, null);
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
    return new Lease(epoch, visibleAtMs, deliveries, lastReason);
  }

  /** The same lease given back at {@code visibleAtMs}; a null {@code reason} keeps the previous one. */
  Lease nacked(long visibleAtMs, String reason) {
    return new Lease(epoch, visibleAtMs, deliveries, reason != null ? reason : lastReason);
  }

  /** 20 fixed bytes, then the reason as a codec string only when there is one (older values have none). */
  byte[] encode() {
    WireWriter w = new WireWriter(FIXED_BYTES).i64(epoch).i64(visibleAtMs).i32(deliveries);
    if (lastReason != null) {
      w.string(lastReason);
    }
    return w.toByteArray();
  }

  static Lease decode(byte[] v) {
    if (v.length < FIXED_BYTES) {
      throw new IllegalStateException("corrupt lease value of " + v.length + " bytes");
    }
    int deliveries = ((v[16] & 0xFF) << 24) | ((v[17] & 0xFF) << 16) | ((v[18] & 0xFF) << 8) | (v[19] & 0xFF);
    String reason = null;
    if (v.length > FIXED_BYTES) {
      try {
        WireReader r = new WireReader(java.util.Arrays.copyOfRange(v, FIXED_BYTES, v.length));
        reason = r.requiredString("lease reason");
        r.expectEnd();
      } catch (InvalidCommandException e) {
        throw new IllegalStateException("corrupt lease reason: " + e.getMessage(), e);
      }
    }
    return new Lease(Bytes.readLongBE(v, 0), Bytes.readLongBE(v, 8), deliveries, reason);
  }
}
