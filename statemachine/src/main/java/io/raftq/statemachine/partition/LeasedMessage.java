package io.raftq.statemachine.partition;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A delivered message. {@code (offset, epoch)} is its receipt; {@code deliveries} counts deliveries to this group
 * including this one. The payload array is not copied.
 */
public record LeasedMessage(
    String id,
    long offset,
    String key,
    List<MessageHeader> headers,
    byte[] payload,
    long epoch,
    int deliveries,
    long enqueuedAtMs) {
  public LeasedMessage {
    Objects.requireNonNull(id, "id");
    headers = List.copyOf(headers);
    Objects.requireNonNull(payload, "payload");
  }

  /** The receipt to ack, nack or change visibility with. */
  public LeaseRef receipt() {
    return new LeaseRef(offset, epoch);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LeasedMessage m
        && id.equals(m.id)
        && offset == m.offset
        && Objects.equals(key, m.key)
        && headers.equals(m.headers)
        && Arrays.equals(payload, m.payload)
        && epoch == m.epoch
        && deliveries == m.deliveries
        && enqueuedAtMs == m.enqueuedAtMs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, offset, key, headers, Arrays.hashCode(payload), epoch, deliveries, enqueuedAtMs);
  }

  @Override
  public String toString() {
    return "LeasedMessage[id=" + id + ", offset=" + offset + ", key=" + key + ", headers=" + headers
        + ", payload=" + payload.length + "B, epoch=" + epoch + ", deliveries=" + deliveries
        + ", enqueuedAtMs=" + enqueuedAtMs + "]";
  }
}
