package io.raftq.protocol;

/**
 * Every error the protocol can carry. The numeric code is frozen forever (it is on the wire); add new codes at the
 * end. Only {@link #isRetriable() retriable} errors are retried by the client library.
 */
public enum ErrorCode {
  NONE(0, false),
  UNKNOWN(1, false),
  INVALID_REQUEST(2, false),
  UNSUPPORTED_VERSION(3, false),
  /** This node does not lead the partition; the error carries the leader's client address when known. */
  NOT_LEADER(4, true),
  QUEUE_NOT_FOUND(5, false),
  QUEUE_EXISTS(6, false),
  MESSAGE_TOO_LARGE(7, false),
  /** The receipt is malformed, for another partition, or stale: the message was leased again since. */
  RECEIPT_INVALID(8, false),
  /** The request's outcome is unknown (it may or may not have been applied). Retrying a send is safe (dedup). */
  TIMEOUT(9, true),
  /** No leader is known for the partition right now (election in progress, group starting). */
  UNAVAILABLE(10, true),
  FRAME_TOO_LARGE(11, false),
  PARTITION_NOT_FOUND(12, false),
  SHUTTING_DOWN(13, true),
  /** An alteration named a version of the queue that is no longer current: read it again and retry. */
  CONFLICT(14, false),
  /**
   * The node keeps this partition's replica but it is quiescent (closed while idle): it opens on the next request
   * that needs it. Only a status probe gets this answer.
   */
  QUIESCENT(15, false),
  /**
   * The node failed to apply the command (a bug, the same on every replica); nothing of it changed. Retrying gives
   * the same answer, so it is not retriable.
   */
  INTERNAL(16, false),
  /**
   * A limit of the node or of this connection was reached (client connections, receives waiting on one
   * connection, request bytes in flight on one connection): nothing of the request was done; retry after a backoff
   * or on another node.
   */
  OVERLOADED(17, true);

  private final int code;
  private final boolean retriable;

  ErrorCode(int code, boolean retriable) {
    this.code = code;
    this.retriable = retriable;
  }

  public int code() {
    return code;
  }

  public boolean isRetriable() {
    return retriable;
  }

  public static ErrorCode fromCode(int code) {
    for (ErrorCode e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return UNKNOWN;
  }
}
