package io.raftq.cli;

import io.raftq.client.RaftqException;
import io.raftq.client.SendResult;

/** The JSON lines {@code raftq send} prints. */
final class SendJson {
  private SendJson() {}

  static String result(SendResult r) {
    return new JsonWriter()
        .beginObject()
        .field("id", r.id())
        .field("partition", r.partition())
        .field("offset", r.offset())
        .field("duplicate", r.duplicate())
        .endObject()
        .toString();
  }

  /** In place of a result, so output line n still belongs to input line n. */
  static String failure(long lineNumber, Throwable failure) {
    Throwable cause = CliErrors.unwrap(failure);
    String code = cause instanceof RaftqException re ? re.code().name() : cause.getClass().getSimpleName();
    return new JsonWriter()
        .beginObject()
        .field("line", lineNumber)
        .field("error", code)
        .field("message", CliErrors.describe(cause))
        .endObject()
        .toString();
  }
}
