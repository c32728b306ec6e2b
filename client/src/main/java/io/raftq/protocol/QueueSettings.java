package io.raftq.protocol;

/**
 * The optional settings of a queue. {@code defaultDelayMs} delays every message sent without its own delay;
 * with {@code maxReceives > 0}, a message delivered that many times to a group without an ack is moved to
 * {@code deadLetterQueue} (both or neither are set). A {@code fifo} queue delivers the messages of one key in
 * order, one at a time per consumer group; every message needs a key.
 */
public record QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo) {
  public static final QueueSettings NONE = new QueueSettings(0, 0, null, false);

  public QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue) {
    this(defaultDelayMs, maxReceives, deadLetterQueue, false);
  }

  public boolean hasDeadLetterQueue() {
    return deadLetterQueue != null;
  }
}
