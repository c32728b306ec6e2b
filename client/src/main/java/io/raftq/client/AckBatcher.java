package io.raftq.client;

import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Acks of one consumer group, batched per partition: while an Ack request of a partition is on its way, the
 * acks that come in meanwhile wait and then leave together, as one request. So under load a partition's acks
 * cost a request (and a share of a Raft entry) per batch, not per message, with no linger delay at light load.
 */
final class AckBatcher {
  static final int MAX_BATCH = 1_000;

  private record Pending(Receipt receipt, byte[] result, CompletableFuture<ReceiptOutcome> outcome) {}

  /** One partition's acks: those waiting, and whether a request is on its way. */
  private static final class Lane {
    final List<Pending> waiting = new ArrayList<>();
    boolean sending;
  }

  private final Consumer consumer;
  private final String queue;
  private final String group;
  private final Map<Integer, Lane> lanes = new HashMap<>();

  AckBatcher(Consumer consumer, String queue, String group) {
    this.consumer = consumer;
    this.queue = queue;
    this.group = group;
  }

  /** Acks one message, storing {@code result} (may be null) with its id, as soon as its partition's turn comes. */
  CompletableFuture<ReceiptOutcome> ack(Receipt receipt, byte[] result) {
    Pending p = new Pending(receipt, result, new CompletableFuture<>());
    List<Pending> batch;
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(receipt.partition(), k -> new Lane());
      lane.waiting.add(p);
      batch = takeIfIdle(lane);
    }
    if (batch != null) {
      send(receipt.partition(), batch);
    }
    return p.outcome();
  }

  /** The next batch of {@code lane} if nothing of it is on its way (then it is), else null. Lock held. */
  private static List<Pending> takeIfIdle(Lane lane) {
    if (lane.sending || lane.waiting.isEmpty()) {
      return null;
    }
    int n = Math.min(MAX_BATCH, lane.waiting.size());
    List<Pending> batch = new ArrayList<>(lane.waiting.subList(0, n));
    lane.waiting.subList(0, n).clear();
    lane.sending = true;
    return batch;
  }

  private void send(int partition, List<Pending> batch) {
    List<Receipt> receipts = batch.stream().map(Pending::receipt).toList();
    boolean withResults = batch.stream().anyMatch(p -> p.result() != null);
    CompletableFuture<List<ReceiptOutcome>> sent;
    try {
      sent = withResults
          ? consumer.ack(queue, group, receipts, batch.stream().map(Pending::result).toList())
          : consumer.ack(queue, group, receipts);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((outcomes, failure) -> {
      for (int i = 0; i < batch.size(); i++) {
        if (failure != null) {
          batch.get(i).outcome().completeExceptionally(failure);
        } else {
          batch.get(i).outcome().complete(outcomes.get(i));
        }
      }
      List<Pending> next;
      synchronized (this) {
        Lane lane = lanes.get(partition);
        lane.sending = false;
        next = takeIfIdle(lane);
      }
      if (next != null) {
        send(partition, next);
      }
    });
  }
}
