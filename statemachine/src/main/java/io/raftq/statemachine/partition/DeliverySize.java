package io.raftq.statemachine.partition;

/**
 * What one delivered message counts against a {@link Receive}'s byte bound: the bytes of its {@code Delivery} in
 * a client's {@code Received} answer (protocol version 4), so a bound below a frame's size keeps the answer in one
 * frame:
 *
 * <pre>
 *   id + key + payload + sum over headers of (name + value)     UTF-8 or raw bytes
 *   + 8 per header                                                 two string lengths
 *   + 60                                                           lengths of id, key, header list and payload,
 *                                                                  partition, offset, receipt, deliveries, time
 * </pre>
 *
 * Frozen: it decides which messages a bounded RECEIVE leases, so a replayed entry must count the same. It is
 * computed from the message record apply reads anyway to deliver it, never from an extra read.
 */
public final class DeliverySize {
  /** Bytes of a delivery beyond its strings and payload. */
  static final int FIXED_BYTES = 60;
  /** Bytes of a header beyond its name and value. */
  static final int PER_HEADER_BYTES = 8;

  private DeliverySize() {}

  /** The bytes {@code m} counts against a byte bound. */
  public static long of(LeasedMessage m) {
    long bytes = FIXED_BYTES + utf8(m.id()) + utf8(m.key()) + m.payload().length;
    for (MessageHeader h : m.headers()) {
      bytes += PER_HEADER_BYTES + utf8(h.name()) + utf8(h.value());
    }
    return bytes;
  }

  private static int utf8(String s) {
    // Stored strings are valid UTF-8 (the codec refuses anything else), so the length is never -1 here.
    return s == null ? 0 : PartitionLogic.utf8Length(s);
  }
}
