package io.raftq.server;

import io.raftq.client.ClientConfig;
import io.raftq.client.RaftqClient;
import io.raftq.raft.ClusterMembers;
import io.raftq.raft.HostPort;
import io.raftq.raft.Member;
import io.raftq.raft.RaftSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real 3-node cluster in one JVM: real Ratis (GRPC), real RocksDB, real sockets on 127.0.0.1 with free ports and
 * a temporary data directory per node. Nodes can be stopped, wiped and restarted.
 */
final class LocalCluster implements AutoCloseable {
  private final Path root;
  private final List<Member> members = new ArrayList<>();
  private final List<RaftqNode> nodes = new ArrayList<>();
  /** Indexes of nodes added with {@link #join}: they start with --join instead of --peers. */
  private final java.util.Set<Integer> joined = new java.util.HashSet<>();
  private int seeds;
  private final long snapshotThreshold;
  /** Each node's SQS API address, when the cluster serves it. */
  private final List<HostPort> sqsAddresses = new ArrayList<>();
  private final Path sqsCredentials;

  LocalCluster(int size, long snapshotThreshold) throws Exception {
    this(size, snapshotThreshold, false, null);
  }

  /** Nodes re-create the replicas of a node silent for this long (null: the default). */
  private Duration replaceDownAfter;
  private boolean balanceLeaders;

  /** How long partitions stay idle before they close (null: the default). */
  private Duration quiesceAfter;

  /** A cluster whose nodes close partitions idle for {@code after} (--quiesce-after). */
  static LocalCluster quiescing(int size, long snapshotThreshold, Duration after) throws Exception {
    return new LocalCluster(size, snapshotThreshold, false, null, null, false, after);
  }

  /** A cluster whose nodes balance leaders (the experimental --balance-leaders). */
  static LocalCluster balancingLeaders(int size, long snapshotThreshold) throws Exception {
    LocalCluster c = new LocalCluster(size, snapshotThreshold, false, null, null, true);
    return c;
  }

  LocalCluster(int size, long snapshotThreshold, Duration replaceDownAfter) throws Exception {
    this(size, snapshotThreshold, false, null, replaceDownAfter, false);
  }

  /** A cluster whose nodes also serve the SQS API; {@code sqsCredentials} null: any signature is accepted. */
  LocalCluster(int size, long snapshotThreshold, boolean sqs, Path sqsCredentials) throws Exception {
    this(size, snapshotThreshold, sqs, sqsCredentials, null, false);
  }

  private LocalCluster(int size, long snapshotThreshold, boolean sqs, Path sqsCredentials, Duration replaceDownAfter,
      boolean balanceLeaders) throws Exception {
    this(size, snapshotThreshold, sqs, sqsCredentials, replaceDownAfter, balanceLeaders, null);
  }

  private LocalCluster(int size, long snapshotThreshold, boolean sqs, Path sqsCredentials, Duration replaceDownAfter,
      boolean balanceLeaders, Duration quiesceAfter) throws Exception {
    this.quiesceAfter = quiesceAfter;
    this.replaceDownAfter = replaceDownAfter;
    this.balanceLeaders = balanceLeaders;
    this.root = Files.createTempDirectory("raftq-it");
    this.snapshotThreshold = snapshotThreshold;
    this.sqsCredentials = sqsCredentials;
    for (int i = 1; i <= size; i++) {
      members.add(new Member("n" + i, new HostPort("127.0.0.1", freePort()), new HostPort("127.0.0.1", freePort())));
      if (sqs) {
        sqsAddresses.add(new HostPort("127.0.0.1", freePort()));
      }
    }
    seeds = size;
    for (int i = 0; i < size; i++) {
      nodes.add(null);
    }
    List<Thread> starters = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int n = i;
      // Start concurrently: the metadata group needs a majority before any node can finish starting.
      Thread t = new Thread(() -> {
        try {
          start(n);
        } catch (Exception e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      t.start();
      starters.add(t);
    }
    for (Thread t : starters) {
      t.join();
    }
    if (!failures.isEmpty()) {
      close();
      throw failures.get(0);
    }
  }

  private static int freePort() throws IOException {
    return TestPorts.next();
  }

  NodeConfig config(int n) {
    Member m = members.get(n);
    NodeConfig config = new NodeConfig(m.id(), root.resolve(m.id()), m.raftAddress(), m.clientAddress(),
        new ClusterMembers(joined.contains(n) ? List.of(m) : members.subList(0, seeds)), RaftSettings.Transport.GRPC,
        snapshotThreshold, 1 << 20, Duration.ofMillis(1000), Duration.ofMillis(2000));
    if (joined.contains(n)) {
      config = config.joining(List.of(members.get(0).clientAddress()), "");
    }
    if (replaceDownAfter != null) {
      config = config.withReplaceDownAfter(replaceDownAfter);
    }
    config = config.withLeaderBalance(balanceLeaders);
    if (quiesceAfter != null) {
      config = config.withQuiesceAfter(quiesceAfter);
    }
    return sqsAddresses.isEmpty() ? config
        : config.withSqs(new io.raftq.server.sqs.SqsSettings(sqsAddresses.get(n), sqsCredentials, null, null));
  }

  /** The URL of node {@code n}'s SQS API. */
  java.net.URI sqsEndpoint(int n) {
    return java.net.URI.create("http://" + sqsAddresses.get(n));
  }

  void start(int n) throws Exception {
    nodes.set(n, RaftqNode.start(config(n)));
  }

  /** Starts one more node, joining through node 0; returns its index. */
  int join() throws Exception {
    int n = members.size();
    members.add(new Member("n" + (n + 1), new HostPort("127.0.0.1", freePort()), new HostPort("127.0.0.1", freePort())));
    nodes.add(null);
    joined.add(n);
    start(n);
    return n;
  }

  int size() {
    return members.size();
  }

  void stop(int n) {
    if (nodes.get(n) != null) {
      nodes.get(n).close();
      nodes.set(n, null);
    }
  }

  void wipe(int n) throws IOException {
    Path dir = root.resolve(members.get(n).id());
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  RaftqNode node(int n) {
    return nodes.get(n);
  }

  int indexOf(String nodeId) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).id().equals(nodeId)) {
        return i;
      }
    }
    throw new IllegalArgumentException(nodeId);
  }

  String clientAddress(int n) {
    return members.get(n).clientAddress().toString();
  }

  List<String> bootstrap() {
    return members.stream().map(m -> m.clientAddress().toString()).toList();
  }

  RaftqClient client() {
    return RaftqClient.connect(ClientConfig.of(bootstrap()).withDeliveryTimeout(Duration.ofSeconds(60)));
  }

  @Override
  public void close() throws IOException {
    for (int i = 0; i < nodes.size(); i++) {
      stop(i);
    }
    for (int i = 0; i < members.size(); i++) {
      wipe(i);
    }
    Files.deleteIfExists(root);
  }
}
