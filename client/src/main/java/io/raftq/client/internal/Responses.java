package io.raftq.client.internal;

import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Response;

/** Narrowing of answers to the type a request expects. */
public final class Responses {
  private Responses() {}

  /** {@code r} as {@code type}; a node answering with another type broke the protocol: UNKNOWN. */
  public static <T extends Response> T expect(Response r, Class<T> type) {
    if (!type.isInstance(r)) {
      throw new RaftqException(ErrorCode.UNKNOWN, "expected " + type.getSimpleName() + ", got " + r);
    }
    return type.cast(r);
  }
}
