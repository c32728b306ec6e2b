package io.raftq.statemachine.partition;

import java.util.Objects;

/** A command that is invalid as a whole (bad argument); it changed nothing. */
public record Rejected(String reason) implements PartitionResult {
  public Rejected {
    Objects.requireNonNull(reason, "reason");
  }
}
