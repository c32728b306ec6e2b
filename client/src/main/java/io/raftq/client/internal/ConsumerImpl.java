package io.raftq.client.internal;

import io.raftq.client.Consumer;
import io.raftq.client.RaftqException;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Consumer}: receive fans out over partitions (see {@link ReceiveOperation}); settling groups receipts by
 * partition, sends one request per partition (concurrently) and returns the outcomes in the caller's order.
 */
public final class ConsumerImpl implements Consumer {
  /** The partition-specific request for one group of receipts. */
  private interface SettleRequest {
    /** {@code indexes}: where each of {@code receipts} stands in the caller's list. */
    Request build(int partition, List<Receipt> receipts, List<Integer> indexes);
  }

  private final ClientCore core;
  /** Starts at a random partition so that short-lived clients (one CLI call each) do not all favour partition 0. */
  private final AtomicInteger rotation = new AtomicInteger(java.util.concurrent.ThreadLocalRandom.current().nextInt());

  public ConsumerImpl(ClientCore core) {
    this.core = core;
  }

  @Override
  public CompletableFuture<List<Delivery>> receive(
      String queue, String group, int maxMessages, int maxBytes, Duration visibility, Duration wait) {
    return receive(queue, group, new ReceiveOperation.Bounds(maxMessages, maxBytes), visibility, wait, false);
  }

  private CompletableFuture<List<Delivery>> receive(
      String queue, String group, ReceiveOperation.Bounds bounds, Duration visibility, Duration wait,
      boolean ackOnReceive) {
    if (bounds.maxMessages() < 1) {
      return CompletableFuture.failedFuture(new RaftqException(ErrorCode.INVALID_REQUEST,
          "maxMessages (" + bounds.maxMessages() + ") must be >= 1"));
    }
    if (bounds.maxBytes() < 0) {
      return CompletableFuture.failedFuture(new RaftqException(ErrorCode.INVALID_REQUEST,
          "maxBytes (" + bounds.maxBytes() + ") must be >= 0 (0: the default)"));
    }
    ReceiveOperation.Bounds b = bounds.maxBytes() == 0 ? bounds.withMaxBytes(DEFAULT_MAX_BYTES) : bounds;
    long visibilityMs = visibility == null ? -1 : visibility.toMillis();
    Duration w = wait == null ? Duration.ZERO : wait;
    int turn = rotation.getAndIncrement();
    return core.directory().describe(queue).thenCompose(d -> {
      int partitions = d.queue().partitions();
      int start = Math.floorMod(turn, partitions);
      if (b.maxMessages() >= partitions) {
        return new ReceiveOperation(core, queue, group, b, visibilityMs, w, partitions, start, ackOnReceive).run();
      }
      return sweep(queue, group, b, visibilityMs, w, partitions, start, 0, ackOnReceive);
    });
  }

  /**
   * Fewer messages wanted than partitions: one call can ask only {@code max} partitions without risking more
   * leases than wanted. So ask them {@code max} at a time without waiting until one has messages or all were
   * asked; only then long-poll the first ones. Without the sweep a {@code max 1} receive on a queue of several
   * partitions would miss every message outside the partition its turn picks.
   */
  private CompletableFuture<List<Delivery>> sweep(String queue, String group, ReceiveOperation.Bounds bounds,
      long visibilityMs, Duration wait, int partitions, int start, int asked, boolean ackOnReceive) {
    if (asked >= partitions) {
      return wait.isZero() ? CompletableFuture.completedFuture(List.of())
          : new ReceiveOperation(core, queue, group, bounds, visibilityMs, wait, partitions, start, ackOnReceive).run();
    }
    return new ReceiveOperation(core, queue, group, bounds, visibilityMs, Duration.ZERO, partitions,
            (start + asked) % partitions, ackOnReceive).run()
        .thenCompose(got -> got.isEmpty()
            ? sweep(queue, group, bounds, visibilityMs, wait, partitions, start, asked + bounds.maxMessages(),
                ackOnReceive)
            : CompletableFuture.completedFuture(got));
  }

