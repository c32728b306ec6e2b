package io.raftq.server.sqs.action;

import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.server.sqs.SqsError;
import java.util.concurrent.CompletionException;

/** raftq's errors as SQS errors. Pure logic. */
public final class Failures {
  private Failures() {}

  public static SqsError toSqs(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof SqsError e) {
      return e;
    }
    if (cause instanceof RaftqException e) {
      return fromCode(e.code(), e.getMessage());
    }
    return new SqsError(SqsError.Code.INTERNAL_FAILURE, "We encountered an internal error. Please try again. ("
        + cause + ")");
  }

  /** The failure a future's wrapping (CompletionException, ExecutionException) carries. */
  static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static SqsError fromCode(ErrorCode code, String message) {
    return switch (code) {
      case QUEUE_NOT_FOUND -> SqsError.noQueue();
      case QUEUE_EXISTS -> new SqsError(SqsError.Code.QUEUE_NAME_EXISTS, message);
      case INVALID_REQUEST, MESSAGE_TOO_LARGE, FRAME_TOO_LARGE -> SqsError.invalidParameter(message);
      case RECEIPT_INVALID, PARTITION_NOT_FOUND -> new SqsError(SqsError.Code.RECEIPT_HANDLE_IS_INVALID, message);
      case NOT_LEADER, TIMEOUT, UNAVAILABLE, SHUTTING_DOWN, CONFLICT, OVERLOADED -> new SqsError(
          SqsError.Code.SERVICE_UNAVAILABLE, "The request has failed due to a temporary failure of the server ("
              + code + ": " + message + "); retrying it is safe.");
      default -> new SqsError(SqsError.Code.INTERNAL_FAILURE, code + ": " + message);
    };
  }
}
