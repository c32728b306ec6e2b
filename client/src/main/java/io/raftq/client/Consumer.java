package io.raftq.client;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Receives and settles messages for a consumer group. A received message is invisible to the group for the
 * visibility timeout and is delivered again if not acked in time.
 */
public interface Consumer {
  /** Byte bound of one receive call that names none: what one node answers at most (about 4 MiB). */
  int DEFAULT_MAX_BYTES = io.raftq.protocol.Limits.MAX_RECEIVE_BYTES;

  /**
   * Leases up to {@code maxMessages} messages from any partitions of the queue, at most {@link #DEFAULT_MAX_BYTES}
   * of them: see {@link #receive(String, String, int, int, Duration, Duration)}.
   */
  default CompletableFuture<List<Delivery>> receive(
      String queue, String group, int maxMessages, Duration visibility, Duration wait) {
    return receive(queue, group, maxMessages, 0, visibility, wait);
  }

  /**
   * Leases up to {@code maxMessages} messages from any partitions of the queue, together at most {@code maxBytes}
   * (counted as they travel: payload, headers, id, key and about 60 bytes per message; 0 = {@link
   * #DEFAULT_MAX_BYTES}). The bound is split between the partitions asked; each leases at least one visible
   * message whatever its size, so a message larger than the bound is still delivered, and nodes cut a larger
   * bound to their own ({@code --max-receive-bytes}). Only what is returned is leased. {@code visibility} null =
   * the queue's default. With a positive {@code wait} the call returns as soon as messages are available or when
   * the wait ends (with an empty list); nodes hold the wait without a Raft write per poll.
   */
  CompletableFuture<List<Delivery>> receive(
      String queue, String group, int maxMessages, int maxBytes, Duration visibility, Duration wait);

  /**
   * At-most-once: as {@link #receive}, but each message is done for the group in the same log entry that hands it
   * out, so it is never delivered to the group again, even if this consumer crashes before processing it. For
   * data where a loss is cheaper than a duplicate.
   */
  default CompletableFuture<List<Delivery>> receiveAtMostOnce(String queue, String group, int maxMessages,
      Duration wait) {
    return receiveAtMostOnce(queue, group, maxMessages, 0, wait);
  }

  /** {@link #receiveAtMostOnce(String, String, int, Duration)} with a byte bound, as in {@link #receive}. */
  CompletableFuture<List<Delivery>> receiveAtMostOnce(String queue, String group, int maxMessages, int maxBytes,
      Duration wait);

  /**
   * Leases up to {@code maxMessages} messages of one partition only, as {@link #receive} does for all of them:
   * for consumers that poll each partition on its own (as {@link #subscribe} does), so that a slow or idle
   * partition never holds up the others. Partitions are numbered {@code 0..}{@link #partitions}{@code - 1}.
   */
  CompletableFuture<List<Delivery>> receive(
      String queue, int partition, String group, int maxMessages, Duration visibility, Duration wait);

  /** How many partitions {@code queue} has. */
  CompletableFuture<Integer> partitions(String queue);

  /** Acks: the messages are done for the group. One outcome per receipt, in order. */
  CompletableFuture<List<ReceiptOutcome>> ack(String queue, String group, List<Receipt> receipts);

  /**
   * Acks several messages, storing with each the result at the same position of {@code results} (one per receipt,
   * each null or at most 1 KiB) in the group's consumer dedup table, as {@link #ack(String, String, Receipt,
   * byte[])} does for one.
   */
  CompletableFuture<List<ReceiptOutcome>> ack(
      String queue, String group, List<Receipt> receipts, List<byte[]> results);

  /**
   * Acks one message and stores {@code result} (at most 1 KiB, may be null) with its id in the group's consumer
   * dedup table, where {@link #wasProcessed} finds it.
   */
  CompletableFuture<ReceiptOutcome> ack(String queue, String group, Receipt receipt, byte[] result);

  /**
   * Whether {@code group} acked a message with {@code id} within the queue's consumer dedup window, and the result
   * stored with that ack. {@code key}: the message's key (it decides the partition), or null for an unkeyed one.
   */
  CompletableFuture<java.util.Optional<Processed>> wasProcessed(String queue, String group, String id, String key);

  /**
   * Consumes {@code queue} for {@code group} in the background until the subscription is closed: at most
   * {@code options.maxInFlight()} messages at once, each handed to {@code handler}, acked when it returns and
   * nacked when it throws, with its lease extended while the handler runs (up to {@code options.maxProcessing()}).
   * Each partition is polled on its own, so a message is handed over as soon as its partition has it; acks are
   * batched per partition. Give at least as many in-flight slots as the queue has partitions, or partitions take
   * turns.
   */
  default Subscription subscribe(String queue, String group, MessageHandler handler, SubscribeOptions options) {
    return Subscription.start(this, queue, group, handler, options);
  }

  /**
   * Effectively-once processing of one delivery: runs {@code handler}, then acks with the handler's result. If
   * the ack is {@code OK} or {@code ALREADY_ACKED} the message is done; a message whose id the group acked before
   * is not delivered again within the consumer dedup window. The one window left: a handler that ran but whose
   * ack never committed (a crash, or the lease lost to a redelivery) runs again for the redelivery. A handler that
   * throws nacks the message with the exception's message as reason, and the future fails with it.
   */
  default CompletableFuture<ReceiptOutcome> processOnce(
      String queue, String group, Delivery delivery, java.util.function.Function<Delivery, byte[]> handler) {
    byte[] result;
    try {
      result = handler.apply(delivery);
    } catch (RuntimeException e) {
      String reason = String.valueOf(e.getMessage());
      return nack(queue, group, List.of(delivery.receipt()), Duration.ZERO,
              reason.length() > 500 ? reason.substring(0, 500) : reason)
          .thenCompose(o -> CompletableFuture.failedFuture(e));
    }
    return ack(queue, group, delivery.receipt(), result);
  }

  /** Makes the messages visible to the group again after {@code delay} (zero = now). */
  default CompletableFuture<List<ReceiptOutcome>> nack(
      String queue, String group, List<Receipt> receipts, Duration delay) {
    return nack(queue, group, receipts, delay, null);
  }

  /**
   * As {@link #nack(String, String, List, Duration)}, recording {@code reason} (at most 1 KiB of UTF-8) with each
   * message: a message dead-lettered later carries the reason of its last nack.
   */
  CompletableFuture<List<ReceiptOutcome>> nack(
      String queue, String group, List<Receipt> receipts, Duration delay, String reason);

  /** Ends each lease {@code visibility} from now (extend or shorten). */
  CompletableFuture<List<ReceiptOutcome>> changeVisibility(
      String queue, String group, List<Receipt> receipts, Duration visibility);
}
