package io.raftq.client;

import io.raftq.protocol.ErrorCode;

/** A request failed with a typed error. Retriable errors reach the caller only after the retry budget is spent. */
public class RaftqException extends RuntimeException {
  private final ErrorCode code;

  public RaftqException(ErrorCode code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public RaftqException(ErrorCode code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
