package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;

/**
 * A pending (delivered, not acked) offset of one group: the epoch of its latest delivery, when it becomes
 * visible again, and how often it was delivered.
 */
record Lease(long epoch, long visibleAtMs, int deliveries) {
  /** Epochs of deliveries start at 1; 0 marks a message that was never delivered and waits for its delay. */
  static final long DELAYED_EPOCH = 0;

  /** A delayed message that becomes visible at {@code deliverAtMs}; no receipt matches it. */
  static Lease delayed(long deliverAtMs) {
    return new Lease(DELAYED_EPOCH, deliverAtMs, 0);
  }

  boolean isDelayed() {
    return epoch == DELAYED_EPOCH;
  }

  /** The same lease, visible again at {@code visibleAtMs}. */
  Lease visibleAt(long visibleAtMs) {
    return new Lease(epoch, visibleAtMs, deliveries);
  }

  byte[] encode() {
    return new WireWriter(20).i64(epoch).i64(visibleAtMs).i32(deliveries).toByteArray();
  }

  static Lease decode(byte[] v) {
    if (v.length != 20) {
      throw new IllegalStateException("corrupt lease value of " + v.length + " bytes");
    }
    int deliveries = ((v[16] & 0xFF) << 24) | ((v[17] & 0xFF) << 16) | ((v[18] & 0xFF) << 8) | (v[19] & 0xFF);
    return new Lease(Bytes.readLongBE(v, 0), Bytes.readLongBE(v, 8), deliveries);
  }
}
