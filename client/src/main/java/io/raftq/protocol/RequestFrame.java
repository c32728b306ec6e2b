package io.raftq.protocol;

import java.util.Objects;

/** One request frame: the id the client chose (echoed in the answer) and the request. */
public record RequestFrame(int requestId, Request request) {
  public RequestFrame {
    Objects.requireNonNull(request, "request");
  }

  /** The opcode this frame travels under. */
  public int opcode() {
    return Opcodes.of(request);
  }
}
