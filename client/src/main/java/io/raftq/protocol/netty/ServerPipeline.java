package io.raftq.protocol.netty;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.Objects;

/**
 * Installs the server side of the protocol on a channel's pipeline:
 *
 * <pre>
 * bytes -> flush consolidation -> LengthFieldBasedFrameDecoder(max) -> RequestDecoder -> ServerConnectionHandler
 *                                                                                       (handshake, errors)
 *                                                                                            -> RequestHandler
 * bytes <- LengthFieldPrepender <- ResponseEncoder <- RequestContext.reply(...)
 * </pre>
 *
 * <p>Promises: the first frame must be {@code Hello} with {@link io.raftq.protocol.ProtocolCodec#PROTOCOL_VERSION}
 * and is answered {@code HelloOk(version, nodeId)}; any other first frame is answered
 * {@code Error(UNSUPPORTED_VERSION | INVALID_REQUEST)} and the connection closed. A malformed frame is answered
 * {@code Error(INVALID_REQUEST, reason)} (under its request id when it could be read, else 0), an oversized one
 * {@code Error(FRAME_TOO_LARGE)} with request id 0, and the connection closed. No exception escapes into Netty's
 * pipeline; other connections are unaffected.
 */
public final class ServerPipeline {

  /** Per-node settings. {@code maxFrameBytes}: cap of a frame's contents; {@code nodeId}: sent in HelloOk. */
  public record Settings(int maxFrameBytes, String nodeId) {
    public Settings {
      Framing.checkMax(maxFrameBytes);
      Objects.requireNonNull(nodeId, "nodeId");
    }

    public static Settings of(String nodeId) {
      return new Settings(Framing.DEFAULT_MAX_FRAME_BYTES, nodeId);
    }
  }

  private ServerPipeline() {}

  /** Adds the protocol handlers at the end of {@code pipeline} (call from a ChannelInitializer). */
  public static void install(ChannelPipeline pipeline, Settings settings, RequestHandler handler) {
    Objects.requireNonNull(handler, "handler");
    // Replies written while reading a batch of frames go out in one flush at read-complete.
    pipeline.addLast("flush", new FlushConsolidationHandler());
    pipeline.addLast("frameDecoder", Framing.decoder(settings.maxFrameBytes()));
    pipeline.addLast("framePrepender", Framing.prepender());
    pipeline.addLast("requestDecoder", new RequestDecoder());
    pipeline.addLast("responseEncoder", new ResponseEncoder());
    pipeline.addLast("raftq", new ServerConnectionHandler(settings, handler));
  }
}
