package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.PartitionInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The experimental leader balance (--balance-leaders) on a real 3-node cluster. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LeaderBalanceEndToEndTest {
  static LocalCluster cluster;
  static RaftqClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.balancingLeaders(3, 50);
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

  /**
   * Leaders spread over the nodes, and spread again after a node restarts (each node hands partitions it leads to
   * less loaded replicas), while a send loop runs and sees no failure.
   */
  @Test
  void leadersSpreadEvenlyAndRebalanceAfterANodeRestarts() throws Exception {
    create("it-balance", 6, Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> leadersPerNode("it-balance"), m -> m.size() == 3 && m.values().stream().allMatch(c -> c == 2));

    int victim = cluster.indexOf(await().atMost(Duration.ofSeconds(30)).until(
        () -> client.admin().describeQueue("it-balance").join().partitions().get(0).leaderNodeId(),
        java.util.Objects::nonNull));
    cluster.stop(victim);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> leadersPerNode("it-balance"), m -> m.values().stream().mapToInt(Integer::intValue).sum() == 6);
    java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
    Thread load = new Thread(() -> {
      for (int i = 0; sending.get(); i++) {
        try {
          client.producer().send("it-balance", "k" + i, utf8("b" + i), List.of()).join();
          sent.incrementAndGet();
        } catch (RuntimeException e) {
          failed.incrementAndGet();
        }
      }
    });
    load.start();
    long tookMs;
    try {
      cluster.start(victim);
      long restarted = System.nanoTime();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> leadersPerNode("it-balance"), m -> m.size() == 3 && m.values().stream().allMatch(c -> c == 2));
      tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
      TimeUnit.SECONDS.sleep(2);
    } finally {
      sending.set(false);
      load.join();
    }
    System.out.printf("leader balance: back to 2/2/2 leaders %d ms after the restart; %d sends, %d failed%n",
        tookMs, sent.get(), failed.get());
    assertThat(failed.get()).as("leadership moves without failing client requests").isZero();
    assertThat(sent.get()).isPositive();
  }

  private static java.util.Map<String, Integer> leadersPerNode(String queue) {
    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
    try {
      for (PartitionInfo p : client.admin().describeQueue(queue).join().partitions()) {
        if (p.leaderNodeId() != null) {
          out.merge(p.leaderNodeId(), 1, Integer::sum);
        }
      }
    } catch (RuntimeException e) {
      return java.util.Map.of();
    }
    return out;
  }
}
