package io.raftq.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.raftq.client.FakeNode;
import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionTest {
  private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private static final Connection.Settings SETTINGS =
      new Connection.Settings(Duration.ofSeconds(5), 1 << 16, "test");

  private FakeNode node;

  @BeforeEach
  void start() throws Exception {
    node = new FakeNode("n1");
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @AfterAll
  static void shutdown() {
    GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private Connection open() throws Exception {
    return Connection.open(GROUP, node.address(), SETTINGS).get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void handshakeLearnsTheNodeId() throws Exception {
    Connection c = open();
    assertThat(c.nodeId()).isEqualTo("n1");
    assertThat(c.isOpen()).isTrue();
    c.close();
  }

  @Test
  void pipelinedAnswersAreMatchedById() throws Exception {
    node.script((n, r) -> null); // hold everything, answer in reverse order below
    Connection c = open();
    List<Connection.Call> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(c.send(new Request.DescribeQueue("q" + i)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> node.received().size() == 20);
    for (int i = 19; i >= 0; i--) {
      var ctx = node.received().get(i);
      ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, ((Request.DescribeQueue) ctx.request()).name()));
    }
    for (int i = 0; i < 20; i++) {
      Response r = calls.get(i).response().get(10, TimeUnit.SECONDS);
      assertThat(((Response.Error) r).message()).isEqualTo("q" + i);
    }
    assertThat(c.pendingCount()).isZero();
  }

  @Test
  void disconnectFailsPendingCallsWithARetriableError() throws Exception {
    node.script((n, r) -> null);
    Connection c = open();
    Connection.Call call = c.send(new Request.ListQueues());
    await().atMost(Duration.ofSeconds(10)).until(() -> node.received().size() == 1);
    node.dropConnections();
    Throwable t = failure(call.response());
    assertThat(((RaftqException) t).code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(((RaftqException) t).code().isRetriable()).isTrue();
    Throwable after = failure(c.send(new Request.ListQueues()).response());
    assertThat(((RaftqException) after).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void perRequestTimeout() throws Exception {
    node.script((n, r) -> null);
    Connection c = open();
    Throwable t = failure(c.send(new Request.ListQueues(), Duration.ofMillis(50)).response());
    assertThat(((RaftqException) t).code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(c.isOpen()).as("a timeout does not close the connection").isTrue();
    c.close();
  }

  @Test
  void oversizedFrameIsNotSentAndTheConnectionSurvives() throws Exception {
    Connection c = open();
    Request big = new Request.Send("q", 0, List.of(new OutgoingMessage("i", null, null, new byte[1 << 17])));
    Throwable t = failure(c.send(big).response());
    assertThat(((RaftqException) t).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    assertThat(c.send(new Request.DeleteQueue("q")).response().get(10, TimeUnit.SECONDS))
        .isEqualTo(new Response.Ok());
  }

  @Test
  void aRequestAboveWhatNodesAcceptIsNotSentEvenWithTheLargerDefaultLimitForAnswers() throws Exception {
    Connection c = Connection.open(GROUP, node.address(), Connection.Settings.defaults(Duration.ofSeconds(5)))
        .get(10, TimeUnit.SECONDS);
    Request big = new Request.Send("q", 0, List.of(
        new OutgoingMessage("i", null, null, new byte[io.raftq.protocol.Limits.MAX_FRAME_BYTES])));
    Throwable t = failure(c.send(big).response());
    assertThat(((RaftqException) t).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    assertThat(c.send(new Request.DeleteQueue("q")).response().get(10, TimeUnit.SECONDS))
        .isEqualTo(new Response.Ok());
    c.close();
  }

  @Test
  void aMalformedConnectionDoesNotDisturbOthers() throws Exception {
    Connection good = open();
    java.net.InetSocketAddress target = Addresses.parse(node.address());
    try (java.net.Socket bad = new java.net.Socket(target.getHostString(), target.getPort())) {
      bad.getOutputStream().write(new byte[] {0, 0, 0, 5, 0x42, 0, 0, 0, 9}); // unknown opcode 0x42, id 9
      java.io.DataInputStream in = new java.io.DataInputStream(bad.getInputStream());
      byte[] frame = new byte[in.readInt()];
      in.readFully(frame);
      assertThat(frame[0] & 0xFF).isEqualTo(0xFF); // an error frame...
      assertThat(in.read()).as("...then the node closes").isEqualTo(-1);
    }
    assertThat(good.send(new Request.DeleteQueue("q")).response().get(10, TimeUnit.SECONDS))
        .isEqualTo(new Response.Ok());
  }

  @Test
  void unreachableNodeIsUnavailable() throws Exception {
    String address = node.address();
    node.close();
    assertThatThrownBy(() -> Connection.open(GROUP, address, SETTINGS).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RaftqException.class)
        .satisfies(e -> assertThat(((RaftqException) e.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }
}
