package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.Delivery;
import io.raftq.raft.GroupIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Quiescent partitions on a real 3-node cluster (--quiesce-after 10s): idle partition groups close on every
 * replica, keep what they stored, and open again on the next request, also after a node restarted meanwhile.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class QuiescenceEndToEndTest {
  static final String QUEUE = "it-quiet";
  static final int PARTITIONS = 2;
  static LocalCluster cluster;
  static RaftqClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.quiescing(3, 50, Duration.ofSeconds(10));
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

  @Test
  void idlePartitionsCloseEverywhereKeepTheirMessagesAndOpenOnTheNextRequest() throws Exception {
    client.admin().createQueue(QUEUE, PARTITIONS, new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5)))
        .join();
    Set<String> sent = send(0, 20);

    long quietMs = awaitQuiescentEverywhere();
    long t0 = System.nanoTime();
    Set<String> got = receiveAll(sent);
    long wakeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(got).isEqualTo(sent);

    // A node restarting while its partitions are quiescent opens them (Ratis recovers every stored group); with
    // no peer open they find no leader, and close again.
    Set<String> more = send(100, 5);
    awaitQuiescentEverywhere();
    cluster.stop(1);
    cluster.start(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> openPartitionGroups(1) > 0 || quiescentOn(1) == PARTITIONS);
    long requietMs = awaitQuiescentEverywhere();
    assertThat(receiveAll(more)).isEqualTo(more);
    System.out.printf("quiescence: closed everywhere %d ms after the last request; first receive after it took %d ms"
        + " (wake + election); after a restart of n2 quiescent again in %d ms%n", quietMs, wakeMs, requietMs);
  }

  private static Set<String> send(int from, int count) {
    Set<String> payloads = new HashSet<>();
    for (int i = from; i < from + count; i++) {
      String p = "m" + i;
      client.producer().send(QUEUE, "k" + i, p.getBytes(StandardCharsets.UTF_8), List.of()).join();
      payloads.add(p);
    }
    return payloads;
  }

  private static Set<String> receiveAll(Set<String> expected) {
    Set<String> got = new HashSet<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      List<Delivery> batch = client.consumer().receive(QUEUE, "g", 100, null, Duration.ofMillis(500)).join();
      for (Delivery d : batch) {
        got.add(new String(d.payload(), StandardCharsets.UTF_8));
      }
      if (!batch.isEmpty()) {
        client.consumer().ack(QUEUE, "g", batch.stream().map(Delivery::receipt).toList()).join();
      }
      return got.containsAll(expected);
    });
    return got;
  }

  /** Waits until no node has a partition group open and every node stores both, closed; returns the wait. */
  private static long awaitQuiescentEverywhere() {
    long t0 = System.nanoTime();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
      for (int n = 0; n < cluster.size(); n++) {
        if (openPartitionGroups(n) != 0 || quiescentOn(n) != PARTITIONS) {
          return false;
        }
      }
      return true;
    });
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private static long openPartitionGroups(int n) {
    return cluster.node(n).raftNode().groupIds().stream().filter(g -> !g.equals(GroupIds.METADATA)).count();
  }

  private static long quiescentOn(int n) {
    Set<RaftGroupId> stored = cluster.node(n).raftNode().storedClosedGroups();
    return stored.size();
  }
}
