package io.raftq.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.netty.RequestContext;
import io.raftq.protocol.netty.RequestHandler;
import io.raftq.protocol.netty.ServerPipeline;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A scripted node on 127.0.0.1 (port 0) built from the real {@link ServerPipeline}. The script maps each request
 * to an answer, or to null to hold it (the test answers later through {@link #received()}). Every request is
 * recorded, in arrival order.
 */
public final class FakeNode implements AutoCloseable {
  private static final EventLoopGroup GROUP =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  private final String nodeId;
  private final List<RequestContext> received = new CopyOnWriteArrayList<>();
  private final List<Channel> connections = new CopyOnWriteArrayList<>();
  private volatile BiFunction<FakeNode, Request, Response> script = (n, r) -> new Response.Ok();
  private final Channel server;

  public FakeNode(String nodeId) throws InterruptedException {
    this(nodeId, ServerPipeline.Settings.of(nodeId));
  }

  /** A node whose pipeline has {@code settings} (e.g. small connection limits). */
  public FakeNode(String nodeId, ServerPipeline.Settings settings) throws InterruptedException {
    this.nodeId = nodeId;
    RequestHandler handler = (ctx, request) -> {
      received.add(ctx);
      Response answer = script.apply(this, request);
      if (answer != null) {
        ctx.reply(answer);
      }
    };
    ServerPipeline door = new ServerPipeline(settings, handler);
    server = new ServerBootstrap().group(GROUP).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            connections.add(ch);
            door.install(ch.pipeline());
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
  }

  public FakeNode script(BiFunction<FakeNode, Request, Response> script) {
    this.script = script;
    return this;
  }

  public String address() {
    return "127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  public String nodeId() {
    return nodeId;
  }

  public List<RequestContext> received() {
    return received;
  }

  /** Requests of one type received so far, in arrival order. */
  public <T extends Request> List<T> received(Class<T> type) {
    return received.stream().map(RequestContext::request).filter(type::isInstance).map(type::cast).toList();
  }

  /** Closes every accepted connection (the listener stays up). */
  public void dropConnections() {
    connections.forEach(Channel::close);
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    dropConnections();
  }
}
