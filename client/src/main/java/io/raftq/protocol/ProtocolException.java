package io.raftq.protocol;

/**
 * A frame could not be decoded (truncated, unknown opcode, a length beyond the frame or a limit, trailing bytes,
 * invalid field values). {@link #requestId()} is the frame's request id when it could be read, else 0, so the
 * server can address its INVALID_REQUEST answer.
 */
public final class ProtocolException extends RuntimeException {
  private final int requestId;

  public ProtocolException(int requestId, String message) {
    super(message);
    this.requestId = requestId;
  }

  public ProtocolException(int requestId, String message, Throwable cause) {
    super(message, cause);
    this.requestId = requestId;
  }

  /** The request id of the bad frame, or 0 when the frame was too short to hold one. */
  public int requestId() {
    return requestId;
  }
}
