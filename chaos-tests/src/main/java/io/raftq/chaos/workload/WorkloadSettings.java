package io.raftq.chaos.workload;

import java.time.Duration;

/**
 * The queue workload's shape (CHAOS-PLAN W1 + W4): unique payloads, some keyed, some with explicit producer message
 * ids that are deliberately resent; consumers ack most deliveries, nack some and abandon some to the visibility
 * timeout. The FIFO variant adds dead letters, FIFO keys and a stream group.
 *
 * <p>Load: {@code producers} workers each have one send outstanding at a time (Jepsen's one op per process), so
 * they are the producers' concurrency; together they aim at {@code targetSendsPerSecond} (0: each sends again as
 * soon as its last send completed, as fast as the cluster answers).
 */
public record WorkloadSettings(
    String queue,
    int partitions,
    String group,
    int producers,
    int consumers,
    int targetSendsPerSecond,
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

  public WorkloadSettings {
    if (producers < 1 || consumers < 1 || targetSendsPerSecond < 0) {
      throw new IllegalArgumentException("need producers and consumers >= 1 and a target rate >= 0 (0: unthrottled)");
    }
  }

  /**
   * The standard mix for 3 nodes on 2 cores: 4 producers aiming at 160 sends/s together; latency bounds them to
   * about 40-60 sends/s on the 2-core test machine.
   */
  public static WorkloadSettings standard() {
    return new WorkloadSettings("chaos", 4, "g", 4, 4, 160, Duration.ofSeconds(5), 0.3, 0.05, 0.1, 0.1, 8, false,
        false, Duration.ofMinutes(5));
  }

  /**
   * The semantics workload: a FIFO queue (every message keyed, 64 keys) with a dead-letter queue after
   * {@link #MAX_RECEIVES} deliveries; about 4% of messages are poison (always nacked, so they end in the
   * dead-letter queue); a stream group reads the same queue and commits offsets. Producer dedup is off, so resends
   * are stored twice and the consumer dedup table must keep an acked id from being delivered again.
   */
  public static WorkloadSettings fifoDeadLetter() {
    return new WorkloadSettings("chaos-fifo", 4, "g", 4, 4, 80, Duration.ofSeconds(3), 0.3, 0.05, 0.1, 0.05, 64,
        true, true, Duration.ZERO);
  }

  /**
   * This workload with {@code producers} producer workers aiming at {@code targetSendsPerSecond} together (0: as
   * fast as they go) and {@code consumers} consumer workers.
   */
  public WorkloadSettings withLoad(int producers, int consumers, int targetSendsPerSecond) {
    return new WorkloadSettings(queue, partitions, group, producers, consumers, targetSendsPerSecond, visibility,
        explicitIdShare, resendShare, nackShare, abandonShare, keys, fifoWithDeadLetters, streamReader, dedupWindow);
  }

  /** How long each producer waits between the starts of its sends to meet the target rate; 0 when unthrottled. */
  public long sendIntervalNanos() {
    return targetSendsPerSecond <= 0 ? 0 : java.util.concurrent.TimeUnit.SECONDS.toNanos(producers)
        / targetSendsPerSecond;
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
