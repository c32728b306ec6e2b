package io.raftq.statemachine.partition;

/**
 * The byte bound of one {@link Receive}'s reply, counted in {@link DeliverySize}s. The first message is always
 * admitted, whatever its size (one larger than the bound must still be deliverable); after that a message is
 * admitted while the total stays within the bound. The cut is exact and final: once one message is refused every
 * later one is too, so a smaller message never overtakes the one that did not fit.
 */
final class ReplyBudget {
  private final long maxBytes;
  private long usedBytes;
  private boolean hasTaken;
  private boolean isClosed;

  /** {@code maxBytes} 0: no bound. */
  ReplyBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The bytes {@code m} counts against the bound; 0 without a bound, where sizes are never needed. */
  long sizeOf(LeasedMessage m) {
    return maxBytes > 0 ? DeliverySize.of(m) : 0;
  }

  /** Whether a message of {@code bytes} may join the reply; false from the first refusal on. */
  boolean admits(long bytes) {
    if (!isClosed && maxBytes > 0 && hasTaken && usedBytes + bytes > maxBytes) {
      isClosed = true;
    }
    return !isClosed;
  }

  /** A message admitted by {@link #admits} joined the reply. */
  void take(long bytes) {
    usedBytes += bytes;
    hasTaken = true;
  }

  /** Whether a message was refused: the reply is complete. */
  boolean isClosed() {
    return isClosed;
  }
}
