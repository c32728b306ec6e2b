package io.raftq.statemachine.partition;

import java.util.Objects;

/**
 * Where a message lives. For a duplicate, {@code id} and {@code offset} are those of the original message.
 */
public record StoredMessage(String id, long offset, boolean duplicate) {
  public StoredMessage {
    Objects.requireNonNull(id, "id");
  }
}
