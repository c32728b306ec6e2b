package io.raftq.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.ResponseFrame;

/** {@link ResponseFrame} to frame contents (the prepender adds the length). */
public final class ResponseEncoder extends MessageToByteEncoder<ResponseFrame> {
  public ResponseEncoder() {
    super(ResponseFrame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ResponseFrame frame, ByteBuf out) {
    ProtocolCodec.encodeResponse(frame, out);
  }
}
