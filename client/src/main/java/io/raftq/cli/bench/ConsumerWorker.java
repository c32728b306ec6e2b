package io.raftq.cli.bench;

import io.raftq.cli.CliErrors;
import io.raftq.client.Consumer;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One consumer: long-polls batches of up to {@code maxBatch}, then acks each batch. The ack of one batch is in
 * flight while the next batch is received (at most one ack outstanding), as a real consumer would overlap them.
 * A message counts as consumed when its ack succeeds. Stops at the end of a duration-bounded run, when the
 * shared {@link Budget} is spent, when {@code stop} is set, or after {@code idleTimeout} without messages.
 * End-to-end latency is taken when the batch arrives, before it is acked.
 */
final class ConsumerWorker implements Runnable {
  /** How long one receive waits on the server for messages; bounds how late a stop is noticed. */
  static final Duration POLL_WAIT = Duration.ofSeconds(1);

  /**
   * {@code budget}: null = no count bound; {@code idleTimeout}: null = never stop for lack of messages;
   * {@code runId}: measure end-to-end latency of payloads stamped with this id, 0 = don't;
   * {@code stopsAtWindowEnd}: false when the caller drains in-flight messages after the window and sets stop.
   */
  record Plan(
      String queue,
      String group,
      int maxBatch,
      Budget budget,
      Duration idleTimeout,
      long runId,
      boolean stopsAtWindowEnd) {}

  private final Consumer consumer;
  private final Plan plan;
  private final RunWindow window;
  private final BenchCounters counters;
  private final AtomicBoolean stop;

  ConsumerWorker(
      Consumer consumer,
      Plan plan,
      RunWindow window,
      BenchCounters counters,
      AtomicBoolean stop) {
    this.consumer = consumer;
    this.plan = plan;
    this.window = window;
    this.counters = counters;
    this.stop = stop;
  }

  @Override
  public void run() {
    CompletableFuture<Void> pendingAck = CompletableFuture.completedFuture(null);
    long lastMessageNs = System.nanoTime();
    try {
      while (!stop.get() && !(plan.stopsAtWindowEnd() && window.isOver(System.nanoTime()))) {
        int want = plan.budget() == null ? plan.maxBatch() : plan.budget().claim(plan.maxBatch());
        if (want == 0) {
          break;
        }
        List<Delivery> batch = receive(want);
        if (plan.budget() != null) {
          plan.budget().giveBack(want - batch.size());
        }
        long now = System.nanoTime();
        if (batch.isEmpty()) {
          if (isIdleFor(now - lastMessageNs)) {
            break;
          }
          continue;
        }
        lastMessageNs = now;
        observe(batch, now);
        pendingAck.join(); // at most one ack in flight
        pendingAck = ack(batch);
      }
    } finally {
      pendingAck.join();
    }
  }

  private boolean isIdleFor(long idleNs) {
    return plan.idleTimeout() != null && idleNs >= plan.idleTimeout().toNanos();
  }

  /** A batch, or an empty one after a failure the client already retried (counted, then back off briefly). */
  private List<Delivery> receive(int want) {
    try {
      return consumer.receive(plan.queue(), plan.group(), want, null, POLL_WAIT).join();
    } catch (RuntimeException e) {
      ErrorCode code = CliErrors.code(e);
      if (code == null || !code.isRetriable()) {
        throw e; // e.g. QUEUE_NOT_FOUND: every further poll would fail the same way
      }
      counters.fail(1, "receive: " + CliErrors.describe(e));
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      return List.of();
    }
  }

  private void observe(List<Delivery> batch, long nowNs) {
    for (Delivery d : batch) {
      observe(d, nowNs, plan.runId(), window, counters);
    }
  }

  /** Counts one arrival, and its end-to-end latency when it is a first delivery stamped by run {@code runId}. */
  static void observe(Delivery d, long nowNs, long runId, RunWindow window, BenchCounters counters) {
    counters.received.increment();
    counters.receivedBytes.add(d.payload() == null ? 0 : d.payload().length);
    if (runId == 0) {
      return;
    }
    if (d.deliveries() > 1) {
      counters.redelivered.increment(); // its first delivery was measured already (or lost with a lease)
      return;
    }
    long scheduledNs = Payloads.scheduledNs(d.payload(), runId);
    if (scheduledNs < 0) {
      counters.foreign.increment();
      return;
    }
    boolean measured = window.isMeasured(scheduledNs);
    counters.endToEnd.record(nowNs, measured);
    if (measured) {
      counters.endToEndLatencyNs.recordValue(Math.max(1, nowNs - scheduledNs));
    }
  }

  private CompletableFuture<Void> ack(List<Delivery> batch) {
    List<Receipt> receipts = batch.stream().map(Delivery::receipt).toList();
    CompletableFuture<List<ReceiptOutcome>> outcomes;
    try {
      outcomes = consumer.ack(plan.queue(), plan.group(), receipts);
    } catch (RuntimeException e) {
      outcomes = CompletableFuture.failedFuture(e);
    }
    return outcomes.handle((results, failure) -> {
      onAcked(receipts.size(), results, failure);
      return null;
    });
  }

  private void onAcked(int count, List<ReceiptOutcome> results, Throwable failure) {
    long now = System.nanoTime();
    if (failure != null) {
      counters.fail(count, "ack: " + CliErrors.describe(failure));
      return;
    }
    for (ReceiptOutcome outcome : results) {
      if (outcome == ReceiptOutcome.INVALID) {
        counters.ackInvalid.increment();
      } else {
        counters.consumed.record(now, window.isMeasured(now));
      }
    }
  }
}
