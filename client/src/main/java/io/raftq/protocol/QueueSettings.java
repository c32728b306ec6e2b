package io.raftq.protocol;

/**
 * The optional settings of a queue. {@code defaultDelayMs} delays every message sent without its own delay;
 * with {@code maxReceives > 0}, a message delivered that many times to a group without an ack is moved to
 * {@code deadLetterQueue} (both or neither are set).
 */
public record QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue) {
  public static final QueueSettings NONE = new QueueSettings(0, 0, null);

  public boolean hasDeadLetterQueue() {
    return deadLetterQueue != null;
  }
}
