package io.raftq.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Opcodes;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.Request;
import io.raftq.protocol.RequestFrame;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import io.raftq.protocol.netty.FrameTooLargeException;
import io.raftq.protocol.netty.Framing;
import io.raftq.protocol.netty.RequestEncoder;
import io.raftq.protocol.netty.ResponseDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipelined connection to one node: any number of requests in flight, answers matched by request id.
 *
 * <p>Promises: every {@link #send} future completes exactly once. It completes normally with the node's answer
 * (an {@link Response.Error} included: interpreting it is the caller's job), or exceptionally with a
 * {@link RaftqException}: {@code UNAVAILABLE} if the request was not sent (connection closed, write failed),
 * {@code TIMEOUT} if it was sent and no answer came (per-request timeout or connection lost: the outcome is
 * unknown), {@code FRAME_TOO_LARGE} if the frame exceeds the frame limit (not sent). Thread-safe.
 */
public final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** {@code requestTimeout}: default per-request timeout and connect timeout. */
  public record Settings(Duration requestTimeout, int maxFrameBytes, String clientName) {
    public static Settings defaults(Duration requestTimeout) {
      return new Settings(requestTimeout, Framing.DEFAULT_MAX_FRAME_BYTES, "raftq-java");
    }
  }

  /** A request in flight: its id (to cancel a wait with) and its answer. */
  public record Call(int requestId, CompletableFuture<Response> response) {}

  private record Pending(Request request, CompletableFuture<Response> future, ScheduledFuture<?> timeout) {}

  private final String address;
  private final Settings settings;
  private final Channel channel;
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private volatile String nodeId;
  /** The connection-level error (request id 0) the node sent before closing, if any. */
  private volatile Response.Error closingError;

  private Connection(String address, Settings settings, Channel channel) {
    this.address = address;
    this.settings = settings;
    this.channel = channel;
  }

  /**
   * Connects to {@code address} and performs the handshake. Fails with {@code UNAVAILABLE} if the node cannot be
   * reached, or with the node's error (e.g. {@code UNSUPPORTED_VERSION}).
   */
  public static CompletableFuture<Connection> open(EventLoopGroup group, String address, Settings settings) {
    CompletableFuture<Connection> result = new CompletableFuture<>();
    InetSocketAddress target;
    try {
      target = Addresses.parse(address);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new RaftqException(ErrorCode.INVALID_REQUEST, e.getMessage()));
    }
    Connection[] self = new Connection[1];
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis()))
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            self[0] = new Connection(address, settings, ch);
            // Nodes close the connection on a request frame above Limits.MAX_FRAME_BYTES: refuse it here instead.
            int maxRequestBytes = Math.min(settings.maxFrameBytes(), io.raftq.protocol.Limits.MAX_FRAME_BYTES);
            ch.pipeline().addLast(Framing.decoder(settings.maxFrameBytes()), Framing.prepender(),
                new ResponseDecoder(), new RequestEncoder(maxRequestBytes), self[0].new Handler());
          }
        });
    ChannelFuture connect = b.connect(target);
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new RaftqException(ErrorCode.UNAVAILABLE,
            "cannot connect to " + address + ": " + f.cause(), f.cause()));
      } else {
        self[0].handshake(result);
      }
    });
    return result;
  }

  private void handshake(CompletableFuture<Connection> result) {
    send(new Request.Hello(ProtocolCodec.PROTOCOL_VERSION, settings.clientName())).response()
        .whenComplete((r, t) -> {
          if (r instanceof Response.HelloOk ok && ok.protocolVersion() == ProtocolCodec.PROTOCOL_VERSION) {
            nodeId = ok.nodeId();
            result.complete(this);
            return;
          }
          close();
          if (t != null) {
            result.completeExceptionally(t);
          } else if (r instanceof Response.Error e) {
            result.completeExceptionally(new RaftqException(e.code(), address + " refused the handshake: " + e.message()));
          } else {
            result.completeExceptionally(new RaftqException(ErrorCode.UNSUPPORTED_VERSION,
                address + " answered the handshake with " + r));
          }
        });
  }

  /** The address this connection was opened to. */
  public String address() {
    return address;
  }

  /** The node id announced in the handshake. */
  public String nodeId() {
    return nodeId;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Requests currently awaiting an answer. */
  public int pendingCount() {
    return pending.size();
  }

  /** Sends with the default request timeout. */
  public Call send(Request request) {
    return send(request, settings.requestTimeout());
  }

  /** Sends {@code request}; the answer must arrive within {@code timeout} or the call fails with TIMEOUT. */
  public Call send(Request request, Duration timeout) {
    CompletableFuture<Response> future = new CompletableFuture<>();
    int id = register(request, future, timeout);
    if (!channel.isActive()) {
      fail(id, ErrorCode.UNAVAILABLE, "connection to " + address + " is closed");
      return new Call(id, future);
    }
    channel.writeAndFlush(new RequestFrame(id, request)).addListener(f -> {
      if (!f.isSuccess()) {
        Throwable cause = f.cause();
        if (cause != null && cause.getCause() instanceof FrameTooLargeException tooLarge) {
          fail(id, ErrorCode.FRAME_TOO_LARGE, tooLarge.getMessage());
        } else {
          fail(id, ErrorCode.UNAVAILABLE, "could not write to " + address + ": " + cause);
        }
      }
    });
    return new Call(id, future);
  }

  private int register(Request request, CompletableFuture<Response> future, Duration timeout) {
    while (true) {
      int id = nextId.getAndUpdate(i -> i == Integer.MAX_VALUE ? 1 : i + 1); // 0 means "unknown request"
      ScheduledFuture<?> timer = channel.eventLoop().schedule(
          () -> fail(id, ErrorCode.TIMEOUT, "no answer from " + address + " within " + timeout.toMillis() + " ms"),
          timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (pending.putIfAbsent(id, new Pending(request, future, timer)) == null) {
        return id;
      }
      timer.cancel(false); // id still in use after a wrap-around: take the next one
    }
  }

  private void fail(int requestId, ErrorCode code, String message) {
    Pending p = pending.remove(requestId);
    if (p != null) {
      p.timeout().cancel(false);
      p.future().completeExceptionally(new RaftqException(code, message));
    }
  }

  private void onResponse(ResponseFrame frame) {
    if (frame.requestId() == 0) {
      LOG.warn("{} reported a connection error: {}", address, frame.response());
      if (frame.response() instanceof Response.Error e) {
        closingError = e;
      }
      return; // the node closes the connection next; pending calls fail then
    }
    Pending p = pending.remove(frame.requestId());
    if (p == null) {
      LOG.debug("answer from {} to unknown or timed-out request {}", address, frame.requestId());
      return;
    }
    p.timeout().cancel(false);
    if (!frame.isError() && frame.opcode() != Opcodes.responseTo(p.request())) {
      p.future().completeExceptionally(new RaftqException(ErrorCode.UNKNOWN,
          address + " answered " + p.request().getClass().getSimpleName() + " with opcode 0x"
              + Integer.toHexString(frame.opcode())));
      return;
    }
    p.future().complete(frame.response());
  }

  /**
   * Pending calls fail with TIMEOUT (their outcome is unknown), except a handshake the node refused before closing
   * (e.g. OVERLOADED: it serves its limit of connections), which fails with the node's own error.
   */
  private void onClosed() {
    Response.Error refusal = closingError;
    for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
      if (refusal != null && e.getValue().request() instanceof Request.Hello) {
        fail(e.getKey(), refusal.code(), address + " refused the connection: " + refusal.message());
      } else {
        fail(e.getKey(), ErrorCode.TIMEOUT, "connection to " + address + " lost; outcome unknown"
            + (refusal == null ? "" : " (" + refusal.code() + ": " + refusal.message() + ")"));
      }
    }
  }

  /** Closes the connection; pending calls fail with TIMEOUT (their outcome is unknown). */
  public void close() {
    channel.close();
  }

  @Override
  public String toString() {
    return "Connection[" + address + (nodeId == null ? "" : " " + nodeId) + "]";
  }

  private final class Handler extends SimpleChannelInboundHandler<ResponseFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ResponseFrame frame) {
      onResponse(frame);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      onClosed();
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("closing {} after {}", address, cause.toString());
      ctx.close();
    }
  }
}
