package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.RaftqException;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.PartitionStatus;
import io.raftq.statemachine.partition.PartitionFaultsForTests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A command that throws inside apply, on a real 3-node cluster (real Ratis, RocksDB, sockets): the test installs
 * a fault hook that makes every enqueue of one payload throw after it wrote, on every replica. The send gets
 * INTERNAL, the partition keeps serving on every replica with equal state digests, and a wiped node, fed the whole
 * log again, applies the failing entry, fails it the same way and converges, with the group open.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ApplyFailureEndToEndTest {
  static final String QUEUE = "it-apply-fault";
  static LocalCluster cluster;
  static RaftqClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster(3, 100_000); // no snapshot: the leaders keep the whole log
    client = cluster.client();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    PartitionFaultsForTests.clear();
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aCommandThatThrowsGetsInternalAndThePartitionServesOnEveryReplica() throws Exception {
    client.admin().createQueue(QUEUE, 1, new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5))).join();
    send("before");
    PartitionFaultsForTests.failEnqueuesOf("poison");

    assertThatThrownBy(() -> send("poison")).isInstanceOfSatisfying(CompletionException.class, e ->
        assertThat(e.getCause()).isInstanceOfSatisfying(RaftqException.class, r -> {
          assertThat(r.code()).isEqualTo(ErrorCode.INTERNAL);
          assertThat(r.getMessage()).contains("IllegalStateException: injected apply fault");
        }));
    send("after");
    assertThat(receiveAll(2)).containsExactlyInAnyOrder("before", "after");
    List<PartitionStatus> agreed = awaitReplicasAgree();

    // A wiped node gets the whole log from its leader (nothing was snapshotted there) and applies every entry,
    // the failing one included: it must fail it the same way, keep its group open and end with the same digest.
    cluster.stop(2);
    cluster.wipe(2);
    cluster.start(2);
    send("after-restart");
    assertThat(receiveAll(1)).containsExactly("after-restart");
    List<PartitionStatus> again = awaitReplicasAgree();
    assertThat(again.get(0).appliedIndex()).isGreaterThan(agreed.get(0).appliedIndex());
  }

  private static void send(String payload) {
    client.producer().send(QUEUE, "k", payload.getBytes(StandardCharsets.UTF_8), List.of()).join();
  }

  private static List<String> receiveAll(int count) {
    List<String> got = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      List<Delivery> batch = client.consumer().receive(QUEUE, "g", 10, null, Duration.ofMillis(500)).join();
      batch.forEach(d -> got.add(new String(d.payload(), StandardCharsets.UTF_8)));
      if (!batch.isEmpty()) {
        client.consumer().ack(QUEUE, "g", batch.stream().map(Delivery::receipt).toList()).join();
      }
      return got.size() >= count;
    });
    return got;
  }

  /** Waits until every node answers for the partition (its group open) at one applied index with one digest. */
  private static List<PartitionStatus> awaitReplicasAgree() {
    List<PartitionStatus> out = new ArrayList<>();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
      out.clear();
      for (int n = 0; n < cluster.size(); n++) {
        out.add(client.admin().partitionStatus(cluster.clientAddress(n), QUEUE, 0).join());
      }
      Set<String> digests = new HashSet<>();
      Set<Long> indexes = new HashSet<>();
      out.forEach(s -> {
        digests.add(s.stateDigestHex());
        indexes.add(s.appliedIndex());
      });
      return digests.size() == 1 && indexes.size() == 1;
    });
    for (int n = 0; n < cluster.size(); n++) {
      assertThat(cluster.node(n).raftNode().groupIds()).hasSizeGreaterThan(1); // metadata + the partition
    }
    return out;
  }
}
