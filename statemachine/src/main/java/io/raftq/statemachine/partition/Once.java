package io.raftq.statemachine.partition;

import java.util.Objects;

/**
 * {@code command} ({@link Purge} or {@link ReleaseKey}) on behalf of a client's operation {@code operationId}: a
 * second entry with the same id (the client retried a call whose answer it lost) is answered with the first one's
 * {@link Removed} count and changes nothing (a retried purge would otherwise delete what was sent since). See
 * {@link PartitionOperations}.
 */
public record Once(String operationId, PartitionCommand command) implements PartitionCommand {
  public static final int MAX_OPERATION_ID_BYTES = 64;

  public Once {
    Objects.requireNonNull(operationId, "operationId");
    if (!(command instanceof Purge) && !(command instanceof ReleaseKey)) {
      throw new IllegalArgumentException("only a purge or a key release is applied once per id, not " + command);
    }
  }

  /** {@code command}, wrapped when {@code operationId} is not null. */
  public static PartitionCommand of(String operationId, PartitionCommand command) {
    return operationId == null ? command : new Once(operationId, command);
  }
}
