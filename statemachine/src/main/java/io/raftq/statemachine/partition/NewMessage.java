package io.raftq.statemachine.partition;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message to enqueue. {@code id} null means no deduplication and the stored id becomes the decimal offset;
 * {@code key} may be null. A positive {@code delayMs} keeps the message from every group until {@code delayMs}
 * of log time after the entry that stores it. {@code dedupId}, when not null, is what the dedup table remembers
 * instead of {@code id}: raftq's own moves (dead-lettering, redrive) keep a message's id but must not be mistaken
 * for a resend of it. The payload array is not copied: callers must not mutate it afterwards.
 */
public record NewMessage(
    String id, String key, List<MessageHeader> headers, byte[] payload, long delayMs, String dedupId) {
  public NewMessage {
    headers = List.copyOf(headers);
    Objects.requireNonNull(payload, "payload");
  }

  /** A message for delivery at once. */
  public NewMessage(String id, String key, List<MessageHeader> headers, byte[] payload) {
    this(id, key, headers, payload, 0, null);
  }

  public NewMessage(String id, String key, List<MessageHeader> headers, byte[] payload, long delayMs) {
    this(id, key, headers, payload, delayMs, null);
  }

  /** The id the dedup table keys this message by, or null when it is not deduplicated. */
  String dedupKey() {
    return dedupId != null ? dedupId : id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewMessage m
        && Objects.equals(id, m.id)
        && Objects.equals(key, m.key)
        && headers.equals(m.headers)
        && Arrays.equals(payload, m.payload)
        && delayMs == m.delayMs
        && Objects.equals(dedupId, m.dedupId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, key, headers, Arrays.hashCode(payload), delayMs, dedupId);
  }

  @Override
  public String toString() {
    return "NewMessage[id=" + id + ", key=" + key + ", headers=" + headers + ", payload=" + payload.length + "B"
        + (delayMs > 0 ? ", delayMs=" + delayMs : "") + (dedupId != null ? ", dedupId=" + dedupId : "") + "]";
  }
}
