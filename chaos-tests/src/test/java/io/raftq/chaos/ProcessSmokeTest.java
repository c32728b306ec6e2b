package io.raftq.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.client.ClientConfig;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.SendResult;
import io.raftq.protocol.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three real node processes started with {@code bin/raftq node start}: the README tour through the CLI, then
 * kill -9 of a partition leader during a stream of sends (every acknowledged send is received afterwards and a
 * new leader serves within seconds), then kill -9 of every node and a restart with nothing acknowledged lost.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessSmokeTest {
  private static final Pattern RECEIPT = Pattern.compile("\"receipt\":\"([^\"]+)\"");
  static ProcessCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ProcessCluster(3, "smoke");
    cluster.startAll();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void readmeTourThroughTheCli() throws Exception {
    assertThat(cluster.cli("queue", "create", "orders", "--partitions", "4").exitCode()).isZero();
    assertThat(cluster.cli("queue", "list").stdout()).contains("orders");

    ProcessCluster.CliResult sent = cluster.cli("send", "orders", "--key", "customer-42", "hello raftq");
    assertThat(sent.exitCode()).as(sent.stderr()).isZero();
    assertThat(sent.stdout()).contains("\"duplicate\":false");

    ProcessCluster.CliResult got = cluster.cli("receive", "orders", "--group", "billing", "--max", "10", "--wait", "5s");
    assertThat(got.exitCode()).as(got.stderr()).isZero();
    assertThat(got.stdout()).contains("\"payload\":\"hello raftq\"");
    Matcher m = RECEIPT.matcher(got.stdout());
    assertThat(m.find()).isTrue();

    ProcessCluster.CliResult acked = cluster.cli("ack", "orders", "--group", "billing", m.group(1));
    assertThat(acked.exitCode()).as(acked.stderr()).isZero();
    assertThat(acked.stdout()).contains("\"outcome\":\"OK\"");

    ProcessCluster.CliResult missing = cluster.cli("send", "no-such-queue", "x");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("QUEUE_NOT_FOUND");
  }

  @Test
  @Order(2)
  void killMinus9OfTheLeaderDuringSendsLosesNothingAcknowledged() throws Exception {
    try (RaftqClient client = RaftqClient.connect(
        ClientConfig.of(cluster.bootstrapList()).withDeliveryTimeout(Duration.ofSeconds(60)))) {
      client.admin().createQueue("failover", 1, QueueOptions.defaults()).join();
      String leader = client.admin().describeQueue("failover").join().partitions().get(0).leaderNodeId();
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      List<CompletableFuture<SendResult>> sends = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        sends.add(client.producer().send("failover", null, ("m" + i).getBytes(StandardCharsets.UTF_8), List.of())
            .whenComplete((r, e) -> {
              if (e == null) {
                acknowledged.add(r.id());
              }
            }));
        if (i == 300) {
          await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 100);
          cluster.kill9(cluster.indexOf(leader));
        }
        if (i > 300 && i % 50 == 0) {
          TimeUnit.MILLISECONDS.sleep(100);
        }
      }
      CompletableFuture.allOf(sends.toArray(new CompletableFuture[0])).exceptionally(e -> null).join();

      long electedWithin = System.nanoTime();
      await().atMost(Duration.ofSeconds(15)).until(() -> {
        String now = client.admin().describeQueue("failover").join().partitions().get(0).leaderNodeId();
        return now != null && !now.equals(leader);
      });
      assertThat(System.nanoTime() - electedWithin).isLessThan(TimeUnit.SECONDS.toNanos(15));

      assertThat(drain(client, "failover")).containsAll(acknowledged);
      assertThat(acknowledged).hasSizeGreaterThan(900);

      ProcessCluster.CliResult degraded = cluster.cli("cluster", "status");
      assertThat(degraded.exitCode()).as(degraded.stdout()).isEqualTo(3);
      assertThat(degraded.stdout()).contains("cluster DEGRADED: 2 of 3 nodes up")
          .containsPattern(leader + "\\s+\\S+\\s+DOWN")
          .contains("replica on " + leader + " not answering (node down)");

      cluster.start(cluster.indexOf(leader));
      cluster.awaitListening(cluster.indexOf(leader), Duration.ofSeconds(90));
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(
          () -> cluster.cli("cluster", "status").exitCode() == 0);
      ProcessCluster.CliResult healthy = cluster.cli("cluster", "status", "--json");
      assertThat(healthy.stdout()).contains("\"healthy\":true").contains("\"id\":\"" + leader + "\",");
    }
  }

  @Test
  @Order(3)
  void killMinus9OfEveryNodeThenRestartLosesNothingAcknowledged() throws Exception {
    Set<String> acknowledged = new HashSet<>();
    try (RaftqClient client = RaftqClient.connect(ClientConfig.of(cluster.bootstrapList()))) {
      client.admin().createQueue("crash", 2, QueueOptions.defaults()).join();
      for (int i = 0; i < 300; i++) {
        acknowledged.add(client.producer().send("crash", "k" + (i % 7), ("c" + i).getBytes(StandardCharsets.UTF_8),
            List.of()).join().id());
      }
    }
    for (int n = 0; n < 3; n++) {
      cluster.kill9(n);
    }
    cluster.startAll();
    try (RaftqClient client = RaftqClient.connect(
        ClientConfig.of(cluster.bootstrapList()).withDeliveryTimeout(Duration.ofSeconds(90)))) {
      assertThat(drain(client, "crash")).containsExactlyInAnyOrderElementsOf(acknowledged);
    }
  }

  @Test
  @Order(4)
  void sigtermStopsANodeGracefully() throws Exception {
    assertThat(cluster.stop(2)).isTrue();
    assertThat(cluster.exitCode(2)).isZero();
    assertThat(cluster.tail(2)).contains("node n3 stopped");
    cluster.start(2);
    cluster.awaitListening(2, Duration.ofSeconds(90));
  }

  private static Set<String> drain(RaftqClient client, String queue) {
    Set<String> ids = new HashSet<>();
    int emptyInARow = 0;
    while (emptyInARow < 2) {
      List<Delivery> batch = client.consumer().receive(queue, "drain", 200, null, Duration.ofSeconds(2)).join();
      if (batch.isEmpty()) {
        emptyInARow++;
        continue;
      }
      emptyInARow = 0;
      batch.forEach(d -> ids.add(d.id()));
      client.consumer().ack(queue, "drain", batch.stream().map(Delivery::receipt).toList()).join();
    }
    return ids;
  }
}
