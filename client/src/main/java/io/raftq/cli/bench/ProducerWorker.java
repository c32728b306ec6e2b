package io.raftq.cli.bench;

import io.raftq.cli.CliErrors;
import io.raftq.client.Producer;
import io.raftq.client.SendResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One producer: sends asynchronously with at most {@code inFlight} unconfirmed messages (a semaphore), either
 * as fast as the window allows or at a fixed rate. Latency runs from the moment the message was due (the
 * schedule with a rate, the send call without) to its confirmation, so a stalled producer is charged for it.
 */
final class ProducerWorker implements Runnable {
  /** How long the final drain waits for outstanding confirmations (beyond the client's delivery timeout). */
  static final long DRAIN_TIMEOUT_SECONDS = 60;

  /**
   * {@code quota}: messages to send ({@code Long.MAX_VALUE} = until the window ends); {@code ratePerSecond}: 0 =
   * unlimited; {@code runId}: stamp payloads with the scheduled time and this id, or 0 for plain payloads.
   */
  record Plan(String queue, long quota, long ratePerSecond, int inFlight, long runId) {}

  private final Producer producer;
  private final Plan plan;
  private final RunWindow window;
  private final BenchCounters counters;
  private final Payloads payloads;
  private final Semaphore permits;

  ProducerWorker(Producer producer, Plan plan, RunWindow window, BenchCounters counters, Payloads payloads) {
    this.producer = producer;
    this.plan = plan;
    this.window = window;
    this.counters = counters;
    this.payloads = payloads;
    this.permits = new Semaphore(plan.inFlight());
  }

  @Override
  public void run() {
    Pacer pacer = plan.ratePerSecond() > 0 ? new Pacer(window.startNs(), plan.ratePerSecond()) : null;
    for (long n = 0; n < plan.quota(); n++) {
      long dueNs = pacer == null ? System.nanoTime() : pacer.scheduledAt(n);
      if (window.isOver(dueNs)) {
        break;
      }
      if (pacer != null) {
        Pacer.sleepUntil(dueNs);
      }
      if (!acquirePermit()) {
        break;
      }
      sendOne(n, pacer == null ? System.nanoTime() : dueNs);
    }
    drain();
  }

  private void sendOne(long n, long dueNs) {
    byte[] payload = plan.runId() == 0 ? payloads.pooled(n) : payloads.stamped(n, dueNs, plan.runId());
    counters.sent.increment();
    if (window.isMeasured(dueNs)) {
      counters.sentMeasured.increment();
    }
    CompletableFuture<SendResult> result;
    try {
      result = producer.send(plan.queue(), null, payload, null);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete((r, failure) -> onConfirm(dueNs, failure));
  }

  private void onConfirm(long dueNs, Throwable failure) {
    long now = System.nanoTime();
    if (failure == null) {
      counters.confirmed.record(now, window.isMeasured(now));
      if (window.isMeasured(dueNs)) {
        counters.confirmLatencyNs.recordValue(Math.max(1, now - dueNs));
      }
    } else {
      counters.fail(1, "send: " + CliErrors.describe(failure));
    }
    permits.release(); // last: drain() must see every recorded confirmation
  }

  /** Waits for a window slot; false once a duration-bounded run has ended meanwhile. */
  private boolean acquirePermit() {
    try {
      while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        if (window.isOver(System.nanoTime())) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void drain() {
    try {
      if (!permits.tryAcquire(plan.inFlight(), DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        counters.fail(plan.inFlight() - permits.availablePermits(), "send: no confirmation within the drain timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
