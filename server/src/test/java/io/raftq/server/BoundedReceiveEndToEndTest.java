package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.cli.CliEnvironment;
import io.raftq.cli.RaftqCli;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import io.raftq.protocol.Limits;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.PartitionStatsInfo;
import io.raftq.protocol.ReceiptOutcome;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Receives of large messages on a real 3-node cluster in one JVM (real Ratis, RocksDB, sockets): a receive asking
 * for far more than fits gets what fits its byte bound, leases only that, and the rest stays ready. Before the
 * bound, {@code raftq receive big --max 1000} on 24 messages of 1 MiB leased all 24 into a 24 MiB answer the
 * client could not read: it printed nothing and the messages stayed invisible for the whole visibility timeout.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BoundedReceiveEndToEndTest {
  private static final int MESSAGES = 24;
  private static final int PAYLOAD_BYTES = 1 << 20;
  private static LocalCluster cluster;
  private static RaftqClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster(3, 500);
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
  void aReceiveOfManyLargeMessagesGetsWhatFitsAndLeasesNothingElse() {
    createWithDeadLetters("big", "big-dlq");
    sendLarge("big", MESSAGES);
    long fit = Limits.MAX_RECEIVE_BYTES / bytesOf("big-00", PAYLOAD_BYTES); // 3 of 1 MiB in a 4 MiB frame

    // As the user did: raftq receive big --group g --max 1000 --visibility 300s
    List<String> printed = cli("receive", "big", "--group", "g", "--max", "1000", "--visibility", "300s");

    assertThat(printed).hasSize((int) fit);
    assertThat(printed).allSatisfy(line -> assertThat(line).startsWith("{\"id\":\"big-"));
    PartitionStatsInfo.GroupStatsInfo g = groupStats("big", "g");
    assertThat(g.inFlight()).as("leased = printed").isEqualTo(fit);
    assertThat(g.ready()).isEqualTo(MESSAGES - fit);
  }

  @Test
  void repeatedBoundedReceivesDrainEverythingOnceWithNothingDeadLetteredAndTheHeapStaysFlat() {
    createWithDeadLetters("drain", "drain-dlq");
    sendLarge("drain", MESSAGES);
    long heapBefore = usedHeapAfterGc();

    Set<String> seen = new HashSet<>();
    int receives = 0;
    while (seen.size() < MESSAGES && receives++ < MESSAGES) {
      List<Delivery> got = client.consumer().receive("drain", "g", 1_000, Duration.ofMinutes(5), Duration.ofSeconds(2))
          .join();
      assertThat(got).isNotEmpty();
      assertThat(got.stream().mapToLong(BoundedReceiveEndToEndTest::bytesOf).sum())
          .isLessThanOrEqualTo(Limits.MAX_RECEIVE_BYTES);
      assertThat(groupStats("drain", "g").inFlight()).isEqualTo(got.size());
      got.forEach(d -> assertThat(seen.add(d.id())).as("delivered once: " + d.id()).isTrue());
      assertThat(client.consumer().ack("drain", "g", got.stream().map(Delivery::receipt).toList()).join())
          .containsOnly(ReceiptOutcome.OK);
    }
    long heapGrowth = usedHeapAfterGc() - heapBefore;

    assertThat(seen).hasSize(MESSAGES);
    assertThat(receives).isEqualTo(MESSAGES / 3); // 3 fit each answer
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> { // describe reads a replica, maybe behind
      PartitionInfo p = client.admin().describeQueue("drain").join().partitions().get(0);
      assertThat(p.depth()).isZero();
      assertThat(p.deadLettersTotal()).isZero();
    });
    assertThat(client.consumer().receive("drain-dlq", "ops", 10, null, Duration.ZERO).join()).isEmpty();
    System.out.printf("heap after GC grew by %d KiB over %d receives of ~3 MiB%n", heapGrowth >> 10, receives);
    // Generous: each answer is ~3 MiB; unbounded, a receive held all 24 MiB on every replica of this JVM.
    assertThat(heapGrowth).isLessThan(64L << 20);
  }

  @Test
  void aSmallerBoundPerRequestIsHonouredAndAMessageLargerThanItStillComesAlone() {
    createWithDeadLetters("small", "small-dlq");
    sendLarge("small", 3);

    List<Delivery> one = client.consumer().receive("small", "g", 10, 1_000, null, Duration.ZERO).join();
    assertThat(one).hasSize(1);
    List<Delivery> two = client.consumer().receive("small", "g", 10, 2 * (PAYLOAD_BYTES + 100), null, Duration.ZERO)
        .join();
    assertThat(two).hasSize(2);
    assertThat(groupStats("small", "g").inFlight()).isEqualTo(3);
  }

  @Test
  void anAtMostOnceReceiveIsBoundedToo() {
    createWithDeadLetters("amo-big", "amo-big-dlq");
    sendLarge("amo-big", 5);

    List<Delivery> got = client.consumer().receiveAtMostOnce("amo-big", "g", 1_000, Duration.ZERO).join();

    assertThat(got).hasSize(3);
    assertThat(got).allSatisfy(d -> assertThat(d.payload()).hasSize(PAYLOAD_BYTES));
    PartitionStatsInfo.GroupStatsInfo g = groupStats("amo-big", "g");
    assertThat(g.inFlight()).isZero();
    assertThat(g.ready()).isEqualTo(2);
  }

  /** One partition, max receives 1: a message leased without the consumer seeing it would be dead-lettered. */
  private static void createWithDeadLetters(String queue, String dlq) {
    QueueOptions options = new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5));
    client.admin().createQueue(dlq, 1, options).join();
    client.admin().createQueue(queue, 1, options.withDeadLetter(dlq, 1)).join();
  }

  private static void sendLarge(String queue, int count) {
    for (int i = 0; i < count; i++) {
      byte[] payload = new byte[PAYLOAD_BYTES];
      java.util.Arrays.fill(payload, (byte) ('a' + i % 26));
      String id = String.format("%s-%02d", queue, i);
      client.producer().send(queue, new OutgoingMessage(id, null, List.of(), payload)).join();
    }
  }

  private static PartitionStatsInfo.GroupStatsInfo groupStats(String queue, String group) {
    return client.admin().queueStats(queue).join().get(0).groups().stream()
        .filter(g -> g.group().equals(group)).findFirst().orElseThrow();
  }

  /** What a delivery counts against a receive's byte bound (its size in the Received frame). */
  private static long bytesOf(Delivery d) {
    long bytes = 60 + utf8(d.id()) + utf8(d.key()) + d.payload().length;
    for (Header h : d.headers()) {
      bytes += 8 + utf8(h.name()) + utf8(h.value());
    }
    return bytes;
  }

  private static long bytesOf(String id, int payloadBytes) {
    return 60 + utf8(id) + payloadBytes;
  }

  private static int utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static List<String> cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap");
    all.add(String.join(",", cluster.bootstrap()));
    CommandLine cmd = RaftqCli.newCommandLine(new CliEnvironment(
        io.raftq.cli.ClientFactory.DEFAULT, name -> null, new ByteArrayInputStream(new byte[0])));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(all.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    return out.toString().isEmpty() ? List.of() : List.of(out.toString().split("\n"));
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