  @Override
  public CompletableFuture<List<Delivery>> receive(
      String queue, int partition, String group, int maxMessages, Duration visibility, Duration wait) {
    if (maxMessages < 1) {
      return CompletableFuture.failedFuture(new RaftqException(ErrorCode.INVALID_REQUEST,
          "maxMessages (" + maxMessages + ") must be >= 1"));
    }
    long visibilityMs = visibility == null ? -1 : visibility.toMillis();
    long waitMs = wait == null ? 0 : Math.max(0, wait.toMillis());
    long deadlineNanos = System.nanoTime() + waitMs * 1_000_000;
    // A retried waiting Receive only waits for what is left of the caller's wait.
    return core.call(new Route.PartitionLeader(queue, partition),
        () -> new Request.Receive(queue, partition, group, maxMessages, visibilityMs,
            Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000), false, 0),
        Duration.ofMillis(waitMs), r -> Responses.expect(r, Response.Received.class).deliveries()).result();
  }

  @Override
  public CompletableFuture<Integer> partitions(String queue) {
    return core.directory().describe(queue).thenApply(d -> d.queue().partitions());
  }

  @Override
  public CompletableFuture<List<ReceiptOutcome>> ack(String queue, String group, List<Receipt> receipts) {
    return settle(receipts, (p, rs, i) -> new Request.Ack(queue, p, group, rs));
  }

  @Override
  public CompletableFuture<ReceiptOutcome> ack(String queue, String group, Receipt receipt, byte[] result) {
    return ack(queue, group, List.of(receipt), java.util.Arrays.asList(result)).thenApply(outcomes -> outcomes.get(0));
  }

  @Override
  public CompletableFuture<List<ReceiptOutcome>> ack(
      String queue, String group, List<Receipt> receipts, List<byte[]> results) {
    if (results.size() != receipts.size()) {
      return CompletableFuture.failedFuture(new RaftqException(ErrorCode.INVALID_REQUEST,
          results.size() + " results for " + receipts.size() + " receipts: give one per receipt"));
    }
    return settle(receipts, (p, rs, indexes) ->
        new Request.Ack(queue, p, group, rs, indexes.stream().map(results::get).toList()));
  }

  @Override
  public CompletableFuture<java.util.Optional<io.raftq.client.Processed>> wasProcessed(
      String queue, String group, String id, String key) {
    return core.directory().describe(queue).thenCompose(d -> {
      int partition = ProducerImpl.partitionOf(key != null ? key : id, d.queue().partitions());
      return core.call(new Route.PartitionLeader(queue, partition),
          new Request.WasProcessed(queue, partition, group, id), r -> {
            Response.Processed p = Responses.expect(r, Response.Processed.class);
            return p.found() ? java.util.Optional.of(new io.raftq.client.Processed(p.ackedAtMs(), p.result()))
                : java.util.Optional.<io.raftq.client.Processed>empty();
          });
    });
  }

  @Override
  public CompletableFuture<List<Delivery>> receiveAtMostOnce(String queue, String group, int maxMessages,
      int maxBytes, Duration wait) {
    return receive(queue, group, new ReceiveOperation.Bounds(maxMessages, maxBytes), null, wait, true);
  }

  @Override
  public CompletableFuture<List<ReceiptOutcome>> nack(
      String queue, String group, List<Receipt> receipts, Duration delay, String reason) {
    long delayMs = delay == null ? 0 : delay.toMillis();
    return settle(receipts, (p, rs, i) -> new Request.Nack(queue, p, group, delayMs, rs, reason));
  }

  @Override
  public CompletableFuture<List<ReceiptOutcome>> changeVisibility(
      String queue, String group, List<Receipt> receipts, Duration visibility) {
    long visibilityMs = visibility.toMillis();
    return settle(receipts, (p, rs, i) -> new Request.ChangeVisibility(queue, p, group, visibilityMs, rs));
  }

  private CompletableFuture<List<ReceiptOutcome>> settle(List<Receipt> receipts, SettleRequest build) {
    Map<Integer, List<Integer>> indexesByPartition = new LinkedHashMap<>();
    for (int i = 0; i < receipts.size(); i++) {
      indexesByPartition.computeIfAbsent(receipts.get(i).partition(), p -> new ArrayList<>()).add(i);
    }
    ReceiptOutcome[] outcomes = new ReceiptOutcome[receipts.size()];
    List<CompletableFuture<Void>> parts = new ArrayList<>();
    indexesByPartition.forEach((partition, indexes) -> {
      List<Receipt> group = indexes.stream().map(receipts::get).toList();
      Request request = build.build(partition, group, indexes);
      Route route = new Route.PartitionLeader(requestQueue(request), partition);
      parts.add(core.call(route, request, r -> Responses.expect(r, Response.ReceiptResults.class).outcomes())
          .thenAccept(results -> place(results, indexes, outcomes)));
    });
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> List.of(outcomes));
  }

  private static void place(List<ReceiptOutcome> results, List<Integer> indexes, ReceiptOutcome[] outcomes) {
    if (results.size() != indexes.size()) {
      throw new RaftqException(ErrorCode.UNKNOWN,
          results.size() + " receipt outcomes for " + indexes.size() + " receipts");
    }
    for (int i = 0; i < indexes.size(); i++) {
      outcomes[indexes.get(i)] = results.get(i);
    }
  }

  private static String requestQueue(Request r) {
    if (r instanceof Request.Ack a) {
      return a.queue();
    } else if (r instanceof Request.Nack n) {
      return n.queue();
    }
    return ((Request.ChangeVisibility) r).queue();
  }
}
