package io.raftq.chaos.history;

import java.util.Locale;

/**
 * Jepsen's operation types. {@link #FAIL} means the operation definitely did not happen; a timeout, a lost
 * connection or any unknown outcome is {@link #INFO}, never {@link #FAIL}.
 */
public enum OpType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  /** The lower-case name written to {@code history.jsonl}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #jsonName()}. */
  public static OpType fromJsonName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
