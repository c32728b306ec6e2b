package io.raftq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.raftq.client.internal.Connection;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import io.raftq.protocol.netty.ConnectionLimits;
import io.raftq.protocol.netty.Framing;
import io.raftq.protocol.netty.RequestContext;
import io.raftq.protocol.netty.ServerPipeline;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server pipeline's {@link ConnectionLimits} over real sockets on 127.0.0.1, with small limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLimitsTest {
  static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  static final Connection.Settings CLIENT = Connection.Settings.defaults(Duration.ofSeconds(5));
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
  }

  @AfterAll
  static void stopGroup() {
    GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** A node with these limits that answers everything Ok except Receives and Sends, which it leaves waiting. */
  private FakeNode node(ConnectionLimits limits) throws InterruptedException {
    FakeNode n = new FakeNode("n1", new ServerPipeline.Settings(Framing.DEFAULT_MAX_FRAME_BYTES, "n1",
        Framing.DEFAULT_MAX_FRAME_BYTES, limits));
    n.script((node, r) -> r instanceof Request.Receive || r instanceof Request.Send ? null
        : r instanceof Request.ListQueues ? new Response.QueueList(List.of()) : new Response.Ok());
    resources.add(n);
    return n;
  }

  private static ConnectionLimits limits(Duration handshake, Duration idle, int connections, int waiting,
      long bytes) {
    return new ConnectionLimits(handshake, idle, connections, waiting, bytes);
  }

  private Connection connect(FakeNode n) {
    Connection c = Connection.open(GROUP, n.address(), CLIENT).join();
    resources.add(0, c::close);
    return c;
  }

  @Test
  void aPeerThatNeverSaysHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
    FakeNode n = node(limits(Duration.ofMillis(300), Duration.ZERO, 10, 10, 1 << 20));
    String[] hostPort = n.address().split(":");
    try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      s.setSoTimeout(10_000);
      long t0 = System.nanoTime();
      ResponseFrame f = readFrame(s.getInputStream());
      assertThat(f.requestId()).isZero();
      assertThat(((Response.Error) f.response()).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(((Response.Error) f.response()).message()).contains("no Hello within 300 ms");
      assertThat(s.getInputStream().read()).as("closed by the node").isEqualTo(-1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(9_000);
    }
    // A connection that said Hello is not touched by the handshake timer.
    Connection c = connect(n);
    Thread.sleep(600);
    assertThat(c.isOpen()).isTrue();
    assertThat(c.send(new Request.ListQueues()).response().join()).isInstanceOf(Response.QueueList.class);
  }

  @Test
  void theConnectionBeyondTheLimitIsRefusedWithOverloaded() throws Exception {
    FakeNode n = node(limits(Duration.ofSeconds(10), Duration.ZERO, 2, 10, 1 << 20));
    Connection first = connect(n);
    connect(n);
    assertThatThrownBy(() -> Connection.open(GROUP, n.address(), CLIENT).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RaftqException.class)
        .satisfies(e -> {
          RaftqException r = (RaftqException) e.getCause();
          assertThat(r.code()).isEqualTo(ErrorCode.OVERLOADED);
          assertThat(r.code().isRetriable()).isTrue();
          assertThat(r.getMessage()).contains("limit of 2 client connections");
        });
    first.close();
    // Once one closes, the node counts it out and takes a new one.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        connect(n);
        return true;
      } catch (CompletionException e) {
        return false;
      }
    });
  }

  @Test
  void receivesBeyondTheWaitingCapAreAnsweredOverloaded() throws Exception {
    FakeNode n = node(limits(Duration.ofSeconds(10), Duration.ZERO, 10, 2, 1 << 20));
    Connection c = connect(n);
    Connection.Call w1 = c.send(new Request.Receive("q", 0, "g", 10, -1, 20_000));
    Connection.Call w2 = c.send(new Request.Receive("q", 1, "g", 10, -1, 20_000));
    await().atMost(Duration.ofSeconds(5)).until(() -> n.received(Request.Receive.class).size() == 2);
    Response third = c.send(new Request.Receive("q", 2, "g", 10, -1, 20_000)).response().join();
    assertThat(third).isInstanceOf(Response.Error.class);
    assertThat(((Response.Error) third).code()).isEqualTo(ErrorCode.OVERLOADED);
    assertThat(((Response.Error) third).message()).contains("at most 2 receives may wait on one connection");
    assertThat(n.received(Request.Receive.class)).hasSize(2); // never reached the handler
    // Other requests, and a CancelWait, still go through.
    assertThat(c.send(new Request.CancelWait(w1.requestId())).response().join()).isEqualTo(new Response.Ok());
    // Once a waiting receive is answered, another may wait.
    n.received().stream().filter(ctx -> ctx.requestId() == w1.requestId()).findFirst().orElseThrow()
        .reply(new Response.Received(List.of()));
    assertThat(w1.response().join()).isEqualTo(new Response.Received(List.of()));
    c.send(new Request.Receive("q", 3, "g", 10, -1, 20_000));
    await().atMost(Duration.ofSeconds(5)).until(() -> n.received(Request.Receive.class).size() == 3);
    assertThat(w2.response()).isNotDone();
  }

  @Test
  void requestBytesBeyondTheCapAreAnsweredOverloadedButOneRequestAlwaysPasses() throws Exception {
    FakeNode n = node(limits(Duration.ofSeconds(10), Duration.ZERO, 10, 10, 1000));
    Connection c = connect(n);
    Connection.Call big = c.send(send(4000)); // above the cap, but alone: admitted
    await().atMost(Duration.ofSeconds(5)).until(() -> n.received(Request.Send.class).size() == 1);
    Response refused = c.send(send(10)).response().join();
    assertThat(((Response.Error) refused).code()).isEqualTo(ErrorCode.OVERLOADED);
    assertThat(((Response.Error) refused).message()).contains("request bytes may be in flight");
    n.received().stream().filter(ctx -> ctx.requestId() == big.requestId()).findFirst().orElseThrow()
        .reply(new Response.Sent(List.of()));
    big.response().join();
    c.send(send(10));
    await().atMost(Duration.ofSeconds(5)).until(() -> n.received(Request.Send.class).size() == 2);
  }

  @Test
  void idleConnectionsCloseAndTheClientReconnectsWithoutAnError() throws Exception {
    FakeNode n = node(limits(Duration.ofSeconds(10), Duration.ofMillis(400), 10, 10, 1 << 20));
    Connection c = connect(n);
    Connection.Call waiting = c.send(new Request.Receive("q", 0, "g", 10, -1, 20_000));
    Thread.sleep(1200);
    assertThat(c.isOpen()).as("a connection with a receive waiting is not idle").isTrue();
    n.received().stream().filter(ctx -> ctx.requestId() == waiting.requestId()).findFirst().orElseThrow()
        .reply(new Response.Received(List.of()));
    await().atMost(Duration.ofSeconds(10)).until(() -> !c.isOpen());

    // The client library's pooled connections: closed while idle, reopened on the next call, no error surfaces.
    try (RaftqClient client = RaftqClient.connect(new ClientConfig(List.of(n.address()), Duration.ofSeconds(2),
        Duration.ofSeconds(10), 1, 1 << 20))) {
      assertThat(client.admin().listQueues().join()).isEmpty();
      int before = n.received(Request.ListQueues.class).size();
      Thread.sleep(1200); // three idle timeouts: the node has closed the pooled connection
      assertThat(client.admin().listQueues().join()).isEmpty();
      assertThat(n.received(Request.ListQueues.class)).hasSize(before + 1);
    }
  }

  private static Request.Send send(int payloadBytes) {
    return new Request.Send("q", 0, List.of(new OutgoingMessage("m" + payloadBytes, null, List.of(),
        new byte[payloadBytes])));
  }

  private static ResponseFrame readFrame(InputStream in) throws Exception {
    DataInputStream data = new DataInputStream(in);
    int length;
    try {
      length = data.readInt();
    } catch (EOFException e) {
      throw new AssertionError("closed without an error frame", e);
    }
    byte[] body = new byte[length];
    data.readFully(body);
    return ProtocolCodec.decodeResponse(ByteBuffer.wrap(body));
  }
}
