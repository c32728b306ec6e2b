package io.raftq.protocol.netty;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.ProtocolException;
import io.raftq.protocol.Request;
import io.raftq.protocol.RequestFrame;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection state machine: awaiting Hello, then serving, then closing. Turns every decode failure into an
 * error frame followed by close, and never lets an exception reach the end of the pipeline. One instance per
 * channel (not sharable); all its methods run on the channel's event loop.
 */
final class ServerConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ServerConnectionHandler.class);

  private final ServerPipeline.Settings settings;
  private final RequestHandler handler;
  private boolean isHandshaken;
  private boolean isClosing;

  ServerConnectionHandler(ServerPipeline.Settings settings, RequestHandler handler) {
    this.settings = settings;
    this.handler = handler;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (isClosing || !(msg instanceof RequestFrame frame)) {
      // Frames decoded from the same read as a fatal one are dropped: the connection is going away.
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!isHandshaken) {
      handshake(ctx, frame);
    } else if (frame.request() instanceof Request.Hello) {
      ctx.writeAndFlush(ResponseFrame.error(frame.requestId(),
          new Response.Error(ErrorCode.INVALID_REQUEST, "Hello already received on this connection")));
    } else {
      dispatch(ctx, frame);
    }
  }

  private void handshake(ChannelHandlerContext ctx, RequestFrame frame) {
    if (!(frame.request() instanceof Request.Hello hello)) {
      failAndClose(ctx, frame.requestId(), ErrorCode.INVALID_REQUEST,
          "the first frame must be Hello, got " + frame.request().getClass().getSimpleName());
    } else if (hello.protocolVersion() != ProtocolCodec.PROTOCOL_VERSION) {
      failAndClose(ctx, frame.requestId(), ErrorCode.UNSUPPORTED_VERSION,
          "protocol version " + hello.protocolVersion() + " is not supported; this node speaks "
              + ProtocolCodec.PROTOCOL_VERSION);
    } else {
      isHandshaken = true;
      ctx.writeAndFlush(ResponseFrame.answering(frame.requestId(), hello,
          new Response.HelloOk(ProtocolCodec.PROTOCOL_VERSION, settings.nodeId())));
    }
  }

  private void dispatch(ChannelHandlerContext ctx, RequestFrame frame) {
    ChannelRequestContext rc = new ChannelRequestContext(ctx.channel(), frame.requestId(), frame.request());
    try {
      handler.handle(rc, frame.request());
    } catch (Exception e) {
      LOG.error("request handler failed on {} ({})", frame.request(), ctx.channel(), e);
      rc.replyIfUnanswered(new Response.Error(ErrorCode.UNKNOWN, "internal error: " + e));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (isClosing) {
      return;
    }
    if (cause instanceof TooLongFrameException) {
      failAndClose(ctx, 0, ErrorCode.FRAME_TOO_LARGE,
          "frame exceeds " + settings.maxFrameBytes() + " bytes: " + cause.getMessage());
      return;
    }
    ProtocolException protocolError = findCause(cause, ProtocolException.class);
    if (protocolError != null) {
      failAndClose(ctx, protocolError.requestId(), ErrorCode.INVALID_REQUEST, protocolError.getMessage());
    } else if (findCause(cause, CorruptedFrameException.class) != null) {
      failAndClose(ctx, 0, ErrorCode.INVALID_REQUEST, "corrupted frame: " + cause.getMessage());
    } else {
      // I/O errors (connection reset, ...) are routine: nothing to answer, just close.
      LOG.debug("closing {} after {}", ctx.channel(), cause.toString());
      isClosing = true;
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    isClosing = true;
    if (isHandshaken) {
      try {
        handler.connectionClosed(ctx.channel());
      } catch (Exception e) {
        LOG.error("connectionClosed failed for {}", ctx.channel(), e);
      }
    }
    ctx.fireChannelInactive();
  }

  private void failAndClose(ChannelHandlerContext ctx, int requestId, ErrorCode code, String message) {
    isClosing = true;
    LOG.debug("closing {}: {} {}", ctx.channel(), code, message);
    ctx.writeAndFlush(ResponseFrame.error(requestId, new Response.Error(code, message)))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
