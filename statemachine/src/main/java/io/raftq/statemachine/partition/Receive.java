package io.raftq.statemachine.partition;

import java.util.Objects;

/**
 * Leases up to {@code maxMessages} (capped at {@link PartitionLimits#MAX_RECEIVE_MESSAGES}) messages to
 * {@code group} for {@code visibilityMs}; registers the group on first use. With {@code maxReceives > 0} (the
 * queue has a dead-letter queue), a message already delivered that many times to the group is moved to the
 * partition's dead-letter outbox instead of being delivered again. With {@code fifo} (the queue is FIFO), a group
 * registered by this receive is a FIFO group: see {@link FifoIndex}; the flag is ignored for existing groups.
 * With {@code ackOnReceive} (at-most-once) the messages are done for the group in this same entry: no lease is
 * taken. With {@code consumerDedupWindowMs > 0}, a message whose id the group acked within that window is not
 * delivered again (it counts as acked). With {@code backoffBaseMs > 0} a lease that runs out makes the message
 * visible again only after the {@link RetryBackoff} of its delivery count. With {@code topic}, a group registered
 * by this receive does not hold messages back from deletion (a topic keeps them until its retention). With
 * {@code maxBytes > 0} the reply is bounded: messages are taken in order until the next one's
 * {@link DeliverySize} would bring the total above {@code maxBytes}; the first is always taken, whatever its size,
 * so a message larger than the bound can still be received (0: no byte bound, as in entries written before it
 * existed). Rejected unless {@code maxMessages >= 1}, {@code visibilityMs >= 0}, {@code maxReceives >= 0} and
 * {@code maxBytes >= 0}.
 */
public record Receive(String group, int maxMessages, long visibilityMs, int maxReceives, boolean fifo,
    boolean ackOnReceive, long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs, boolean topic,
    long maxBytes) implements PartitionCommand {
  public Receive {
    Objects.requireNonNull(group, "group");
  }

  /** A receive without a byte bound. */
  public Receive(String group, int maxMessages, long visibilityMs, int maxReceives, boolean fifo,
      boolean ackOnReceive, long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs, boolean topic) {
    this(group, maxMessages, visibilityMs, maxReceives, fifo, ackOnReceive, consumerDedupWindowMs, backoffBaseMs,
        backoffMaxMs, topic, 0);
  }

  /** A receive of a queue without dead-lettering. */
  public Receive(String group, int maxMessages, long visibilityMs) {
    this(group, maxMessages, visibilityMs, 0, false, false, 0, 0, 0, false);
  }

  public Receive(String group, int maxMessages, long visibilityMs, int maxReceives) {
    this(group, maxMessages, visibilityMs, maxReceives, false, false, 0, 0, 0, false);
  }

  public Receive(String group, int maxMessages, long visibilityMs, int maxReceives, boolean fifo) {
    this(group, maxMessages, visibilityMs, maxReceives, fifo, false, 0, 0, 0, false);
  }

  public Receive(String group, int maxMessages, long visibilityMs, int maxReceives, boolean fifo,
      boolean ackOnReceive, long consumerDedupWindowMs) {
    this(group, maxMessages, visibilityMs, maxReceives, fifo, ackOnReceive, consumerDedupWindowMs, 0, 0, false);
  }

  public Receive(String group, int maxMessages, long visibilityMs, int maxReceives, boolean fifo,
      boolean ackOnReceive, long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs) {
    this(group, maxMessages, visibilityMs, maxReceives, fifo, ackOnReceive, consumerDedupWindowMs, backoffBaseMs,
        backoffMaxMs, false);
  }

  /** This receive with its reply bounded to {@code bytes} (0: unbounded). */
  public Receive withMaxBytes(long bytes) {
    return new Receive(group, maxMessages, visibilityMs, maxReceives, fifo, ackOnReceive, consumerDedupWindowMs,
        backoffBaseMs, backoffMaxMs, topic, bytes);
  }

  /** No setting beyond those of the first layout (RECEIVE); {@code maxBytes} is told apart by its own layout. */
  boolean isPlain() {
    return maxReceives == 0 && !fifo && !ackOnReceive && consumerDedupWindowMs == 0 && backoffBaseMs == 0 && !topic;
  }
}
