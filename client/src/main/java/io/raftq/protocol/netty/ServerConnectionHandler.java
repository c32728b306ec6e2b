package io.raftq.protocol.netty;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.ProtocolException;
import io.raftq.protocol.Request;
import io.raftq.protocol.RequestFrame;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection state machine: awaiting Hello, then serving, then closing. Turns every decode failure into an
 * error frame followed by close, and never lets an exception reach the end of the pipeline. Enforces the
 * {@link ConnectionLimits}: the node's connection count, the handshake and idle timeouts, and this connection's
 * load. One instance per channel (not sharable); all its methods run on the channel's event loop.
 */
final class ServerConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ServerConnectionHandler.class);

  private final ServerPipeline.Settings settings;
  private final RequestHandler handler;
  private final AtomicInteger openConnections;
  private final ConnectionLoad load;
  private boolean isCounted;
  private boolean isHandshaken;
  private boolean isClosing;
  private ScheduledFuture<?> handshakeTimer;

  ServerConnectionHandler(ServerPipeline.Settings settings, RequestHandler handler, AtomicInteger openConnections) {
    this.settings = settings;
    this.handler = handler;
    this.openConnections = openConnections;
    this.load = new ConnectionLoad(settings.limits());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    isCounted = true;
    int open = openConnections.incrementAndGet();
    ConnectionLimits limits = settings.limits();
    if (open > limits.maxConnections()) {
      failAndClose(ctx, 0, ErrorCode.OVERLOADED, "node " + settings.nodeId() + " serves its limit of "
          + limits.maxConnections() + " client connections; try another node or retry later");
    } else {
      long ms = limits.handshakeTimeout().toMillis();
      handshakeTimer = ctx.executor().schedule(() -> {
        if (!isHandshaken && !isClosing) {
          failAndClose(ctx, 0, ErrorCode.INVALID_REQUEST, "no Hello within " + ms + " ms; closing");
        }
      }, ms, TimeUnit.MILLISECONDS);
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (isClosing || !(msg instanceof ReceivedRequest received)) {
      // Frames decoded from the same read as a fatal one are dropped: the connection is going away.
      ReferenceCountUtil.release(msg);
      return;
    }
    RequestFrame frame = received.frame();
    if (!isHandshaken) {
      handshake(ctx, frame);
    } else if (frame.request() instanceof Request.Hello) {
      ctx.writeAndFlush(ResponseFrame.error(frame.requestId(),
          new Response.Error(ErrorCode.INVALID_REQUEST, "Hello already received on this connection")));
    } else {
      admitAndDispatch(ctx, frame, received.frameBytes());
    }
  }

  /** Closes a connection that sent nothing for the idle timeout and has nothing outstanding. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (load.isIdle() && !isClosing) {
        LOG.debug("closing {}: idle for {}", ctx.channel(), settings.limits().idleTimeout());
        isClosing = true;
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
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
      if (handshakeTimer != null) {
        handshakeTimer.cancel(false);
      }
      ctx.writeAndFlush(ResponseFrame.answering(frame.requestId(), hello,
          new Response.HelloOk(ProtocolCodec.PROTOCOL_VERSION, settings.nodeId())));
    }
  }

  private void admitAndDispatch(ChannelHandlerContext ctx, RequestFrame frame, int frameBytes) {
    Request request = frame.request();
    String refusal = load.admit(request, frameBytes);
    if (refusal != null) {
      ctx.writeAndFlush(ResponseFrame.error(frame.requestId(), new Response.Error(ErrorCode.OVERLOADED, refusal)));
      return;
    }
    ChannelRequestContext rc = new ChannelRequestContext(ctx.channel(), frame.requestId(), request,
        () -> load.release(request, frameBytes));
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
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    if (isCounted) {
      isCounted = false;
      openConnections.decrementAndGet();
    }
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
