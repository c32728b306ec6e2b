package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.RaftqException;
import io.raftq.client.SendResult;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.PartitionStatus;
import io.raftq.protocol.ReceiptOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End to end on a real 3-node cluster in one JVM (real Ratis, RocksDB, sockets): the client library against the
 * nodes' front doors. Each test uses its own queue.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterEndToEndTest {
  static LocalCluster cluster;
  static RaftqClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster(3, 50);
    client = cluster.client();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void create(String queue, int partitions, Duration visibility) {
    client.admin().createQueue(queue, partitions, new QueueOptions(visibility, Duration.ofMinutes(5))).join();
  }

  private static List<Delivery> receive(String queue, String group, int max, Duration visibility) {
    return client.consumer().receive(queue, group, max, visibility, Duration.ofSeconds(5)).join();
  }

  @Test
  void sendReceiveAck() {
    create("it-basic", 2, Duration.ofSeconds(30));
    SendResult sent = client.producer().send("it-basic", "k1", utf8("hello"), List.of()).join();
    assertThat(sent.duplicate()).isFalse();

    List<Delivery> got = receive("it-basic", "g", 10, null);
    assertThat(got).hasSize(1);
    assertThat(new String(got.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(got.get(0).id()).isEqualTo(sent.id());
    assertThat(got.get(0).deliveries()).isEqualTo(1);

    assertThat(client.consumer().ack("it-basic", "g", List.of(got.get(0).receipt())).join())
        .containsExactly(ReceiptOutcome.OK);
    assertThat(client.consumer().ack("it-basic", "g", List.of(got.get(0).receipt())).join())
        .containsExactly(ReceiptOutcome.ALREADY_ACKED);
    assertThat(client.consumer().receive("it-basic", "g", 10, null, Duration.ZERO).join()).isEmpty();
    assertThat(client.admin().listQueues().join()).anyMatch(q -> q.name().equals("it-basic"));
  }

  @Test
  void unackedMessageComesBackAfterVisibilityTimeout() {
    create("it-redeliver", 1, Duration.ofSeconds(30));
    client.producer().send("it-redeliver", null, utf8("again"), List.of()).join();
    Delivery first = receive("it-redeliver", "g", 1, Duration.ofMillis(800)).get(0);

    List<Delivery> second = receive("it-redeliver", "g", 1, Duration.ofSeconds(30));
    assertThat(second).hasSize(1);
    assertThat(second.get(0).id()).isEqualTo(first.id());
    assertThat(second.get(0).deliveries()).isEqualTo(2);
    // The first receipt is stale now: the message was leased to someone else since.
    assertThat(client.consumer().ack("it-redeliver", "g", List.of(first.receipt())).join())
        .containsExactly(ReceiptOutcome.INVALID);
    assertThat(client.consumer().ack("it-redeliver", "g", List.of(second.get(0).receipt())).join())
        .containsExactly(ReceiptOutcome.OK);
  }

  @Test
  void nackWithDelayHidesTheMessageUntilTheDelayEnds() {
    create("it-nack", 1, Duration.ofSeconds(30));
    client.producer().send("it-nack", null, utf8("later"), List.of()).join();
    Delivery d = receive("it-nack", "g", 1, null).get(0);
    assertThat(client.consumer().nack("it-nack", "g", List.of(d.receipt()), Duration.ofSeconds(2)).join())
        .containsExactly(ReceiptOutcome.OK);

    assertThat(client.consumer().receive("it-nack", "g", 1, null, Duration.ZERO).join()).isEmpty();
    long start = System.nanoTime();
    List<Delivery> again = receive("it-nack", "g", 1, null);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).deliveries()).isEqualTo(2);
    assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
  }

  @Test
  void aDelayedMessageIsDeliveredOnlyAfterItsDelay() {
    create("it-delay", 1, Duration.ofSeconds(30));
    client.producer().send("it-delay", new OutgoingMessage("later", null, List.of(), utf8("later"), 1_500)).join();
    client.producer().send("it-delay", null, utf8("now"), List.of()).join();
    long start = System.nanoTime();

    List<Delivery> first = receive("it-delay", "g", 10, null);
    assertThat(first).extracting(d -> new String(d.payload(), StandardCharsets.UTF_8)).containsExactly("now");
    // describe reads the leader's figures as some node last saw them: give it a moment.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(client.admin().describeQueue("it-delay").join().partitions().get(0).inFlight()).isEqualTo(1));
    List<Delivery> later = receive("it-delay", "g", 10, null);
    assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1_000));
    assertThat(later).extracting(Delivery::id).containsExactly("later");
    assertThat(later.get(0).deliveries()).isEqualTo(1);
  }

  @Test
  void aRetriedSendWithTheSameIdIsStoredOnce() {
    create("it-dedup", 2, Duration.ofSeconds(30));
    OutgoingMessage m = new OutgoingMessage("order-17", "k", List.of(), utf8("once"));
    SendResult first = client.producer().send("it-dedup", m).join();
    SendResult retry = client.producer().send("it-dedup", m).join();
    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.offset()).isEqualTo(first.offset());
    assertThat(retry.partition()).isEqualTo(first.partition());

    List<Delivery> got = receive("it-dedup", "g", 10, null);
    assertThat(got).hasSize(1);
    assertThat(client.consumer().receive("it-dedup", "g", 10, null, Duration.ofMillis(500)).join()).isEmpty();
  }

  @Test
  void tooLargeMessageIsRejectedAndNothingStored() {
    create("it-large", 1, Duration.ofSeconds(30));
    CompletableFuture<SendResult> f =
        client.producer().send("it-large", null, new byte[(1 << 20) + 1], List.of());
    assertThatThrownBy(f::join).hasCauseInstanceOf(RaftqException.class)
        .cause().satisfies(e -> assertThat(((RaftqException) e).code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
    assertThat(client.admin().describeQueue("it-large").join().partitions().get(0).nextOffset()).isZero();
  }

  @Test
  void requestsBeyondTheLimitsAreRefusedNamingTheFieldAndStoreNothing() {
    create("it-limits", 1, Duration.ofSeconds(30));
    OutgoingMessage tooManyHeaders = new OutgoingMessage("m1", null,
        java.util.stream.IntStream.range(0, 65).mapToObj(i -> new io.raftq.protocol.Header("h" + i, "v")).toList(),
        utf8("x"));
    // Refused by the client library before batching: the good message sent alongside is stored.
    CompletableFuture<SendResult> bad = client.producer().send("it-limits", tooManyHeaders);
    CompletableFuture<SendResult> good = client.producer().send("it-limits", null, utf8("kept"), List.of());
    assertInvalid(bad, "message.headers");
    assertThat(good.join().offset()).isZero();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(client.admin().describeQueue("it-limits").join().partitions().get(0).nextOffset()).isEqualTo(1));

    assertInvalid(client.consumer().receive("it-limits", "no spaces", 1, null, Duration.ZERO), "group");
    Delivery d = receive("it-limits", "g", 1, null).get(0);
    assertInvalid(client.consumer().nack("it-limits", "g", List.of(d.receipt()), Duration.ofDays(400)), "delay");
    assertInvalid(client.consumer().changeVisibility("it-limits", "g", List.of(d.receipt()), Duration.ofDays(8)),
        "visibility");
    // The refused nack changed nothing: the lease still holds, and its receipt still acks.
    assertThat(client.consumer().receive("it-limits", "g", 1, null, Duration.ZERO).join()).isEmpty();
    assertThat(client.consumer().ack("it-limits", "g", List.of(d.receipt())).join())
        .containsExactly(ReceiptOutcome.OK);
  }

  private static void assertInvalid(CompletableFuture<?> call, String field) {
    assertThatThrownBy(call::join).cause().satisfies(e -> {
      assertThat(((RaftqException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(e.getMessage()).contains(field + ": ");
    });
  }

  /** The reserved queue name asks each node for its metadata replica; replicas agree once a create has applied. */
  @Test
  void everyNodeReportsTheSameMetadataDigestAndACreateChangesIt() {
    Set<String> before = new HashSet<>(metadataStates());
    create("it-metadata-digest", 1, Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      List<String> after = metadataStates();
      assertThat(new HashSet<>(after)).hasSize(1).doesNotContainAnyElementsOf(before);
    });
    assertThatThrownBy(() -> client.admin().partitionStatus(cluster.clientAddress(0),
        PartitionStatus.METADATA_GROUP, 1).join())
        .hasCauseInstanceOf(RaftqException.class).hasMessageContaining("PARTITION_NOT_FOUND");
  }

  /** {@code appliedIndex/digest} of every node's metadata replica. */
  private static List<String> metadataStates() {
    List<String> states = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      PartitionStatus s = client.admin().partitionStatus(cluster.clientAddress(n), PartitionStatus.METADATA_GROUP, 0)
          .join();
      assertThat(s.nodeId()).isEqualTo("n" + (n + 1));
      states.add(s.appliedIndex() + "/" + s.stateDigestHex());
    }
    return states;
  }

  @Test
  void unknownQueueIsATypedError() {
    assertThatThrownBy(() -> client.producer().send("it-nope", null, utf8("x"), List.of()).join())
        .cause().satisfies(e -> assertThat(((RaftqException) e).code()).isEqualTo(ErrorCode.QUEUE_NOT_FOUND));
  }

  @Test
  void killingAPartitionLeaderDuringSendsLosesNoAcknowledgedMessage() throws Exception {
    create("it-failover", 1, Duration.ofSeconds(30));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<SendResult>> inFlight = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      inFlight.add(client.producer().send("it-failover", null, utf8("m" + i), List.of())
          .whenComplete((r, e) -> { if (e == null) { acknowledged.add(r.id()); } }));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 50);

    String leader = awaitLeader("it-failover");
    int victim = cluster.indexOf(leader);
    cluster.stop(victim);
    for (int i = 200; i < 400; i++) {
      inFlight.add(client.producer().send("it-failover", null, utf8("m" + i), List.of())
          .whenComplete((r, e) -> { if (e == null) { acknowledged.add(r.id()); } }));
    }
    CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0])).exceptionally(e -> null).join();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      String l = leaderOf("it-failover");
      return l != null && !l.equals(leader);
    });

    Set<String> received = drain("it-failover", "g");
    assertThat(received).containsAll(acknowledged);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);
    cluster.start(victim);
  }

  @Test
  void aWipedFollowerCatchesUpBySnapshot() throws Exception {
    create("it-snapshot", 1, Duration.ofSeconds(30));
    String leader = awaitLeader("it-snapshot");
    int follower = (cluster.indexOf(leader) + 1) % 3;
    cluster.stop(follower);
    cluster.wipe(follower);
    // Far more entries than the snapshot threshold (50), so the leader purges the log the follower would need.
    for (int i = 0; i < 300; i++) {
      client.producer().send("it-snapshot", null, utf8("s" + i), List.of()).join();
    }
    cluster.start(follower);

    String followerAddress = cluster.clientAddress(follower);
    String leaderAddress = cluster.clientAddress(cluster.indexOf(awaitLeader("it-snapshot")));
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
      PartitionStatus l = client.admin().partitionStatus(leaderAddress, "it-snapshot", 0).join();
      PartitionStatus f = client.admin().partitionStatus(followerAddress, "it-snapshot", 0).join();
      assertThat(f.appliedIndex()).isEqualTo(l.appliedIndex());
      assertThat(f.stateDigestHex()).isEqualTo(l.stateDigestHex());
    });
    assertThat(cluster.node(follower).config().dataDir().resolve("raft")).exists();
  }

  /**
   * A follower of the idle metadata group whose log ends below what the leader remembers it holding (here: its
   * data put back as it was some entries ago; in the chaos suite: a log tail lost in a crash). The leader never
   * offers a follower anything below its remembered match index, so the follower refuses every append and stays
   * behind for good unless it asks the leader to step down (chaos mix seed -3548381791648841469).
   */
  @Test
  void aFollowerWhoseLogEndsBelowWhatItsLeaderRemembersCatchesUpOnAnIdleGroup() throws Exception {
    create("it-old-1", 1, Duration.ofSeconds(30));
    awaitMetadataConverged();
    int follower = metadataFollower();
    java.nio.file.Path dir = cluster.config(follower).dataDir();
    java.nio.file.Path saved = java.nio.file.Files.createTempDirectory("raftq-old-replica");
    cluster.stop(follower);
    copyTree(dir, saved);
    long savedIndex;
    cluster.start(follower);
    try {
      savedIndex = awaitMetadataConverged();
      create("it-old-2", 1, Duration.ofSeconds(30));
      create("it-old-3", 1, Duration.ofSeconds(30));
      long newerIndex = awaitMetadataConverged();
      assertThat(newerIndex).isGreaterThan(savedIndex);
      assertThat(metadataFollower()).as("same leader, which remembers the follower at the newer index")
          .isNotEqualTo(-1);
      cluster.stop(follower);
      deleteTree(dir);
      copyTree(saved, dir);
      cluster.start(follower);
      awaitMetadataConverged();
    } finally {
      deleteTree(saved);
    }
  }

  /** A node that is not the metadata group's leader. */
  private static int metadataFollower() {
    for (int i = 0; i < 3; i++) {
      var division = cluster.node(i).raftNode().division(io.raftq.raft.GroupIds.METADATA).orElseThrow();
      if (!division.getInfo().isLeader()) {
        return i;
      }
    }
    return -1;
  }

  private static void copyTree(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(from)) {
      for (java.nio.file.Path f : files.toList()) {
        java.nio.file.Path target = to.resolve(from.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static PartitionStatus metadataStatus(int node) {
    return client.admin().partitionStatus(cluster.clientAddress(node), PartitionStatus.METADATA_GROUP, 0).join();
  }

  /** Waits until every node has applied the same metadata entries to the same state; returns the index. */
  private static long awaitMetadataConverged() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
      PartitionStatus a = metadataStatus(0);
      for (int i = 1; i < 3; i++) {
        PartitionStatus b = metadataStatus(i);
        assertThat(b.appliedIndex()).isEqualTo(a.appliedIndex());
        assertThat(b.stateDigestHex()).isEqualTo(a.stateDigestHex());
      }
    });
    return metadataStatus(0).appliedIndex();
  }

  /**
   * A replica whose group directory holds no configuration (what a replica re-created after a wipe looks like
   * when its node restarts before the leader's snapshot reached it): Ratis recovers it with no peers and it shuts
   * itself down at its first election. The reconciler must bring it back (chaos mix seed 5660529420508412625).
   */
  @Test
  void aReplicaRecoveredWithoutAConfigurationIsRebuilt() throws Exception {
    create("it-noconf", 1, Duration.ofSeconds(30));
    for (int i = 0; i < 120; i++) {
      client.producer().send("it-noconf", null, utf8("n" + i), List.of()).join();
    }
    String leader = awaitLeader("it-noconf");
    int follower = (cluster.indexOf(leader) + 1) % 3;
    // Never altered, so its modification index is its creation index, which names its groups.
    long createIndex = client.admin().describeQueue("it-noconf").join().queue().modifiedIndex();
    org.apache.ratis.protocol.RaftGroupId gid = io.raftq.raft.GroupIds.partition("it-noconf", createIndex, 0);
    assertThat(cluster.node(follower).raftNode().groupIds()).contains(gid);
    cluster.stop(follower);
    java.nio.file.Path data = cluster.config(follower).dataDir();
    java.nio.file.Path current = data.resolve("raft").resolve("groups").resolve(gid.getUuid().toString()).resolve("current");
    try (var files = java.nio.file.Files.list(current)) {
      for (java.nio.file.Path f : files.toList()) {
        if (!f.getFileName().toString().equals("raft-meta")) {
          java.nio.file.Files.delete(f);
        }
      }
    }
    deleteTree(data.resolve("raft").resolve("groups").resolve(gid.getUuid().toString()).resolve("sm"));
    deleteTree(cluster.config(follower).stateDir().resolve("partitions").resolve(gid.getUuid().toString()));
    cluster.start(follower);

    String followerAddress = cluster.clientAddress(follower);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
      String leaderAddress = cluster.clientAddress(cluster.indexOf(awaitLeader("it-noconf")));
      PartitionStatus l = client.admin().partitionStatus(leaderAddress, "it-noconf", 0).join();
      PartitionStatus f = client.admin().partitionStatus(followerAddress, "it-noconf", 0).join();
      assertThat(f.appliedIndex()).isEqualTo(l.appliedIndex());
      assertThat(f.stateDigestHex()).isEqualTo(l.stateDigestHex());
    });
  }

  /**
   * Ratis shuts a division down by itself when its log worker fails, and never opens it again (chaos
   * partition-majority, seed -6642238481836530490: a deposed leader's stale append raced the install of a newer
   * snapshot on a minority follower). The reconciler reopens it from its stored data: it catches up, nothing lost.
   */
  @Test
  void aReplicaThatRatisShutDownIsReopenedFromItsStoredData() throws Exception {
    create("it-shut", 1, Duration.ofSeconds(30));
    for (int i = 0; i < 50; i++) {
      client.producer().send("it-shut", null, utf8("before" + i), List.of()).join();
    }
    String leader = awaitLeader("it-shut");
    int follower = (cluster.indexOf(leader) + 1) % 3;
    long createIndex = client.admin().describeQueue("it-shut").join().queue().modifiedIndex();
    org.apache.ratis.protocol.RaftGroupId gid = io.raftq.raft.GroupIds.partition("it-shut", createIndex, 0);
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node(follower).raftNode().division(gid)
        .map(d -> d.getInfo().getLastAppliedIndex() > 50).orElse(false));

    cluster.node(follower).raftNode().division(gid).orElseThrow().close(); // as Ratis does on a log worker failure
    assertThat(cluster.node(follower).raftNode().isClosed(gid)).isTrue();
    for (int i = 0; i < 50; i++) {
      client.producer().send("it-shut", null, utf8("after" + i), List.of()).join();
    }

    String followerAddress = cluster.clientAddress(follower);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
      assertThat(cluster.node(follower).raftNode().isClosed(gid)).isFalse();
      String leaderAddress = cluster.clientAddress(cluster.indexOf(awaitLeader("it-shut")));
      PartitionStatus l = client.admin().partitionStatus(leaderAddress, "it-shut", 0).join();
      PartitionStatus f = client.admin().partitionStatus(followerAddress, "it-shut", 0).join();
      assertThat(f.appliedIndex()).isEqualTo(l.appliedIndex());
      assertThat(f.stateDigestHex()).isEqualTo(l.stateDigestHex());
    });
    assertThat(client.admin().describeQueue("it-shut").join().partitions().get(0).depth()).isEqualTo(100);
  }

  private static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (var files = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(f);
      }
    }
  }

  private static String leaderOf(String queue) {
    try {
      PartitionInfo p = client.admin().describeQueue(queue).join().partitions().get(0);
      return p.leaderNodeId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String awaitLeader(String queue) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> leaderOf(queue), java.util.Objects::nonNull);
  }

  private static Set<String> drain(String queue, String group) {
    Set<String> ids = new HashSet<>();
    while (true) {
      List<Delivery> batch = client.consumer().receive(queue, group, 100, null, Duration.ofSeconds(2)).join();
      if (batch.isEmpty()) {
        return ids;
      }
      batch.forEach(d -> ids.add(d.id()));
      client.consumer().ack(queue, group, batch.stream().map(Delivery::receipt).toList()).join();
    }
  }
}
