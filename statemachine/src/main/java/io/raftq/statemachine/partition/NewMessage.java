package io.raftq.statemachine.partition;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message to enqueue. {@code id} null means no deduplication and the stored id becomes the decimal offset;
 * {@code key} may be null. A positive {@code delayMs} keeps the message from every group until {@code delayMs}
 * of log time after the entry that stores it. The payload array is not copied: callers must not mutate it
 * afterwards.
 */
public record NewMessage(String id, String key, List<MessageHeader> headers, byte[] payload, long delayMs) {
  public NewMessage {
    headers = List.copyOf(headers);
    Objects.requireNonNull(payload, "payload");
  }

  /** A message for delivery at once. */
  public NewMessage(String id, String key, List<MessageHeader> headers, byte[] payload) {
    this(id, key, headers, payload, 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewMessage m
        && Objects.equals(id, m.id)
        && Objects.equals(key, m.key)
        && headers.equals(m.headers)
        && Arrays.equals(payload, m.payload)
        && delayMs == m.delayMs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, key, headers, Arrays.hashCode(payload), delayMs);
  }

  @Override
  public String toString() {
    return "NewMessage[id=" + id + ", key=" + key + ", headers=" + headers + ", payload=" + payload.length + "B"
        + (delayMs > 0 ? ", delayMs=" + delayMs : "") + "]";
  }
}
