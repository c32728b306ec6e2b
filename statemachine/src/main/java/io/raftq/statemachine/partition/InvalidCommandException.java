package io.raftq.statemachine.partition;

/** Thrown by {@link PartitionCodec} for bytes that are not a well-formed body (truncated, unknown type, bad length). */
public final class InvalidCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidCommandException(String message) {
    super(message);
  }
}
