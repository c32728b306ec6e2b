package io.raftq.client;

import io.raftq.protocol.QueueSettings;
import java.time.Duration;

/**
 * Settings of a new queue. {@code delay} holds back every message sent without its own delay. With
 * {@code maxReceives > 0}, a message delivered that many times to a group without an ack moves to
 * {@code deadLetterQueue}, which must exist (set both or neither). A {@code fifo} queue delivers the messages of
 * one key in order, one at a time per consumer group (every message needs a key). Each group remembers the ids
 * it acked for {@code consumerDedupWindow} (null: the cluster default, 5 minutes; zero: not at all) and is not
 * handed a message with such an id again. With a {@code retryBackoff}, a message whose delivery failed (nacked,
 * or its lease ran out) stays invisible for {@code retryBackoff * 2^(deliveries-1)}, at most {@code
 * retryBackoffMax}, ±20%. {@code replicationFactor} is how many nodes hold each partition: 1, 3 or 5 (0: the
 * cluster default, 3, or every node when there are fewer).
 */
public record QueueOptions(
    Duration visibilityTimeout,
    Duration dedupWindow,
    Duration delay,
    int maxReceives,
    String deadLetterQueue,
    boolean fifo,
    Duration consumerDedupWindow,
    Duration retryBackoff,
    Duration retryBackoffMax,
    int replicationFactor) {
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_CONSUMER_DEDUP_WINDOW = Duration.ofMinutes(5);

  public QueueOptions {
    delay = delay == null ? Duration.ZERO : delay;
    retryBackoff = retryBackoff == null ? Duration.ZERO : retryBackoff;
    retryBackoffMax = retryBackoffMax == null ? Duration.ZERO : retryBackoffMax;
  }

  public QueueOptions(Duration visibilityTimeout, Duration dedupWindow, Duration delay, int maxReceives,
      String deadLetterQueue, boolean fifo, Duration consumerDedupWindow, Duration retryBackoff,
      Duration retryBackoffMax) {
    this(visibilityTimeout, dedupWindow, delay, maxReceives, deadLetterQueue, fifo, consumerDedupWindow, retryBackoff,
        retryBackoffMax, 0);
  }

  public QueueOptions(Duration visibilityTimeout, Duration dedupWindow) {
    this(visibilityTimeout, dedupWindow, Duration.ZERO, 0, null, false, null, Duration.ZERO, Duration.ZERO);
  }

  public static QueueOptions defaults() {
    return new QueueOptions(DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_DEDUP_WINDOW);
  }

  public QueueOptions withDelay(Duration d) {
    return new QueueOptions(visibilityTimeout, dedupWindow, d, maxReceives, deadLetterQueue, fifo, consumerDedupWindow, retryBackoff,
        retryBackoffMax, replicationFactor);
  }

  /** Messages delivered {@code max} times to a group without an ack move to {@code queue}. */
  public QueueOptions withDeadLetter(String queue, int max) {
    return new QueueOptions(visibilityTimeout, dedupWindow, delay, max, queue, fifo, consumerDedupWindow, retryBackoff,
        retryBackoffMax, replicationFactor);
  }

  /** Messages of one key are delivered in order, one at a time per group. */
  public QueueOptions withFifo() {
    return new QueueOptions(visibilityTimeout, dedupWindow, delay, maxReceives, deadLetterQueue, true, consumerDedupWindow, retryBackoff,
        retryBackoffMax, replicationFactor);
  }

  /** How long each group remembers the ids it acked (zero: not at all). */
  public QueueOptions withConsumerDedupWindow(Duration window) {
    return new QueueOptions(visibilityTimeout, dedupWindow, delay, maxReceives, deadLetterQueue, fifo, window, retryBackoff,
        retryBackoffMax, replicationFactor);
  }

  /** Failed deliveries back off exponentially from {@code base} up to {@code max} (±20% jitter). */
  public QueueOptions withRetryBackoff(Duration base, Duration max) {
    return new QueueOptions(visibilityTimeout, dedupWindow, delay, maxReceives, deadLetterQueue, fifo,
        consumerDedupWindow, base, max, replicationFactor);
  }

  /** Each partition on {@code n} nodes: 1, 3 or 5. */
  public QueueOptions withReplicationFactor(int n) {
    return new QueueOptions(visibilityTimeout, dedupWindow, delay, maxReceives, deadLetterQueue, fifo,
        consumerDedupWindow, retryBackoff, retryBackoffMax, n);
  }

  /** The wire form of the optional settings. */
  public QueueSettings settings() {
    return new QueueSettings(delay.toMillis(), maxReceives, deadLetterQueue, fifo,
        consumerDedupWindow == null ? QueueSettings.DEFAULT_WINDOW : consumerDedupWindow.toMillis(),
        retryBackoff.toMillis(), retryBackoffMax.toMillis(), false, 0, 0, null, replicationFactor);
  }
}
