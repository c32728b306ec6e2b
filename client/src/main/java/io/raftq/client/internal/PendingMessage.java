package io.raftq.client.internal;

import io.raftq.client.SendResult;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.Utf8;
import java.util.concurrent.CompletableFuture;

/**
 * A message waiting in (or sent from) a partition accumulator, with the future its sender holds. {@code isSolo}:
 * must travel in a frame of its own (after its batch was refused as too large).
 */
record PendingMessage(OutgoingMessage message, CompletableFuture<SendResult> future, boolean isSolo) {
  /**
   * Per-message overhead on the wire: id, key, header count and payload length fields, and the delay a message
   * carries when its frame travels as SendDelayed.
   */
  private static final int FIXED_BYTES = 16 + 8;

  PendingMessage solo() {
    return new PendingMessage(message, future, true);
  }

  /** Bytes this message adds to a Send frame (exact for ASCII, close enough otherwise: used for batch caps). */
  int wireBytes() {
    long n = FIXED_BYTES + Utf8.length(message.id()) + Utf8.length(message.key()) + message.payload().length;
    for (Header h : message.headers()) {
      n += 8 + Utf8.length(h.name()) + Utf8.length(h.value());
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
