package io.raftq.protocol.netty;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of the protocol, one instance per listening socket (it counts that socket's connections).
 * {@link #install} sets up each accepted channel's pipeline:
 *
 * <pre>
 * bytes -> flush consolidation -> LengthFieldBasedFrameDecoder(max) -> RequestDecoder -> [idle timer]
 *       -> ServerConnectionHandler (limits, handshake, errors) -> RequestHandler
 * bytes <- LengthFieldPrepender <- ResponseEncoder(max reply) <- RequestContext.reply(...)
 * </pre>
 *
 * <p>Promises: the first frame must be {@code Hello} with {@link io.raftq.protocol.ProtocolCodec#PROTOCOL_VERSION}
 * and is answered {@code HelloOk(version, nodeId)}; any other first frame is answered
 * {@code Error(UNSUPPORTED_VERSION | INVALID_REQUEST)} and the connection closed, and so is a connection with no
 * Hello within the handshake timeout. A malformed frame is answered {@code Error(INVALID_REQUEST, reason)} (under
 * its request id when it could be read, else 0), an oversized one {@code Error(FRAME_TOO_LARGE)} with request id
 * 0, and the connection closed. A reply too large for a frame is answered {@code Error(FRAME_TOO_LARGE)} under its
 * request id. The {@link ConnectionLimits} are enforced with {@code Error(OVERLOADED)}. No exception escapes into
 * Netty's pipeline; other connections are unaffected.
 */
public final class ServerPipeline {

  /**
   * Per-node settings. {@code maxFrameBytes}: cap of a request frame's contents; {@code nodeId}: sent in HelloOk;
   * {@code maxReplyBytes}: cap of a reply frame's contents (what clients accept).
   */
  public record Settings(int maxFrameBytes, String nodeId, int maxReplyBytes, ConnectionLimits limits) {
    public Settings {
      Framing.checkMax(maxFrameBytes);
      Framing.checkMax(maxReplyBytes);
      Objects.requireNonNull(nodeId, "nodeId");
      Objects.requireNonNull(limits, "limits");
    }

    public Settings(int maxFrameBytes, String nodeId) {
      this(maxFrameBytes, nodeId, Framing.DEFAULT_MAX_FRAME_BYTES, ConnectionLimits.DEFAULTS);
    }

    public static Settings of(String nodeId) {
      return new Settings(Framing.DEFAULT_MAX_FRAME_BYTES, nodeId);
    }
  }

  private final Settings settings;
  private final RequestHandler handler;
  private final AtomicInteger openConnections = new AtomicInteger();

  public ServerPipeline(Settings settings, RequestHandler handler) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Adds the protocol handlers at the end of {@code pipeline} (call from a ChannelInitializer). */
  public void install(ChannelPipeline pipeline) {
    // Replies written while reading a batch of frames go out in one flush at read-complete.
    pipeline.addLast("flush", new FlushConsolidationHandler());
    pipeline.addLast("frameDecoder", Framing.decoder(settings.maxFrameBytes()));
    pipeline.addLast("framePrepender", Framing.prepender());
    pipeline.addLast("requestDecoder", new RequestDecoder());
    pipeline.addLast("responseEncoder", new ResponseEncoder(settings.maxReplyBytes()));
    long idleMs = settings.limits().idleTimeout().toMillis();
    if (idleMs > 0) {
      pipeline.addLast("idle", new IdleStateHandler(idleMs, 0, 0, TimeUnit.MILLISECONDS));
    }
    pipeline.addLast("raftq", new ServerConnectionHandler(settings, handler, openConnections));
  }
}
