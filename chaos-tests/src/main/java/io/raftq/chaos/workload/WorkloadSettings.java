package io.raftq.chaos.workload;

import java.time.Duration;

/**
 * The queue workload's shape (CHAOS-PLAN W1 + W4): unique payloads, some keyed, some with explicit producer message
 * ids that are deliberately resent; consumers ack most deliveries, nack some and abandon some to the visibility
 * timeout. The FIFO variant adds dead letters, FIFO keys and a stream group.
 */
public record WorkloadSettings(
    String queue,
    int partitions,
    String group,
    int producers,
    int consumers,
    int sendsPerSecondPerProducer,
    Duration visibility,
    double explicitIdShare,
    double resendShare,
    double nackShare,
    double abandonShare,
    int keys,
    boolean fifoWithDeadLetters,
    boolean streamReader,
    Duration dedupWindow) {
  /** Deliveries after which a message of the FIFO workload is dead-lettered. */
  public static final int MAX_RECEIVES = 3;

  /** The standard mix for 3 nodes on 2 cores: about 400 client ops/s. */
  public static WorkloadSettings standard() {
    return new WorkloadSettings("chaos", 4, "g", 4, 4, 40, Duration.ofSeconds(5), 0.3, 0.05, 0.1, 0.1, 8, false,
        false, Duration.ofMinutes(5));
  }

  /**
   * The semantics workload: a FIFO queue (every message keyed, 64 keys) with a dead-letter queue after
   * {@link #MAX_RECEIVES} deliveries; about 4% of messages are poison (always nacked, so they end in the
   * dead-letter queue); a stream group reads the same queue and commits offsets. Producer dedup is off, so resends
   * are stored twice and the consumer dedup table must keep an acked id from being delivered again.
   */
  public static WorkloadSettings fifoDeadLetter() {
    return new WorkloadSettings("chaos-fifo", 4, "g", 4, 4, 20, Duration.ofSeconds(3), 0.3, 0.05, 0.1, 0.05, 64,
        true, true, Duration.ZERO);
  }

  /** The dead-letter queue of {@link #queue}. */
  public String deadLetterQueue() {
    return queue + "-dlq";
  }

  /** Whether consumers always nack {@code msg} (the FIFO workload's poison messages). */
  public boolean isPoison(String msg) {
    return fifoWithDeadLetters && Math.floorMod(msg.hashCode(), 25) == 0;
  }
}
