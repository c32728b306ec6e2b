package io.raftq.statemachine.partition;

/** The outcome of one receipt. {@link #code} is the frozen wire byte. */
public enum SettleOutcome {
  /** Applied. */
  OK(0),
  /** Ack only: the message was already acknowledged by this group. */
  ALREADY_ACKED(1),
  /** Unknown group, never-delivered offset, stale epoch (leased again since), or for change-visibility an expired lease. */
  INVALID(2);

  public final int code;

  SettleOutcome(int code) {
    this.code = code;
  }

  /** The outcome for a wire byte, or null when none has that code. */
  static SettleOutcome ofCode(int code) {
    for (SettleOutcome o : values()) {
      if (o.code == code) {
        return o;
      }
    }
    return null;
  }
}
