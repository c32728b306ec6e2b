package io.raftq.server.sqs;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.raftq.client.RaftqClient;
import io.raftq.server.DaemonThreads;
import io.raftq.server.sqs.action.QueueAddress;
import io.raftq.server.sqs.action.SqsActions;
import io.raftq.server.sqs.auth.SqsCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQS-compatible HTTP API of one node. It serves every queue through the node's own raftq client, which
 * forwards each call to the partition's leader, so any node answers for any queue.
 */
public final class SqsGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqsGateway.class);
  /** Largest request body: a batch of SQS's largest messages, in JSON with base64 attributes. */
  static final int MAX_BODY_BYTES = 4 << 20;

  private final Channel channel;
  private final ExecutorService background;

  private SqsGateway(Channel channel, ExecutorService background) {
    this.channel = channel;
    this.background = background;
  }

  /** Binds the API on {@code settings.address()}; serves on the given event loops (the node's own). */
  public static SqsGateway start(SqsSettings settings, RaftqClient client, EventLoopGroup boss,
      EventLoopGroup workers) throws IOException, InterruptedException {
    SqsCredentials credentials = settings.credentials() == null ? null : SqsCredentials.read(settings.credentials());
    ExecutorService background = Executors.newCachedThreadPool(DaemonThreads.named("sqs-move-task"));
    SqsActions actions = new SqsActions(client, new QueueAddress(settings.region(), settings.accountId()),
        background, System::currentTimeMillis);
    String fallbackHost = settings.address().host() + ":" + settings.address().port();
    SqsHttpHandler handler = new SqsHttpHandler(actions, credentials, fallbackHost);
    ServerBootstrap b = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                new HttpObjectAggregator(MAX_BODY_BYTES), handler);
          }
        });
    Channel channel = b.bind(new InetSocketAddress(settings.address().host(), settings.address().port()))
        .sync().channel();
    if (credentials == null) {
      LOG.warn("SQS API on {} accepts any signature: no --sqs-credentials given (for local development only)",
          settings.address());
    } else {
      LOG.info("SQS API on {} checks AWS Signature V4 against {} access key(s) from {}", settings.address(),
          credentials.size(), settings.credentials());
    }
    return new SqsGateway(channel, background);
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    background.shutdownNow();
  }
}
