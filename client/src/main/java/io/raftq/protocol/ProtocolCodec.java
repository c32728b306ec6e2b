package io.raftq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Pure encoder/decoder of frame contents, independent of any channel. A frame on the wire is
 *
 * <pre>
 * +-----------+-----------+----------------+----------------------+
 * | i32 length| u8 opcode | i32 requestId  | body (opcode-specific)|
 * +-----------+-----------+----------------+----------------------+
 *              \______________ length bytes _______________________/
 * </pre>
 *
 * This class handles everything after the length prefix; the Netty pipeline adds and strips the prefix with the
 * stock {@code LengthFieldPrepender}/{@code LengthFieldBasedFrameDecoder}. All integers are big-endian.
 *
 * <p>Decoding promises: every length and count is checked against the bytes remaining in the frame before any
 * allocation; unknown opcodes, negative lengths or counts, invalid UTF-8, and trailing bytes all throw
 * {@link ProtocolException} carrying the request id when it could be read. Encoding throws
 * {@link IllegalArgumentException} for values the decoder would reject (e.g. a null queue name), so invalid
 * frames never leave.
 */
public final class ProtocolCodec {
  /** The protocol version this code speaks; carried by {@link Request.Hello} and {@link Response.HelloOk}. */
  public static final int PROTOCOL_VERSION = 4;

  /** Bytes of the frame header after the length prefix: opcode and request id. */
  public static final int HEADER_BYTES = 5;

  private ProtocolCodec() {}

  /** Appends the frame contents (opcode, request id, body) of {@code frame} to {@code out}. */
  public static void encodeRequest(RequestFrame frame, ByteBuf out) {
    WireWriter w = new WireWriter(out);
    w.u8(frame.opcode()).i32(frame.requestId());
    RequestBodies.write(w, frame.request());
  }

  /** Appends the frame contents (opcode, request id, body) of {@code frame} to {@code out}. */
  public static void encodeResponse(ResponseFrame frame, ByteBuf out) {
    WireWriter w = new WireWriter(out);
    w.u8(frame.opcode()).i32(frame.requestId());
    ResponseBodies.write(w, frame.response());
  }

  /** Decodes one request frame's contents; consumes all readable bytes of {@code in}. */
  public static RequestFrame decodeRequest(ByteBuf in) {
    WireReader r = new WireReader(in);
    int opcode = r.u8("opcode");
    int requestId = r.i32("requestId");
    r.setRequestId(requestId);
    if (!Opcodes.isRequest(opcode)) {
      throw r.error("unknown request opcode 0x" + Integer.toHexString(opcode));
    }
    Request request;
    try {
      request = RequestBodies.read(r, opcode);
    } catch (IllegalArgumentException e) { // a record refused a decoded value
      throw new ProtocolException(requestId, "invalid field: " + e.getMessage(), e);
    }
    r.expectEnd();
    return new RequestFrame(requestId, request);
  }

  /** Decodes one response frame's contents; consumes all readable bytes of {@code in}. */
  public static ResponseFrame decodeResponse(ByteBuf in) {
    WireReader r = new WireReader(in);
    int opcode = r.u8("opcode");
    int requestId = r.i32("requestId");
    r.setRequestId(requestId);
    if (!Opcodes.isResponse(opcode)) {
      throw r.error("unknown response opcode 0x" + Integer.toHexString(opcode));
    }
    Response response;
    try {
      response = ResponseBodies.read(r, opcode);
    } catch (IllegalArgumentException e) { // a record refused a decoded value
      throw new ProtocolException(requestId, "invalid field: " + e.getMessage(), e);
    }
    r.expectEnd();
    return new ResponseFrame(requestId, opcode, response);
  }

  /** {@link #encodeRequest(RequestFrame, ByteBuf)} into a new heap buffer positioned at 0. */
  public static ByteBuffer encodeRequest(RequestFrame frame) {
    ByteBuf buf = Unpooled.buffer();
    encodeRequest(frame, buf);
    return buf.nioBuffer();
  }

  /** {@link #encodeResponse(ResponseFrame, ByteBuf)} into a new heap buffer positioned at 0. */
  public static ByteBuffer encodeResponse(ResponseFrame frame) {
    ByteBuf buf = Unpooled.buffer();
    encodeResponse(frame, buf);
    return buf.nioBuffer();
  }

  /** Decodes the remaining bytes of {@code in} (without changing its position). */
  public static RequestFrame decodeRequest(ByteBuffer in) {
    return decodeRequest(Unpooled.wrappedBuffer(in.duplicate()));
  }

  /** Decodes the remaining bytes of {@code in} (without changing its position). */
  public static ResponseFrame decodeResponse(ByteBuffer in) {
    return decodeResponse(Unpooled.wrappedBuffer(in.duplicate()));
  }
}
