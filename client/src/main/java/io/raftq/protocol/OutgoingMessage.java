package io.raftq.protocol;

import java.util.List;

/**
 * A message as a producer sends it. {@code id} is the producer message id used for deduplication (the client
 * library generates one when the user gives none); {@code key} may be null. A positive {@code delayMs} keeps the
 * message from every consumer group until that long after the partition stored it (the partition's log time).
 * {@code dedupId} (usually null) deduplicates by another token than the id: raftq's own moves between queues
 * (dead-lettering, redrive) keep a message's id but must not be taken for a resend of it.
 */
public record OutgoingMessage(
    String id, String key, List<Header> headers, byte[] payload, long delayMs, String dedupId) {
  public OutgoingMessage {
    headers = headers == null ? List.of() : List.copyOf(headers);
    payload = payload == null ? new byte[0] : payload;
  }

  /** A message for delivery at once. */
  public OutgoingMessage(String id, String key, List<Header> headers, byte[] payload) {
    this(id, key, headers, payload, 0, null);
  }

  public OutgoingMessage(String id, String key, List<Header> headers, byte[] payload, long delayMs) {
    this(id, key, headers, payload, delayMs, null);
  }

  /** The id the partition deduplicates this message by: the dedup id when there is one, else the id. */
  public String dedupKey() {
    return dedupId != null ? dedupId : id;
  }

  /** The same message under another id (the client library fills in generated ids). */
  public OutgoingMessage withId(String newId) {
    return new OutgoingMessage(newId, key, headers, payload, delayMs, dedupId);
  }
}
