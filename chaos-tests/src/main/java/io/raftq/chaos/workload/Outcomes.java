package io.raftq.chaos.workload;

import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps a failed client call to Jepsen's op types: {@code fail} only when the error proves the request had no
 * effect (it was rejected before anything was appended), {@code info} for everything else: timeouts, lost
 * connections, and retriable errors that outlived the client's retry budget (an earlier attempt may have applied).
 */
final class Outcomes {
  private static final Set<ErrorCode> DEFINITE = EnumSet.of(
      ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.QUEUE_NOT_FOUND, ErrorCode.QUEUE_EXISTS,
      ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.RECEIPT_INVALID, ErrorCode.FRAME_TOO_LARGE,
      ErrorCode.PARTITION_NOT_FOUND);

  private Outcomes() {}

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Whether {@code error} proves the request did not happen. */
  static boolean isDefinite(Throwable error) {
    return unwrap(error) instanceof RaftqException e && DEFINITE.contains(e.code());
  }

  /**
   * Records the completion of {@code process}'s failed call: {@code fail} when definite, else {@code info}, after
   * which the worker continues under a new process id (the call may still take effect).
   */
  static void record(Recorder recorder, ProcessIds processes, String process, Exception error) {
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    if (isDefinite(error)) {
      recorder.fail(process, describe(error));
    } else {
      recorder.info(process, describe(error));
      processes.retire();
    }
  }

  static String describe(Throwable error) {
    Throwable t = unwrap(error);
    return t instanceof RaftqException e ? e.code().name() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
