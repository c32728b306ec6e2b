package io.raftq.statemachine.partition;

import java.util.List;
import java.util.Objects;

/**
 * A message that one group received {@code deliveries} times without acking it, waiting in its partition's
 * outbox to be moved to the queue's dead-letter queue. {@code seq} numbers the partition's dead letters from 1;
 * the message itself ({@code message}, with the offset it had) is a copy, since the source may delete it once
 * every other group is done with it.
 */
public record DeadLetter(
    long seq, String group, int deliveries, String lastReason, long deadLetteredAtMs, LeasedMessage message) {
  public DeadLetter {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(message, "message");
  }

  /** The message's own headers. */
  public List<MessageHeader> headers() {
    return message.headers();
  }
}
