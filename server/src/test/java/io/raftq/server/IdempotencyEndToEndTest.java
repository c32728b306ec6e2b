package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.cli.CliEnvironment;
import io.raftq.cli.ClientFactory;
import io.raftq.cli.ExitCodes;
import io.raftq.cli.RaftqCli;
import io.raftq.client.ClientConfig;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.SendResult;
import io.raftq.client.internal.ClientCore;
import io.raftq.client.internal.Route;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Opcodes;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.raft.GroupIds;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Retries never turn into second applications: an admin call whose answer is lost (the node applied it, the
 * connection died before the answer arrived, {@link AnswerLosingProxy}) is retried by the client library and
 * answered as the first attempt was; a resend under a dedup id answers the first send's id and offset after that
 * message was consumed and deleted. Real 3-node cluster in one JVM: real Ratis, RocksDB and sockets.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class IdempotencyEndToEndTest {
  static LocalCluster cluster;
  static RaftqClient direct;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster(3, 50);
    direct = cluster.client();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (direct != null) {
      direct.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String metadataLeaderAddress() {
    String[] leader = {null};
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      leader[0] = cluster.node(0).raftNode().leaderOf(GroupIds.METADATA).leaderId();
      return leader[0] != null;
    });
    return cluster.clientAddress(cluster.indexOf(leader[0]));
  }

  @Test
  void adminCallsWhoseAnswersAreLostAreRetriedAndAnsweredAsTheyWereApplied() throws Exception {
    try (AnswerLosingProxy proxy = new AnswerLosingProxy(metadataLeaderAddress());
        RaftqClient client = RaftqClient.connect(
            ClientConfig.of(List.of(proxy.address())).withDeliveryTimeout(Duration.ofSeconds(60)))) {
      proxy.loseNextAnswerTo(Opcodes.CREATE_QUEUE_ONCE);
      client.admin().createQueue("lost-answers", 8, QueueOptions.defaults()).join();
      assertThat(proxy.answersLost()).as("the first answer was lost, the call retried").isEqualTo(1);
      QueueInfo created = direct.admin().describeQueue("lost-answers").join().queue();
      assertThat(created.partitions()).isEqualTo(8);

      proxy.loseNextAnswerTo(Opcodes.ALTER_QUEUE_ONCE);
      client.admin().alterQueue(created.with(45_000, created.settings())).join();
      assertThat(proxy.answersLost()).isEqualTo(2);
      QueueInfo altered = direct.admin().describeQueue("lost-answers").join().queue();
      assertThat(altered.visibilityTimeoutMs()).isEqualTo(45_000);
      assertThat(altered.createdAtMs()).as("the same queue, created once").isEqualTo(created.createdAtMs());

      proxy.loseNextAnswerTo(Opcodes.DELETE_QUEUE_ONCE);
      client.admin().deleteQueue("lost-answers").join();
      assertThat(proxy.answersLost()).isEqualTo(3);
      assertThat(direct.admin().listQueues().join()).extracting(QueueInfo::name).doesNotContain("lost-answers");
    }
  }

  @Test
  void aPurgeWhoseAnswerIsLostIsNotAppliedAgainByItsRetry() throws Exception {
    direct.admin().createQueue("lost-purge", 1, QueueOptions.defaults()).join();
    for (String body : List.of("a", "b", "c")) {
      direct.producer().send("lost-purge", null, body.getBytes(StandardCharsets.UTF_8), List.of()).join();
    }
    String[] leader = {null};
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      leader[0] = direct.admin().describeQueue("lost-purge").join().partitions().get(0).leaderAddress();
      return leader[0] != null;
    });
    try (AnswerLosingProxy proxy = new AnswerLosingProxy(leader[0]);
        ClientCore core = new ClientCore(
            ClientConfig.of(List.of(proxy.address())).withDeliveryTimeout(Duration.ofSeconds(60)))) {
      // What AdminImpl.purgeQueue sends to each partition; no description first, so the call goes via the proxy.
      proxy.loseNextAnswerTo(Opcodes.PURGE_PARTITION_ONCE, () -> direct.producer().send("lost-purge", null,
          "sent between the purge and its retry".getBytes(StandardCharsets.UTF_8), List.of()).join());
      long removed = core.call(new Route.PartitionLeader("lost-purge", 0),
          new Request.PurgePartition("lost-purge", 0, UUID.randomUUID().toString()),
          r -> ((Response.Purged) r).removed()).join();

      assertThat(proxy.answersLost()).isEqualTo(1);
      assertThat(removed).as("the first attempt's answer").isEqualTo(3);
    }
    assertThat(direct.consumer().receive("lost-purge", "g", 10, Duration.ofSeconds(30), Duration.ofSeconds(5))
        .join()).extracting(d -> new String(d.payload(), StandardCharsets.UTF_8))
        .containsExactly("sent between the purge and its retry");
  }

  @Test
  void aSecondCreateOfAnExistingQueueStillFailsWithQueueExists() {
    ClientFactory factory = config -> RaftqClient.connect(config);
    Map<String, String> env = Map.of(CliEnvironment.BOOTSTRAP_ENV, String.join(",", cluster.bootstrap()));

    assertThat(cli(factory, env, "queue", "create", "twice", "--partitions", "2").exitCode).isZero();
    CliResult again = cli(factory, env, "queue", "create", "twice", "--partitions", "2");

    assertThat(again.exitCode).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err).contains("QUEUE_EXISTS: queue 'twice' already exists");
  }

  private record CliResult(int exitCode, String err) {}

  private static CliResult cli(ClientFactory factory, Map<String, String> env, String... args) {
    CommandLine cmd = RaftqCli.newCommandLine(new CliEnvironment(factory, env::get, new ByteArrayInputStream(
        new byte[0])));
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    return new CliResult(cmd.execute(args), err.toString());
  }

  @Test
  void aResendUnderADedupIdAnswersTheFirstSendAfterItWasConsumedAndDeleted() {
    direct.admin().createQueue("dedup-ids", 1, QueueOptions.defaults()).join();
    byte[] payload = "charge 42".getBytes(StandardCharsets.UTF_8);
    SendResult first = direct.producer().send("dedup-ids",
        new OutgoingMessage("first-id", null, List.of(), payload, 0, "charge-42")).join();
    List<Delivery> got = direct.consumer().receive("dedup-ids", "billing", 10, Duration.ofSeconds(30),
        Duration.ofSeconds(5)).join();
    assertThat(got).extracting(Delivery::id).containsExactly("first-id");
    direct.consumer().ack("dedup-ids", "billing", List.of(got.get(0).receipt())).join();
    await().atMost(Duration.ofSeconds(30)).until(() -> direct.admin().describeQueue("dedup-ids").join()
        .partitions().get(0).depth() == 0);

    SendResult resend = direct.producer().send("dedup-ids",
        new OutgoingMessage("resend-id", null, List.of(), payload, 0, "charge-42")).join();

    assertThat(resend.duplicate()).isTrue();
    assertThat(resend.id()).as("the first send's id, not one never stored").isEqualTo("first-id");
    assertThat(resend.offset()).isEqualTo(first.offset());
    assertThat(direct.consumer().receive("dedup-ids", "billing", 10, Duration.ofSeconds(30), Duration.ofSeconds(1))
        .join()).isEmpty();
  }
}
