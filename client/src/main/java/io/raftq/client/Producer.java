package io.raftq.client;

import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages. Messages with a key go to partition {@code hash(key) mod partitions} (order holds per key);
 * without a key, a message with the caller's own id goes to {@code hash(id) mod partitions} (so a resend of that id
 * is deduplicated by the same partition) and other messages go round-robin. Sends to one partition are batched and pipelined. The future
 * completes once a majority of replicas has the message in its fsynced log. Retries (after timeouts or leader
 * changes) reuse the message id, so one send never stores two messages.
 */
public interface Producer {

  /** Sends one message with a generated id. {@code key} and {@code headers} may be null. */
  CompletableFuture<SendResult> send(String queue, String key, byte[] payload, List<Header> headers);

  /** Sends one message; a null {@code message.id()} gets a generated id. */
  CompletableFuture<SendResult> send(String queue, OutgoingMessage message);

  /**
   * Sends a batch (hundreds of messages at once are fine): each message is routed and batched like a single send,
   * and each entry gets its own result, in order. One entry failing (too large, invalid) does not fail the others.
   */
  default CompletableFuture<java.util.List<BatchEntryResult>> sendBatch(String queue, List<OutgoingMessage> messages) {
    java.util.List<CompletableFuture<BatchEntryResult>> entries = new java.util.ArrayList<>(messages.size());
    for (OutgoingMessage m : messages) {
      entries.add(send(queue, m).handle((r, t) -> t == null ? new BatchEntryResult(r, null)
          : new BatchEntryResult(null, asRaftqException(t))));
    }
    return CompletableFuture.allOf(entries.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> entries.stream().map(CompletableFuture::join).toList());
  }

  private static RaftqException asRaftqException(Throwable t) {
    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    return cause instanceof RaftqException re ? re
        : new RaftqException(io.raftq.protocol.ErrorCode.UNKNOWN, String.valueOf(cause.getMessage()));
  }

  /** Waits until every send issued so far has completed (successfully or not). */
  void flush();
}
