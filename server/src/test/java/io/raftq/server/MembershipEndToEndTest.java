package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.RaftqException;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.LayoutInfo;
import io.raftq.protocol.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Membership changes on a real cluster under a send loop: a node joins and takes its share of replicas, a seed is
 * drained and removed, and every acknowledged message is still received once the cluster settles.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MembershipEndToEndTest {
  private static final String QUEUE = "grow";
  private static final int PARTITIONS = 6;

  @Test
  void aNodeJoinsAndASeedIsDrainedAndRemovedUnderLoadWithNothingLost() throws Exception {
    try (LocalCluster cluster = new LocalCluster(3, 200);
        RaftqClient client = cluster.client()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).nodes().size() == 3);
      client.admin().createQueue(QUEUE, PARTITIONS, new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5)))
          .join();
      await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).replicas().size() == PARTITIONS);

      Set<String> acked = ConcurrentHashMap.newKeySet();
      AtomicInteger failed = new AtomicInteger();
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread producer = new Thread(() -> {
        for (int i = 0; sending.get(); i++) {
          String body = "m" + i;
          try {
            client.producer().send(QUEUE, "k" + (i % 24), body.getBytes(StandardCharsets.UTF_8), List.of()).join();
            acked.add(body);
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        }
      }, "send-loop");
      producer.start();
      Map<String, Integer> withFour;
      int n4;
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= 100);
        n4 = cluster.join();
        await().atMost(Duration.ofSeconds(120)).until(() -> replicasPerNode(layout(client)).containsKey("n4")
            && settledFor(client, 4, Duration.ofSeconds(6)));
        withFour = replicasPerNode(layout(client));
        assertThat(withFour).containsKeys("n1", "n2", "n3", "n4");
        // 18 replicas over 4 nodes: 4.5 each on average, at most ceil(1.25 * 18 / 4) = 6. Six partitions are too
        // few for an even spread by hashing (2/5/6/5 happens), so only the bound and the new node's share count.
        assertThat(withFour.values()).allMatch(n -> n >= 1 && n <= 6);
        assertThat(withFour.get("n4")).isGreaterThanOrEqualTo(3);

        assertThatThrownBy(
            () -> client.admin().changeMembership(change(Request.MembershipAction.REMOVE, "n1")).join())
            .hasCauseInstanceOf(RaftqException.class)
            .cause().satisfies(e -> assertThat(((RaftqException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
            .hasMessageContaining("still holds replicas");

        client.admin().changeMembership(change(Request.MembershipAction.DRAIN, "n1")).join();
        // Moves wait while the metadata group swaps n1's vote for n4's, so a quiet layout alone is not the end.
        await().atMost(Duration.ofSeconds(120)).until(() -> !replicasPerNode(layout(client)).containsKey("n1")
            && settledFor(client, 4, Duration.ofSeconds(6)));
        client.admin().changeMembership(change(Request.MembershipAction.REMOVE, "n1")).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).nodes().size() == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node(0).raftNode().groupIds().size() <= 1);
        cluster.stop(0);

        int before = acked.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= before + 100);
      } finally {
        sending.set(false);
        producer.join();
      }
      assertThat(failed.get()).as("sends that failed after the client's retries").isZero();

      try (RaftqClient reader = RaftqClient.connect(io.raftq.client.ClientConfig.of(
          List.of(cluster.clientAddress(n4))).withDeliveryTimeout(Duration.ofSeconds(60)))) {
        receiveAndAckUntil(reader, received -> received.containsAll(acked));
      }
      System.out.printf("membership: %d sends acknowledged, %d failed, all received; replicas per node with n4: %s%n",
          acked.size(), failed.get(), withFour);
    }
  }

  /**
   * A queue with one replica per partition lives on one node; a client that only knows the other nodes is sent
   * there (NOT_LEADER pointing at a replica) and sends and receives as usual. More replicas than active nodes are
   * refused.
   */
  @Test
  void aPartitionOnOneNodeIsReachedThroughTheOthersAndTooManyReplicasAreRefused() throws Exception {
    try (LocalCluster cluster = new LocalCluster(3, 200);
        RaftqClient client = cluster.client()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).nodes().size() == 3);
      QueueOptions single = new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5)).withReplicationFactor(1);
      client.admin().createQueue("single", 1, single).join();
      await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).replicas().stream()
          .anyMatch(r -> r.queue().equals("single")));
      LayoutInfo.Replicas where = layout(client).replicas().stream().filter(r -> r.queue().equals("single"))
          .findFirst().orElseThrow();
      assertThat(where.members()).hasSize(1);
      int host = cluster.indexOf(where.members().get(0));
      int other = (host + 1) % 3;
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node(host).raftNode().groupIds().size() == 2);
      assertThat(cluster.node(other).raftNode().groupIds()).hasSize(1); // the metadata group only

      try (RaftqClient elsewhere = RaftqClient.connect(io.raftq.client.ClientConfig.of(
          List.of(cluster.clientAddress(other))).withDeliveryTimeout(Duration.ofSeconds(30)))) {
        elsewhere.producer().send("single", null, "via another node".getBytes(StandardCharsets.UTF_8), List.of())
            .join();
        List<Delivery> got = elsewhere.consumer().receive("single", "g", 10, null, Duration.ofSeconds(5)).join();
        assertThat(got).extracting(d -> new String(d.payload(), StandardCharsets.UTF_8))
            .containsExactly("via another node");
      }

      QueueOptions five = new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5)).withReplicationFactor(5);
      assertThatThrownBy(() -> client.admin().createQueue("five", 1, five).join())
          .hasCauseInstanceOf(RaftqException.class)
          .hasMessageContaining("5 replicas need 5 active nodes; the cluster has 3");
    }
  }

  /**
   * A node down longer than --replace-down-after has its replicas re-created on the others while sends go on; when
   * it comes back it takes replicas again, and its stale copies are replaced.
   */
  @Test
  void theReplicasOfANodeDownTooLongAreRecreatedElsewhere() throws Exception {
    try (LocalCluster cluster = new LocalCluster(4, 200, Duration.ofSeconds(8));
        RaftqClient client = cluster.client()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).nodes().size() == 4);
      client.admin().createQueue(QUEUE, PARTITIONS, new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5)))
          .join();
      await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).replicas().size() == PARTITIONS);
      String victim = layout(client).replicas().get(0).members().stream()
          .filter(m -> !m.equals("n1")).findFirst().orElseThrow();
      int index = cluster.indexOf(victim);
      for (int i = 0; i < 50; i++) {
        client.producer().send(QUEUE, "k" + i, ("before-" + i).getBytes(StandardCharsets.UTF_8), List.of()).join();
      }
      cluster.stop(index);
      long stoppedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(120)).until(() -> {
        LayoutInfo l = layout(client);
        return !replicasPerNode(l).containsKey(victim)
            && l.replicas().stream().allMatch(r -> r.adding() == null && r.members().size() == 3);
      });
      long tookMs = (System.nanoTime() - stoppedAt) / 1_000_000;
      assertThat(tookMs).isGreaterThanOrEqualTo(8_000); // not before the node was down for the configured time
      for (int i = 0; i < 50; i++) {
        client.producer().send(QUEUE, "k" + i, ("after-" + i).getBytes(StandardCharsets.UTF_8), List.of()).join();
      }

      cluster.start(index);
      await().atMost(Duration.ofSeconds(120)).until(() -> replicasPerNode(layout(client)).containsKey(victim)
          && settledFor(client, 4, Duration.ofSeconds(6)));
      receiveAndAckUntil(client, received -> received.size() == 100);
      System.out.printf("down-node replacement: %s's replicas re-created elsewhere %d ms after it stopped%n",
          victim, tookMs);
    }
  }

  /**
   * Six nodes: the metadata group keeps five voters and the sixth listens (it applies the metadata, so it serves
   * clients like any node). Stopping a voter for longer than --replace-down-after promotes the listener.
   */
  @Test
  void theMetadataGroupKeepsFiveVotersAndTheOtherNodesListen() throws Exception {
    try (LocalCluster cluster = new LocalCluster(3, 200, Duration.ofSeconds(8));
        RaftqClient client = cluster.client()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> layout(client).nodes().size() == 3);
      for (int i = 0; i < 3; i++) {
        cluster.join();
      }
      await().atMost(Duration.ofSeconds(90)).until(() -> metadataRoles(cluster.node(0)).equals(List.of(5, 1)));
      org.apache.ratis.protocol.RaftGroupId metadata = io.raftq.raft.GroupIds.METADATA;
      String listener = cluster.node(0).raftNode().listeners(metadata).get(0).getId().toString();
      int li = cluster.indexOf(listener);

      try (RaftqClient viaListener = RaftqClient.connect(io.raftq.client.ClientConfig.of(
          List.of(cluster.clientAddress(li))).withDeliveryTimeout(Duration.ofSeconds(60)))) {
        viaListener.admin().createQueue(QUEUE, PARTITIONS,
            new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5))).join();
        for (int i = 0; i < 30; i++) {
          viaListener.producer().send(QUEUE, "k" + i, ("m" + i).getBytes(StandardCharsets.UTF_8), List.of()).join();
        }
        // The listener applies the metadata itself: its reconciler hosts the partitions placed on it.
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.node(li).raftNode().groupIds().size()
            == 1 + replicasPerNode(layout(client)).getOrDefault(listener, 0));
        assertThat(replicasPerNode(layout(client))).containsKey(listener);
      }

      String voter = cluster.node(0).raftNode().voters(metadata).stream().map(p -> p.getId().toString())
          .filter(id -> !id.equals(cluster.node(0).raftNode().leaderOf(metadata).leaderId())).findFirst()
          .orElseThrow();
      cluster.stop(cluster.indexOf(voter));
      int watcher = voter.equals("n1") ? 1 : 0;
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        var raft = cluster.node(watcher).raftNode();
        List<String> voters = raft.voters(metadata).stream().map(p -> p.getId().toString()).toList();
        return voters.size() == 5 && voters.contains(listener) && !voters.contains(voter);
      });
      receiveAndAckUntil(client, received -> received.size() == 30);
    }
  }

  /** Receives and acks from group "g" until {@code done} holds for the bodies received (within 60 s). */
  private static void receiveAndAckUntil(RaftqClient client, java.util.function.Predicate<Set<String>> done) {
    Set<String> received = new java.util.HashSet<>();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      List<Delivery> got = client.consumer().receive(QUEUE, "g", 500, null, Duration.ofSeconds(1)).join();
      got.forEach(d -> received.add(new String(d.payload(), StandardCharsets.UTF_8)));
      if (!got.isEmpty()) {
        client.consumer().ack(QUEUE, "g", got.stream().map(Delivery::receipt).toList()).join();
      }
      return done.test(received);
    });
  }

  /** Voters and listeners of the metadata group as {@code node} has its configuration. */
  private static List<Integer> metadataRoles(RaftqNode node) {
    return List.of(node.raftNode().voters(io.raftq.raft.GroupIds.METADATA).size(),
        node.raftNode().listeners(io.raftq.raft.GroupIds.METADATA).size());
  }

  private static Request.ChangeMembership change(Request.MembershipAction action, String node) {
    return new Request.ChangeMembership(action, node, null, null, null, false);
  }

  private static LayoutInfo layout(RaftqClient client) {
    return client.admin().clusterLayout().join();
  }

  /** {@link #settled} and the same layout {@code quiet} later: the mover has nothing left to do. */
  private static boolean settledFor(RaftqClient client, int nodes, Duration quiet) throws InterruptedException {
    LayoutInfo before = layout(client);
    if (!settled(before, nodes)) {
      return false;
    }
    Thread.sleep(quiet.toMillis());
    return layout(client).equals(before);
  }

  /** Every partition has three members and no move under way, and {@code nodes} nodes are registered. */
  private static boolean settled(LayoutInfo l, int nodes) {
    return l.nodes().size() == nodes && l.replicas().size() == PARTITIONS
        && l.replicas().stream().allMatch(r -> r.adding() == null && r.members().size() == 3);
  }

  private static Map<String, Integer> replicasPerNode(LayoutInfo l) {
    Map<String, Integer> out = new TreeMap<>();
    l.replicas().forEach(r -> r.members().forEach(m -> out.merge(m, 1, Integer::sum)));
    return out;
  }
}
