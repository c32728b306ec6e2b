package io.raftq.client;

import java.time.Duration;

/** Settings of a new queue. */
public record QueueOptions(Duration visibilityTimeout, Duration dedupWindow) {
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(5);

  public static QueueOptions defaults() {
    return new QueueOptions(DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_DEDUP_WINDOW);
  }
}
