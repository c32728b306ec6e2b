package io.raftq.statemachine.partition;

import java.util.Objects;

/** A message header; {@code name} is required, {@code value} may be null. */
public record MessageHeader(String name, String value) {
  public MessageHeader {
    Objects.requireNonNull(name, "name");
  }
}
