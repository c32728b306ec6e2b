package io.raftq.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;

/**
 * {@link ResponseFrame} to frame contents (the prepender adds the length). A reply larger than
 * {@code maxReplyBytes} (what clients accept) is never sent, nor dropped: the request is answered
 * {@code Error(FRAME_TOO_LARGE)} instead, and the connection stays open.
 */
public final class ResponseEncoder extends MessageToByteEncoder<ResponseFrame> {
  private final int maxReplyBytes;

  public ResponseEncoder(int maxReplyBytes) {
    super(ResponseFrame.class);
    Framing.checkMax(maxReplyBytes);
    this.maxReplyBytes = maxReplyBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ResponseFrame frame, ByteBuf out) {
    int start = out.writerIndex();
    ProtocolCodec.encodeResponse(frame, out);
    int bytes = out.writerIndex() - start;
    if (bytes > maxReplyBytes) {
      out.writerIndex(start);
      ProtocolCodec.encodeResponse(ResponseFrame.error(frame.requestId(), new Response.Error(ErrorCode.FRAME_TOO_LARGE,
          "the answer has " + bytes + " bytes, more than a frame holds (" + maxReplyBytes
              + "); ask for less (e.g. fewer messages)")), out);
    }
  }
}
