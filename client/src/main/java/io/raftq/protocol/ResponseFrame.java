package io.raftq.protocol;

import java.util.Objects;

/**
 * One response frame. The opcode is explicit because some records answer several requests ({@link Response.Ok}
 * answers CreateQueue, DeleteQueue and CancelWait; {@link Response.ReceiptResults} answers Ack, Nack and
 * ChangeVisibility). Use {@link #answering} to derive it from the request.
 */
public record ResponseFrame(int requestId, int opcode, Response response) {
  public ResponseFrame {
    Objects.requireNonNull(response, "response");
    if (!Opcodes.fits(opcode, response)) {
      throw new IllegalArgumentException(
          "response " + response.getClass().getSimpleName() + " cannot travel under opcode 0x"
              + Integer.toHexString(opcode));
    }
  }

  /** The frame answering {@code request} (sent under {@code requestId}) with {@code response}. */
  public static ResponseFrame answering(int requestId, Request request, Response response) {
    int opcode = response instanceof Response.Error ? Opcodes.ERROR : Opcodes.responseTo(request);
    return new ResponseFrame(requestId, opcode, response);
  }

  /** An error frame; {@code requestId} 0 when the failing frame's id is unknown. */
  public static ResponseFrame error(int requestId, Response.Error error) {
    return new ResponseFrame(requestId, Opcodes.ERROR, error);
  }

  /** True if this frame is an error. */
  public boolean isError() {
    return opcode == Opcodes.ERROR;
  }
}
