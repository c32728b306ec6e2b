package io.raftq.client.internal;

import io.raftq.client.RaftqException;
import io.raftq.client.SendResult;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.SendOutcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches sends to one partition. Whenever fewer than {@code maxInFlight} Send frames are outstanding, everything
 * accumulated (up to {@code maxBatchBytes}, at least one message) leaves as one frame; under load the batches grow
 * by themselves, with no linger timer. A frame is retried as a whole with the same message ids, so the server's
 * dedup keeps one copy. Order: frames leave in append order, but with {@code maxInFlight > 1} a retried frame can
 * land after a later one; use {@code maxInFlightPerPartition = 1} for strict per-key order under failures.
 */
final class PartitionAccumulator {
  private static final int FRAME_OVERHEAD_BYTES = 64;

  private final ClientCore core;
  private final String queue;
  private final int partition;
  private final ArrayDeque<PendingMessage> waiting = new ArrayDeque<>();
  private int inFlight;

  PartitionAccumulator(ClientCore core, String queue, int partition) {
    this.core = core;
    this.queue = queue;
    this.partition = partition;
  }

  void append(PendingMessage m) {
    List<List<PendingMessage>> ready;
    synchronized (this) {
      waiting.addLast(m);
      ready = takeBatches();
    }
    ready.forEach(this::sendBatch);
  }

  /** Called with the lock held; the batches are sent after releasing it. */
  private List<List<PendingMessage>> takeBatches() {
    List<List<PendingMessage>> ready = new ArrayList<>();
    int max = Math.max(1, core.config().maxInFlightPerPartition());
    while (inFlight < max && !waiting.isEmpty()) {
      ready.add(takeOneBatch());
      inFlight++;
    }
    return ready;
  }

  private List<PendingMessage> takeOneBatch() {
    List<PendingMessage> batch = new ArrayList<>();
    long bytes = FRAME_OVERHEAD_BYTES;
    while (!waiting.isEmpty()) {
      PendingMessage next = waiting.peekFirst();
      boolean fits = bytes + next.wireBytes() <= core.config().maxBatchBytes();
      if (!batch.isEmpty() && (!fits || next.isSolo() || batch.get(0).isSolo())) {
        break;
      }
      batch.add(waiting.pollFirst());
      bytes += next.wireBytes();
    }
    return batch;
  }

  private void sendBatch(List<PendingMessage> batch) {
    List<OutgoingMessage> messages = batch.stream().map(PendingMessage::message).toList();
    Request.Send send = new Request.Send(queue, partition, messages);
    core.call(new Route.PartitionLeader(queue, partition), () -> send, Duration.ZERO,
            r -> Responses.expect(r, Response.Sent.class).outcomes())
        .result()
        .whenComplete((outcomes, t) -> {
          if (t != null) {
            failOrSplit(batch, t);
          } else {
            complete(batch, outcomes);
          }
          List<List<PendingMessage>> ready;
          synchronized (this) {
            inFlight--;
            ready = takeBatches();
          }
          ready.forEach(this::sendBatch);
        });
  }

  private void complete(List<PendingMessage> batch, List<SendOutcome> outcomes) {
    if (outcomes.size() != batch.size()) {
      RaftqException e = new RaftqException(ErrorCode.UNKNOWN,
          "Sent has " + outcomes.size() + " outcomes for " + batch.size() + " messages");
      batch.forEach(m -> m.future().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      SendOutcome o = outcomes.get(i);
      batch.get(i).future().complete(new SendResult(o.id(), partition, o.offset(), o.duplicate()));
    }
  }

  /** A too-large batch is split so only the offending message fails; other failures fail the whole batch. */
  private void failOrSplit(List<PendingMessage> batch, Throwable t) {
    boolean isTooLarge = t instanceof RaftqException e
        && (e.code() == ErrorCode.MESSAGE_TOO_LARGE || e.code() == ErrorCode.FRAME_TOO_LARGE);
    if (isTooLarge && batch.size() > 1) {
      synchronized (this) {
        for (int i = batch.size() - 1; i >= 0; i--) {
          waiting.addFirst(batch.get(i).solo());
        }
      }
      return;
    }
    batch.forEach(m -> m.future().completeExceptionally(t));
  }
}
