package io.raftq.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.RequestFrame;

/**
 * {@link RequestFrame} to frame contents. A frame above {@code maxFrameBytes} fails its write (with
 * {@link FrameTooLargeException} as the cause) instead of being sent, because the server would close the whole
 * connection on it.
 */
public final class RequestEncoder extends MessageToByteEncoder<RequestFrame> {
  private final int maxFrameBytes;

  public RequestEncoder(int maxFrameBytes) {
    super(RequestFrame.class);
    Framing.checkMax(maxFrameBytes);
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, RequestFrame frame, ByteBuf out) {
    ProtocolCodec.encodeRequest(frame, out);
    if (out.readableBytes() > maxFrameBytes) {
      throw new FrameTooLargeException(frame.requestId(), out.readableBytes(), maxFrameBytes);
    }
  }
}
