package io.raftq.protocol;

/** Outcome of an ack, nack or visibility change for one receipt. Wire values are frozen. */
public enum ReceiptOutcome {
  OK(0),
  /** Ack only: the message was already acked by this group (acks are idempotent). */
  ALREADY_ACKED(1),
  /** Stale (the message was leased again since), unknown, already acked (nack/visibility), or lease lost. */
  INVALID(2);

  private final int code;

  ReceiptOutcome(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ReceiptOutcome fromCode(int code) {
    for (ReceiptOutcome o : values()) {
      if (o.code == code) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown receipt outcome " + code);
  }
}
