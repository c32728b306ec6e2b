package io.raftq.cli;

import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Readable one-line descriptions of failures, shared by the commands and the bench. */
public final class CliErrors {
  private CliErrors() {}

  /** One line: RaftqException messages already read {@code CODE: detail}; others get their type. */
  public static String describe(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof RaftqException) {
      return t.getMessage();
    }
    if (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + message;
  }

  /** Strips the wrappers futures put around the real failure. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The error code if {@code failure} is (or wraps) a {@link RaftqException}, else null. */
  public static ErrorCode code(Throwable failure) {
    return unwrap(failure) instanceof RaftqException re ? re.code() : null;
  }
}
