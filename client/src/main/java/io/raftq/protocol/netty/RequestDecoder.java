package io.raftq.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.raftq.protocol.ProtocolCodec;
import java.util.List;

/**
 * Frame contents to a {@link ReceivedRequest} (the {@link io.raftq.protocol.RequestFrame} and its size); failures
 * surface as a DecoderException.
 */
public final class RequestDecoder extends MessageToMessageDecoder<ByteBuf> {
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    int bytes = frame.readableBytes();
    out.add(new ReceivedRequest(ProtocolCodec.decodeRequest(frame), bytes));
  }
}
