package io.raftq.client.internal;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code Consumer.receive} call. Phase 1: non-waiting Receives to the partitions in turn from a rotating
 * start, until {@code max} messages are collected or every partition was asked. Phase 2 (only if phase 1 found
 * nothing and {@code wait > 0}): a waiting Receive to every partition at once, each for up to {@code max}; the
 * first non-empty answer completes the call and the other waits are cancelled (CancelWait). Messages that other
 * partitions delivered in the meantime are not returned: they are nacked at once (best effort) so they are
 * visible again immediately; if that nack is lost they reappear when their lease expires.
 */
final class ReceiveOperation {
  private final ClientCore core;
  private final String queue;
  private final String group;
  private final int maxMessages;
  private final long visibilityMs;
  private final Duration wait;
  private final int partitions;
  private final int start;
  private final CompletableFuture<List<Delivery>> result = new CompletableFuture<>();
  private final List<Delivery> collected = new ArrayList<>();

  ReceiveOperation(ClientCore core, String queue, String group, int maxMessages, long visibilityMs, Duration wait,
      int partitions, int start) {
    this.core = core;
    this.queue = queue;
    this.group = group;
    this.maxMessages = maxMessages;
    this.visibilityMs = visibilityMs;
    this.wait = wait;
    this.partitions = partitions;
    this.start = start;
  }

  CompletableFuture<List<Delivery>> run() {
    pollNext(0);
    return result;
  }

  /** Phase 1, sequential: each step knows how many messages are still wanted. */
  private void pollNext(int asked) {
    if (collected.size() >= maxMessages || asked == partitions) {
      if (!collected.isEmpty() || wait.isZero() || wait.isNegative()) {
        result.complete(List.copyOf(collected));
      } else {
        waitOnAll();
      }
      return;
    }
    int partition = (start + asked) % partitions;
    receive(partition, maxMessages - collected.size(), 0).result().whenComplete((deliveries, t) -> {
      if (t != null) {
        result.completeExceptionally(ProducerImpl.unwrap(t));
        return;
      }
      collected.addAll(deliveries);
      pollNext(asked + 1);
    });
  }

  private RetryingCall<List<Delivery>> receive(int partition, int max, long waitMs) {
    long deadlineNanos = System.nanoTime() + waitMs * 1_000_000;
    // A retried waiting Receive only waits for what is left of the caller's wait.
    return core.call(new Route.PartitionLeader(queue, partition),
        () -> new Request.Receive(queue, partition, group, max, visibilityMs,
            Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000)),
        Duration.ofMillis(waitMs), r -> Responses.expect(r, Response.Received.class).deliveries());
  }

  /** Phase 2. */
  private void waitOnAll() {
    List<RetryingCall<List<Delivery>>> waits = new ArrayList<>();
    AtomicInteger remaining = new AtomicInteger(partitions);
    for (int i = 0; i < partitions; i++) {
      waits.add(receive((start + i) % partitions, maxMessages, wait.toMillis()));
    }
    for (RetryingCall<List<Delivery>> w : waits) {
      w.result().whenComplete((deliveries, t) -> {
        boolean isFirst;
        if (t != null) {
          isFirst = result.completeExceptionally(ProducerImpl.unwrap(t));
        } else if (!deliveries.isEmpty()) {
          isFirst = result.complete(deliveries);
          if (!isFirst) {
            releaseLate(deliveries);
          }
        } else {
          isFirst = remaining.decrementAndGet() == 0 && result.complete(List.of());
        }
        if (isFirst) {
          cancelOthers(waits, w);
        }
      });
    }
  }

  private void cancelOthers(List<RetryingCall<List<Delivery>>> waits, RetryingCall<List<Delivery>> done) {
    for (RetryingCall<List<Delivery>> other : waits) {
      if (other != done) {
        other.cancel((connection, requestId) -> connection.send(new Request.CancelWait(requestId)));
      }
    }
  }

  private void releaseLate(List<Delivery> late) {
    int partition = late.get(0).partition();
    List<Receipt> receipts = late.stream().map(Delivery::receipt).toList();
    core.call(new Route.PartitionLeader(queue, partition), new Request.Nack(queue, partition, group, 0, receipts),
        r -> r);
  }
}
