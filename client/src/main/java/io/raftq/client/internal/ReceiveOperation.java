package io.raftq.client.internal;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Limits;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code Consumer.receive} call: a Receive to every partition at once, {@code max} split between them (so
 * the union never exceeds {@code max}; a rotating start decides which partitions get the remainder, and with fewer
 * messages wanted than partitions, which are asked this time). Each node answers at once when it has visible
 * messages and otherwise holds the request up to {@code wait}. As soon as one answer brings messages, the others
 * still waiting are cancelled (CancelWait), which makes them answer at once; the call completes when every
 * partition has answered, with everything delivered. So no lease is taken that the caller does not get, and a
 * receive costs one round trip, not one per partition. The byte bound is split the same way: the partitions asked
 * share {@code maxBytes} equally, so the union stays within it except that each partition delivers at least one
 * message whatever its size.
 */
final class ReceiveOperation {
  /** What one call may lease: {@code maxMessages} and {@code maxBytes} (deliveries as encoded) in all. */
  record Bounds(int maxMessages, int maxBytes) {
    Bounds withMaxBytes(int bytes) {
      return new Bounds(maxMessages, bytes);
    }
  }

  private final ClientCore core;
  private final String queue;
  private final String group;
  private final int maxMessages;
  private final int maxBytes;
  private final long visibilityMs;
  private final Duration wait;
  private final int partitions;
  private final int start;
  private final boolean ackOnReceive;
  private final CompletableFuture<List<Delivery>> result = new CompletableFuture<>();
  private final List<Delivery> collected = new ArrayList<>();
  private final List<RetryingCall<List<Delivery>>> calls = new ArrayList<>();
  private Throwable firstError;
  private int pending;
  private boolean isCancelling;

  ReceiveOperation(ClientCore core, String queue, String group, Bounds bounds, long visibilityMs, Duration wait,
      int partitions, int start, boolean ackOnReceive) {
    this.core = core;
    this.queue = queue;
    this.group = group;
    this.maxMessages = bounds.maxMessages();
    this.maxBytes = bounds.maxBytes();
    this.visibilityMs = visibilityMs;
    this.wait = wait;
    this.partitions = partitions;
    this.start = start;
    this.ackOnReceive = ackOnReceive;
  }

  CompletableFuture<List<Delivery>> run() {
    long waitMs = Math.max(0, wait.toMillis());
    int base = maxMessages / partitions;
    int extra = maxMessages % partitions;
    int bytes = wireMaxBytes(maxBytes, Math.min(maxMessages, partitions));
    synchronized (this) {
      for (int i = 0; i < partitions; i++) {
        int share = base + (i < extra ? 1 : 0);
        if (share > 0) {
          calls.add(receive((start + i) % partitions, share, bytes, waitMs));
        }
      }
      pending = calls.size();
    }
    for (RetryingCall<List<Delivery>> call : List.copyOf(calls)) {
      call.result().whenComplete((deliveries, t) -> onAnswer(call, deliveries, t));
    }
    return result;
  }

  /**
   * The byte bound each of {@code asked} partitions gets of {@code maxBytes}, as it travels: 0 (the node's own
   * bound, at most {@link Limits#MAX_RECEIVE_BYTES}) when the share is at least that, so such a receive stays a
   * plain Receive, which every node version understands.
   */
  static int wireMaxBytes(int maxBytes, int asked) {
    int share = Math.max(1, maxBytes / asked);
    return share >= Limits.MAX_RECEIVE_BYTES ? 0 : share;
  }

  private RetryingCall<List<Delivery>> receive(int partition, int max, int bytes, long waitMs) {
    long deadlineNanos = System.nanoTime() + waitMs * 1_000_000;
    // A retried waiting Receive only waits for what is left of the caller's wait.
    return core.call(new Route.PartitionLeader(queue, partition),
        () -> new Request.Receive(queue, partition, group, max, visibilityMs,
            isCancelling() ? 0 : Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000), ackOnReceive, bytes),
        Duration.ofMillis(waitMs), r -> Responses.expect(r, Response.Received.class).deliveries());
  }

  private synchronized boolean isCancelling() {
    return isCancelling;
  }

  private void onAnswer(RetryingCall<List<Delivery>> call, List<Delivery> deliveries, Throwable t) {
    boolean cancelNow = false;
    boolean done;
    synchronized (this) {
      if (t != null) {
        if (firstError == null) {
          firstError = ProducerImpl.unwrap(t);
        }
      } else if (!deliveries.isEmpty()) {
        collected.addAll(deliveries);
        cancelNow = !isCancelling;
        isCancelling = true;
      }
      done = --pending == 0;
    }
    if (cancelNow) {
      cancelOthers(call);
    }
    if (done) {
      finish();
    }
  }

  private void cancelOthers(RetryingCall<List<Delivery>> answered) {
    for (RetryingCall<List<Delivery>> other : calls) {
      if (other != answered && !other.result().isDone()) {
        other.cancel((connection, requestId) -> connection.send(new Request.CancelWait(requestId)));
      }
    }
  }

  private synchronized void finish() {
    // Messages leased to us are returned even if another partition failed: dropping them would only delay them.
    if (collected.isEmpty() && firstError != null && !isCancelledError(firstError)) {
      result.completeExceptionally(firstError);
    } else {
      result.complete(List.copyOf(collected));
    }
  }

  private static boolean isCancelledError(Throwable t) {
    return t.getMessage() != null && t.getMessage().endsWith("cancelled");
  }
}
