package io.raftq.cli.bench;

import io.raftq.client.Consumer;
import io.raftq.client.SubscribeOptions;
import io.raftq.client.Subscription;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One consumer as a {@link Subscription} ({@code --subscribe}): every partition long-polled on its own, up to
 * {@code maxBatch} messages in flight, acks batched per partition. Arrivals are observed in the handler; acks
 * are counted from the subscription every {@value #TICK_MS} ms. Stops as {@link ConsumerWorker} does: at the end
 * of a duration-bounded run, when the {@link Budget} is consumed, when {@code stop} is set, or after the idle
 * timeout.
 */
final class SubscribeWorker implements Runnable {
  static final long TICK_MS = 5;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer consumer;
  private final ConsumerWorker.Plan plan;
  private final RunWindow window;
  private final BenchCounters counters;
  private final AtomicBoolean stop;

  SubscribeWorker(
      Consumer consumer, ConsumerWorker.Plan plan, RunWindow window, BenchCounters counters, AtomicBoolean stop) {
    this.consumer = consumer;
    this.plan = plan;
    this.window = window;
    this.counters = counters;
    this.stop = stop;
  }

  @Override
  public void run() {
    SubscribeOptions options = SubscribeOptions.defaults().withMaxInFlight(plan.maxBatch()).withHandlerThreads(2);
    Subscription subscription = consumer.subscribe(plan.queue(), plan.group(), d -> {
      ConsumerWorker.observe(d, System.nanoTime(), plan.runId(), window, counters);
      return null;
    }, options);
    long counted = 0;
    long lastProgressNs = System.nanoTime();
    try {
      while (!stop.get()) {
        long now = System.nanoTime();
        if (plan.stopsAtWindowEnd() && window.isOver(now)) {
          break;
        }
        long acked = subscription.acked();
        if (acked > counted) {
          countConsumed(acked - counted, now);
          counted = acked;
          lastProgressNs = now;
        } else if (plan.idleTimeout() != null && now - lastProgressNs >= plan.idleTimeout().toNanos()) {
          break;
        }
        if (plan.budget() != null && plan.budget().remaining() == 0) {
          break;
        }
        LockSupport.parkNanos(Duration.ofMillis(TICK_MS).toNanos());
      }
    } finally {
      subscription.close(CLOSE_TIMEOUT);
      countConsumed(subscription.acked() - counted, System.nanoTime());
    }
  }

  private void countConsumed(long count, long nowNs) {
    if (count <= 0) {
      return;
    }
    if (plan.budget() != null) {
      plan.budget().claim((int) Math.min(Integer.MAX_VALUE, count));
    }
    counters.consumed.record(nowNs, window.isMeasured(nowNs), count);
  }
}
