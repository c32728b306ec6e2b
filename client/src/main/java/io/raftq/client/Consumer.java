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

  /**
   * Leases up to {@code maxMessages} messages from any partitions of the queue. {@code visibility} null = the
   * queue's default. With a positive {@code wait} the call returns as soon as messages are available or when the
   * wait ends (with an empty list); nodes hold the wait without a Raft write per poll.
   */
  CompletableFuture<List<Delivery>> receive(
      String queue, String group, int maxMessages, Duration visibility, Duration wait);

  /** Acks: the messages are done for the group. One outcome per receipt, in order. */
  CompletableFuture<List<ReceiptOutcome>> ack(String queue, String group, List<Receipt> receipts);

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
