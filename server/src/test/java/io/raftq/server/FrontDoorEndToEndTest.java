package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.raftq.client.ClientConfig;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.SendResult;
import io.raftq.client.internal.Connection;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import io.raftq.protocol.netty.ConnectionLimits;
import io.raftq.raft.ClusterMembers;
import io.raftq.raft.GroupIds;
import io.raftq.raft.HostPort;
import io.raftq.raft.Member;
import io.raftq.raft.RaftSettings;
import io.raftq.statemachine.ratis.RocksStateMachine;
import java.io.DataInputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The front door of a real node (real Ratis, RocksDB and sockets): reads get an answer (data or a typed error),
 * never silence, while a partition's store is closed as for a snapshot install and while the partition is
 * quiescent; and the node enforces its client connection limits.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FrontDoorEndToEndTest {
  static final Duration HANDSHAKE = Duration.ofSeconds(5); // short, yet long enough for a loaded machine
  static final int MAX_WAITING = 3;
  static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  /** Well under the client's default timeouts: an answer must come at once, not when somebody gives up. */
  static final Connection.Settings PROBE = Connection.Settings.defaults(Duration.ofSeconds(8));
  static Path dir;
  static RaftqNode node;
  static RaftqClient client;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("raftq-frontdoor");
    Member m = new Member("n1", new HostPort("127.0.0.1", freePort()), new HostPort("127.0.0.1", freePort()));
    NodeConfig config = new NodeConfig("n1", dir, m.raftAddress(), m.clientAddress(), new ClusterMembers(List.of(m)),
        RaftSettings.Transport.GRPC, 1_000_000, 1 << 20, Duration.ofMillis(1000), Duration.ofMillis(2000))
        .withQuiesceAfter(Duration.ofSeconds(10))
        .withClientLimits(new ConnectionLimits(HANDSHAKE, Duration.ofMinutes(10), 100, MAX_WAITING, 64L << 20));
    node = RaftqNode.start(config);
    client = RaftqClient.connect(ClientConfig.of(List.of(address())).withDeliveryTimeout(Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
    GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void readsWhileTheStoreIsClosedAsForASnapshotInstallAreAnswered() throws Exception {
    RaftGroupId gid = createQueue("closed-store");
    SendResult sent = client.producer().send("closed-store", "k", bytes("hello"), List.of()).join();
    RocksStateMachine sm = (RocksStateMachine) node.raftNode().division(gid).orElseThrow().getStateMachine();
    Connection c = Connection.open(GROUP, address(), PROBE).join();
    sm.pause(); // what Ratis does first when it installs a snapshot: the store closes
    try {
      List<Response> answers = reads(c, "closed-store", sent.id());
      // Browse reads the store: a typed, retriable error. Others may answer from memory; none may stay silent.
      assertThat(answers.get(0)).isInstanceOf(Response.Error.class);
      for (Response r : answers) {
        if (r instanceof Response.Error e) {
          assertThat(e.code()).as(r.toString()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.message()).contains("snapshot install or quiescence");
        }
      }
    } finally {
      sm.reinitialize(); // and reopens it once the snapshot is in place (a paused one would hang the node's close)
    }
    try {
      Response browsed = c.send(new Request.Browse("closed-store", 0, 0, 10)).response().join();
      assertThat(((Response.Browsed) browsed).messages()).hasSize(1);
    } finally {
      c.close();
    }
  }

  @Test
  void readsOfAQuiescentPartitionAreAnsweredAndOpenIt() throws Exception {
    RaftGroupId gid = createQueue("quiet");
    SendResult sent = client.producer().send("quiet", "k", bytes("hello"), List.of()).join();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> !node.raftNode().groupIds().contains(gid) && node.raftNode().isStoredClosed(gid));
    Connection c = Connection.open(GROUP, address(), PROBE).join();
    try {
      Set<ErrorCode> codes = new HashSet<>();
      for (Response r : reads(c, "quiet", sent.id())) { // answered at once: "opening, retry"
        if (r instanceof Response.Error e) {
          codes.add(e.code());
        }
      }
      assertThat(codes).containsOnly(ErrorCode.UNAVAILABLE);
      // Asked again, the partition has opened and answers with its data.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
          c.send(new Request.Browse("quiet", 0, 0, 10)).response().join() instanceof Response.Browsed b
              && b.messages().size() == 1);
    } finally {
      c.close();
    }
  }

  @Test
  void aSocketThatNeverSaysHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
    HostPort a = node.config().clientAddress();
    try (Socket s = new Socket(a.host(), a.port())) {
      s.setSoTimeout(15_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      ResponseFrame f = ProtocolCodec.decodeResponse(ByteBuffer.wrap(body));
      assertThat(((Response.Error) f.response()).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(in.read()).as("closed by the node").isEqualTo(-1);
    }
  }

  @Test
  void receivesBeyondThePerConnectionCapAreAnsweredOverloaded() throws Exception {
    createQueue("parked");
    Connection c = Connection.open(GROUP, address(), PROBE).join();
    try {
      List<Connection.Call> waiting = new ArrayList<>();
      for (int i = 0; i < MAX_WAITING; i++) {
        waiting.add(c.send(new Request.Receive("parked", 0, "g" + i, 1, -1, 15_000), Duration.ofSeconds(30)));
      }
      Response refused = c.send(new Request.Receive("parked", 0, "g-extra", 1, -1, 15_000)).response().join();
      assertThat(((Response.Error) refused).code()).isEqualTo(ErrorCode.OVERLOADED);
      waiting.forEach(w -> assertThat(w.response()).isNotDone());
      for (Connection.Call w : waiting) {
        c.send(new Request.CancelWait(w.requestId())).response().join();
        assertThat(w.response().join()).isEqualTo(new Response.Received(List.of()));
      }
    } finally {
      c.close();
    }
  }

  /** The reads a client can make of a partition's leader, each answered (a TIMEOUT here fails the test). */
  private static List<Response> reads(Connection c, String queue, String id) {
    List<Request> requests = List.of(new Request.Browse(queue, 0, 0, 10), new Request.MessageStatus(queue, 0, id),
        new Request.PartitionStats(queue, 0), new Request.WasProcessed(queue, 0, "g", id),
        new Request.OffsetForTime(queue, 0, 0));
    List<Response> answers = new ArrayList<>();
    for (Request r : requests) {
      try {
        answers.add(c.send(r).response().join());
      } catch (CompletionException e) {
        throw new AssertionError(r + " got no answer: " + e.getCause(), e);
      }
    }
    return answers;
  }

  private static RaftGroupId createQueue(String name) {
    Set<RaftGroupId> before = new HashSet<>(node.raftNode().groupIds());
    client.admin().createQueue(name, 1, new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5))).join();
    await().atMost(Duration.ofSeconds(30)).until(() -> node.raftNode().groupIds().size() > before.size());
    Set<RaftGroupId> added = new HashSet<>(node.raftNode().groupIds());
    added.removeAll(before);
    added.remove(GroupIds.METADATA);
    return added.iterator().next();
  }

  private static String address() {
    return node.config().clientAddress().toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int freePort() throws java.io.IOException {
    return TestPorts.next();
  }
}
