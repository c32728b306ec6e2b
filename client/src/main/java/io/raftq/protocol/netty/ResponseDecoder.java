package io.raftq.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.raftq.protocol.ProtocolCodec;
import java.util.List;

/** Frame contents to {@link io.raftq.protocol.ResponseFrame}; failures surface as a DecoderException. */
public final class ResponseDecoder extends MessageToMessageDecoder<ByteBuf> {
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    out.add(ProtocolCodec.decodeResponse(frame));
  }
}
