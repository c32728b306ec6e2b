package io.raftq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.RaftqException;
import io.raftq.protocol.DeadLetterHeaders;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.ReceiptOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dead-letter queues, per-queue default delays and purge on a real 3-node cluster in one JVM (real Ratis, RocksDB,
 * sockets), through the client library. Each test uses its own queues.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class QueueFeaturesEndToEndTest {
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

  private static QueueOptions options() {
    return new QueueOptions(Duration.ofSeconds(30), Duration.ofMinutes(5));
  }

  private static List<Delivery> receive(String queue, String group, Duration wait) {
    return client.consumer().receive(queue, group, 10, Duration.ofSeconds(30), wait).join();
  }

  private static String header(Delivery d, String name) {
    return d.headers().stream().filter(h -> h.name().equals(name)).map(Header::value).findFirst().orElse(null);
  }

  private static RaftqException failure(Runnable call) {
    try {
      call.run();
    } catch (CompletionException e) {
      return (RaftqException) e.getCause();
    }
    throw new AssertionError("expected the call to fail");
  }

  @Test
  void aMessageNackedMaxReceivesTimesMovesToTheDeadLetterQueueWithItsHistory() {
    client.admin().createQueue("dl-target", 1, options()).join();
    client.admin().createQueue("dl-source", 2, options().withDeadLetter("dl-target", 2)).join();
    QueueInfo info = client.admin().describeQueue("dl-source").join().queue();
    assertThat(info.settings().maxReceives()).isEqualTo(2);
    assertThat(info.settings().deadLetterQueue()).isEqualTo("dl-target");

    client.producer().send("dl-source", new OutgoingMessage(
        "poison-1", "order-7", List.of(new Header("trace", "abc")), utf8("{bad json"))).join();
    client.producer().send("dl-source", new OutgoingMessage("fine-1", "order-8", List.of(), utf8("ok"))).join();
    for (int attempt = 1; attempt <= 2; attempt++) {
      for (Delivery d : receive("dl-source", "workers", Duration.ofSeconds(5))) {
        if (d.id().equals("fine-1")) {
          assertThat(client.consumer().ack("dl-source", "workers", List.of(d.receipt())).join())
              .containsExactly(ReceiptOutcome.OK);
        } else {
          assertThat(d.deliveries()).isEqualTo(attempt);
          client.consumer().nack("dl-source", "workers", List.of(d.receipt()), Duration.ZERO,
              "parse error at attempt " + attempt).join();
        }
      }
    }
    // The third receive finds it over its limit: it moves instead of being delivered.
    assertThat(client.consumer().receive("dl-source", "workers", 10, null, Duration.ofMillis(500)).join()).isEmpty();

    List<Delivery> dead = await().atMost(Duration.ofSeconds(20))
        .until(() -> receive("dl-target", "ops", Duration.ofSeconds(1)), l -> !l.isEmpty());
    assertThat(dead).hasSize(1);
    Delivery d = dead.get(0);
    assertThat(d.id()).isEqualTo("poison-1");
    assertThat(d.key()).isEqualTo("order-7");
    assertThat(new String(d.payload(), StandardCharsets.UTF_8)).isEqualTo("{bad json");
    assertThat(header(d, "trace")).isEqualTo("abc");
    assertThat(header(d, DeadLetterHeaders.SOURCE)).isEqualTo("dl-source");
    assertThat(header(d, DeadLetterHeaders.GROUP)).isEqualTo("workers");
    assertThat(header(d, DeadLetterHeaders.DELIVERIES)).isEqualTo("2");
    assertThat(header(d, DeadLetterHeaders.REASON)).isEqualTo("parse error at attempt 2");
    assertThat(d.deliveries()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      List<PartitionInfo> partitions = client.admin().describeQueue("dl-source").join().partitions();
      assertThat(partitions.stream().mapToLong(PartitionInfo::deadLettersTotal).sum()).isEqualTo(1);
      assertThat(partitions.stream().mapToLong(PartitionInfo::deadLettersPending).sum()).isZero();
      assertThat(partitions.stream().mapToLong(PartitionInfo::depth).sum()).isZero();
    });
    // Moved once: nothing more arrives in the dead-letter queue.
    assertThat(client.consumer().ack("dl-target", "ops", List.of(d.receipt())).join())
        .containsExactly(ReceiptOutcome.OK);
    assertThat(client.consumer().receive("dl-target", "ops", 10, null, Duration.ofSeconds(1)).join()).isEmpty();
  }

  /** Dead-letters every message now in {@code source} for group "g" (max receives 1: one expired lease). */
  private static void deadLetterAll(String source, String dlq, int expected) {
    List<Delivery> first = client.consumer().receive(source, "g", 100, Duration.ofMillis(200), Duration.ofSeconds(5))
        .join();
    assertThat(first).hasSize(expected);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      client.consumer().receive(source, "g", 100, null, Duration.ZERO).join();
      long stored = client.admin().describeQueue(dlq).join().partitions().stream()
          .mapToLong(PartitionInfo::depth).sum();
      assertThat(stored).isEqualTo(expected);
    });
  }

  @Test
  void redriveMovesDeadLettersBackWithTheirIdsAndOnlyOnce() throws Exception {
    client.admin().createQueue("rd-dlq", 2, options()).join();
    client.admin().createQueue("rd-src", 2, options().withDeadLetter("rd-dlq", 1)).join();
    for (int i = 0; i < 4; i++) {
      client.producer().send("rd-src", new OutgoingMessage("job-" + i, i % 2 == 0 ? "even" : "odd",
          List.of(new Header("attempt", "1")), utf8("payload-" + i))).join();
    }
    deadLetterAll("rd-src", "rd-dlq", 4);
    io.raftq.client.Redrive redrive = new io.raftq.client.Redrive(client, System::currentTimeMillis);

    List<io.raftq.client.Redrive.Event> dry = new java.util.ArrayList<>();
    assertThat(redrive.run(new io.raftq.client.Redrive.Options("rd-dlq", null, io.raftq.client.RedriveFilter.ALL,
        0, 0, true), dry::add)).isEqualTo(4);
    assertThat(dry).allSatisfy(e -> {
      assertThat(e.outcome()).isEqualTo(io.raftq.client.Redrive.Outcome.WOULD_MOVE);
      assertThat(e.target()).isEqualTo("rd-src");
    });

    io.raftq.client.RedriveFilter evenOnly = new io.raftq.client.RedriveFilter(null, "even", null);
    assertThat(redrive.run(new io.raftq.client.Redrive.Options("rd-dlq", null, evenOnly, 0, 1_000, false), e -> { }))
        .isEqualTo(2);
    List<Delivery> back = await().atMost(Duration.ofSeconds(10))
        .until(() -> receive("rd-src", "g", Duration.ofSeconds(1)), l -> l.size() == 2);
    assertThat(back).extracting(Delivery::id).containsExactlyInAnyOrder("job-0", "job-2");
    assertThat(back).allSatisfy(d -> {
      assertThat(d.key()).isEqualTo("even");
      assertThat(header(d, "attempt")).isEqualTo("1");
      assertThat(header(d, DeadLetterHeaders.SOURCE)).isNull();
      assertThat(d.deliveries()).isEqualTo(1);
    });
    // The odd ones stayed; the even ones are gone from the dead-letter queue, so a second run moves nothing.
    assertThat(redrive.run(new io.raftq.client.Redrive.Options("rd-dlq", null, evenOnly, 0, 0, false), e -> { }))
        .isZero();
    long left = 0;
    for (int p = 0; p < 2; p++) {
      left += client.admin().browse("rd-dlq", p, 0, 100).join().messages().size();
    }
    assertThat(left).isEqualTo(2);
    // Moving job-0 again, as a redrive cut short between its send and the removal would, stores nothing twice.
    io.raftq.client.Redrive.Event job0 = dry.stream().filter(e -> e.message().id().equals("job-0")).findFirst()
        .orElseThrow();
    String dedupId = "redrive/rd-dlq/" + client.admin().describeQueue("rd-dlq").join().queue().createdAtMs() + "/"
        + job0.message().partition() + "/" + job0.message().offset();
    assertThat(client.producer().send("rd-src", new OutgoingMessage("job-0", "even", List.of(), utf8("payload-0"), 0,
        dedupId)).join().duplicate()).isTrue();
  }

  @Test
  void aFifoQueueDeliversEachKeyInOrderOneAtATimeAndParksAKeyWhoseHeadIsDeadLettered() {
    client.admin().createQueue("fifo-dlq", 1, options()).join();
    client.admin().createQueue("fifo", 2, options().withFifo().withDeadLetter("fifo-dlq", 1)).join();
    assertThat(client.admin().describeQueue("fifo").join().queue().settings().fifo()).isTrue();
    RaftqException keyless = failure(() -> client.producer().send("fifo", null, utf8("x"), List.of()).join());
    assertThat(keyless.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(keyless.getMessage()).contains("key").contains("FIFO");

    for (int i = 1; i <= 3; i++) {
      client.producer().send("fifo", new OutgoingMessage("a" + i, "A", List.of(), utf8("a" + i))).join();
      client.producer().send("fifo", new OutgoingMessage("b" + i, "B", List.of(), utf8("b" + i))).join();
    }
    // One in flight per key: a1 and b1, nothing else, however many are asked for.
    List<Delivery> first = client.consumer().receive("fifo", "g", 10, Duration.ofMillis(500), Duration.ofSeconds(5))
        .join();
    assertThat(first).extracting(Delivery::id).containsExactlyInAnyOrder("a1", "b1");
    assertThat(client.consumer().receive("fifo", "g", 10, null, Duration.ZERO).join()).isEmpty();

    // b1 is acked; a1's lease runs out and (max receives 1) goes to the dead-letter queue: A is parked.
    Delivery b1 = first.stream().filter(d -> d.id().equals("b1")).findFirst().orElseThrow();
    client.consumer().ack("fifo", "g", List.of(b1.receipt())).join();
    List<String> bs = new java.util.ArrayList<>();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (Delivery d : client.consumer().receive("fifo", "g", 10, null, Duration.ofMillis(300)).join()) {
        assertThat(d.key()).isEqualTo("B"); // nothing of A overtakes its dead-lettered head
        bs.add(d.id());
        client.consumer().ack("fifo", "g", List.of(d.receipt())).join();
      }
      assertThat(client.admin().parkedKeys("fifo").join())
          .anySatisfy(k -> assertThat(k).isEqualTo(new io.raftq.protocol.ParkedKeyInfo(
              io.raftq.client.internal.ProducerImpl.partitionOf("A", 2), "g", "A", 2)));
      assertThat(bs).containsExactly("b2", "b3");
    });

    assertThat(client.admin().releaseKey("fifo", "g", "A", false).join()).isEqualTo(1);
    List<String> as = new java.util.ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (Delivery d : client.consumer().receive("fifo", "g", 10, Duration.ofSeconds(30), Duration.ofMillis(300))
          .join()) {
        as.add(d.id());
        client.consumer().ack("fifo", "g", List.of(d.receipt())).join();
      }
      assertThat(as).containsExactly("a2", "a3");
    });
    assertThat(client.admin().parkedKeys("fifo").join()).isEmpty();
    assertThat(receive("fifo-dlq", "ops", Duration.ofSeconds(5))).extracting(Delivery::id).containsExactly("a1");
  }

  @Test
  void aGroupThatProcessedAnIdIsNotHandedItAgainAndCanLookUpTheResult() {
    // Producer dedup off, so a resend of the same id is stored twice; the consumer dedup table catches it.
    client.admin().createQueue("once", 2,
        new QueueOptions(Duration.ofSeconds(30), Duration.ZERO).withConsumerDedupWindow(Duration.ofMinutes(10))).join();
    assertThat(client.admin().describeQueue("once").join().queue().settings().consumerDedupWindowMs())
        .isEqualTo(600_000);
    client.producer().send("once", new OutgoingMessage("payment-9", "acct-1", List.of(), utf8("charge 10"))).join();
    client.producer().send("once", new OutgoingMessage("payment-9", "acct-1", List.of(), utf8("charge 10"))).join();
    client.producer().send("once", new OutgoingMessage("payment-10", "acct-1", List.of(), utf8("charge 5"))).join();

    // One at a time: a copy handed out while the first is still unacked is not caught (see SEMANTICS.md).
    List<String> handled = new java.util.ArrayList<>();
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      for (Delivery d : client.consumer().receive("once", "billing", 1, null, Duration.ofMillis(500)).join()) {
        assertThat(client.consumer().processOnce("once", "billing", d, m -> {
          handled.add(m.id());
          return utf8("receipt-" + m.id());
        }).join()).isEqualTo(ReceiptOutcome.OK);
      }
      assertThat(handled).containsExactlyInAnyOrder("payment-9", "payment-10");
    });
    assertThat(client.consumer().receive("once", "billing", 10, null, Duration.ofMillis(500)).join()).isEmpty();
    assertThat(client.admin().describeQueue("once").join().partitions().stream().mapToLong(PartitionInfo::depth)
        .sum()).isZero();

    io.raftq.client.Processed p = client.consumer().wasProcessed("once", "billing", "payment-9", "acct-1").join()
        .orElseThrow();
    assertThat(new String(p.result(), StandardCharsets.UTF_8)).isEqualTo("receipt-payment-9");
    assertThat(client.consumer().wasProcessed("once", "billing", "payment-77", "acct-1").join()).isEmpty();
    assertThat(client.consumer().wasProcessed("once", "audit", "payment-9", "acct-1").join()).isEmpty();
  }

  @Test
  void anAtMostOnceReceiveNeverHandsTheMessageToTheGroupAgain() {
    client.admin().createQueue("amo", 1, options()).join();
    client.producer().send("amo", null, utf8("metrics sample"), List.of()).join();
    List<Delivery> got = client.consumer().receiveAtMostOnce("amo", "g", 10, Duration.ofSeconds(5)).join();
    assertThat(got).hasSize(1);
    assertThat(client.admin().describeQueue("amo").join().partitions().get(0).inFlight()).isZero();
    // Not acked, and still never delivered again to this group, even past any visibility timeout.
    assertThat(client.consumer().receive("amo", "g", 10, Duration.ofMillis(100), Duration.ofSeconds(1)).join())
        .isEmpty();
    assertThat(client.consumer().ack("amo", "g", List.of(got.get(0).receipt())).join())
        .containsExactly(ReceiptOutcome.ALREADY_ACKED);
  }

  @Test
  void aSubscriptionBoundsMessagesInFlightAndKeepsExtendingTheLeasesOfLongJobs() throws Exception {
    client.admin().createQueue("sub", 2, options()).join();
    for (int i = 0; i < 6; i++) {
      client.producer().send("sub", new OutgoingMessage("job-" + i, "k" + i, List.of(), utf8("work"))).join();
    }
    java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger maxRunning = new java.util.concurrent.atomic.AtomicInteger();
    java.util.Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
    io.raftq.client.SubscribeOptions opts = io.raftq.client.SubscribeOptions.defaults()
        .withMaxInFlight(2).withLease(Duration.ofMillis(900));
    try (io.raftq.client.Subscription sub = client.consumer().subscribe("sub", "workers", m -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      calls.merge(m.id(), 1, Integer::sum);
      Thread.sleep(m.id().equals("job-0") ? 3_000 : 200); // job-0 outlives its 900 ms lease three times over
      running.decrementAndGet();
      return null;
    }, opts)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> sub.acked() == 6);
      assertThat(sub.extensions()).isPositive();
      assertThat(sub.failed()).isZero();
    }
    assertThat(maxRunning.get()).isLessThanOrEqualTo(2);
    assertThat(calls).hasSize(6).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    assertThat(client.consumer().receive("sub", "workers", 10, null, Duration.ofMillis(500)).join()).isEmpty();
  }

  @Test
  void messageStatusAndQueueStatsShowWhereMessagesAreInEachGroup() {
    client.admin().createQueue("inspect", 2, options()).join();
    client.producer().send("inspect", new OutgoingMessage("order-1", "c1", List.of(), utf8("x"))).join();
    client.producer().send("inspect", new OutgoingMessage("later", "c1", List.of(), utf8("y"), 3_600_000)).join();
    Delivery first = receive("inspect", "billing", Duration.ofSeconds(5)).get(0);
    client.consumer().nack("inspect", "billing", List.of(first.receipt()), Duration.ZERO, "busy").join();
    Delivery d = receive("inspect", "billing", Duration.ofSeconds(5)).get(0);
    assertThat(d.deliveries()).isEqualTo(2);
    List<Delivery> forAudit = client.consumer().receive("inspect", "audit", 10, null, Duration.ofSeconds(5)).join();
    assertThat(forAudit).extracting(Delivery::id).containsExactly("order-1");
    client.consumer().ack("inspect", "audit", List.of(forAudit.get(0).receipt())).join();

    List<io.raftq.protocol.MessageCopy> copies = client.admin().messageStatus("inspect", "order-1", "c1").join();
    assertThat(copies).hasSize(1);
    assertThat(copies.get(0).groups()).extracting(io.raftq.protocol.MessageCopy.GroupState::group,
            io.raftq.protocol.MessageCopy.GroupState::state)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("billing", "IN_FLIGHT"),
            org.assertj.core.groups.Tuple.tuple("audit", "ACKED"));
    io.raftq.protocol.MessageCopy.GroupState billing = copies.get(0).groups().stream()
        .filter(g -> g.group().equals("billing")).findFirst().orElseThrow();
    assertThat(billing.deliveries()).isEqualTo(2);
    assertThat(billing.history()).singleElement().satisfies(a -> {
      assertThat(a.n()).isEqualTo(1);
      assertThat(a.nacked()).isTrue();
      assertThat(a.reason()).isEqualTo("busy");
    });
    assertThat(client.admin().messageStatus("inspect", "later", null).join().get(0).groups())
        .allSatisfy(g -> assertThat(g.state()).isEqualTo("DELAYED"));
    assertThat(client.admin().messageStatus("inspect", "never-sent", null).join()).isEmpty();

    List<io.raftq.protocol.PartitionStatsInfo> stats = client.admin().queueStats("inspect").join();
    assertThat(stats).hasSize(2);
    io.raftq.protocol.PartitionStatsInfo p = stats.stream().filter(x -> x.depth() > 0).findFirst().orElseThrow();
    assertThat(p.delayed()).isEqualTo(1);
    assertThat(p.oldestEnqueuedAtMs()).isPositive();
    assertThat(p.groups()).anySatisfy(g -> {
      assertThat(g.group()).isEqualTo("billing");
      assertThat(g.inFlight()).isEqualTo(1);
      assertThat(g.delayed()).isEqualTo(1);
    });
  }

  @Test
  void aTopicKeepsMessagesForEveryGroupUntilRetentionAndStreamGroupsReadFromCommittedOffsets() {
    client.admin().createTopic("events", 2, Duration.ofSeconds(4), 0).join();
    assertThat(client.admin().describeQueue("events").join().queue().settings().topic()).isTrue();
    for (int i = 0; i < 4; i++) {
      client.producer().send("events", new OutgoingMessage("e" + i, "k" + (i % 2), List.of(), utf8("e" + i))).join();
    }
    // A queue group acks everything; a topic keeps the messages anyway.
    List<Delivery> all = await().atMost(Duration.ofSeconds(10)).until(
        () -> client.consumer().receive("events", "billing", 10, null, Duration.ofSeconds(1)).join(),
        l -> l.size() == 4);
    client.consumer().ack("events", "billing", all.stream().map(Delivery::receipt).toList()).join();
    assertThat(client.admin().queueStats("events").join().stream().mapToLong(p -> p.depth()).sum()).isEqualTo(4);

    io.raftq.client.StreamReader reader = new io.raftq.client.StreamReader(client, "events", "analytics");
    assertThat(reader.poll(10)).extracting(Delivery::id).containsExactlyInAnyOrder("e0", "e1", "e2", "e3");
    reader.commit();
    assertThat(new io.raftq.client.StreamReader(client, "events", "analytics").poll(10)).isEmpty();
    assertThat(client.admin().queueStats("events").join()).allSatisfy(p -> assertThat(p.streams())
        .singleElement().satisfies(g -> {
          assertThat(g.group()).isEqualTo("analytics");
          assertThat(p.lagOf(g)).isZero();
        }));
    // A late commit of an older offset does not move the group back; a seek does.
    assertThat(client.admin().commitOffset("events", "analytics", 0, 0, false).join()).isPositive();
    io.raftq.client.StreamReader again = new io.raftq.client.StreamReader(client, "events", "analytics");
    again.seekToBeginning();
    assertThat(again.poll(10)).hasSize(4);
    assertThat(new io.raftq.client.StreamReader(client, "events", "audit").poll(10)).hasSize(4);

    // Retention (4 s) deletes them, whatever the groups did.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(client.admin().queueStats("events").join().stream().mapToLong(p -> p.depth()).sum()).isZero());
    assertThat(new io.raftq.client.StreamReader(client, "events", "late").poll(10)).isEmpty();
    RaftqException noRetention = failure(() -> client.admin().createTopic("no-retention", 1, Duration.ZERO, 0).join());
    assertThat(noRetention.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  void aBatchSendAnswersEachEntryAndOneBadEntryFailsAlone() {
    client.admin().createQueue("batch", 3, options()).join();
    List<OutgoingMessage> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(new OutgoingMessage(i == 150 ? "x".repeat(2_000) : "b-" + i, null, List.of(), utf8("m" + i)));
    }
    List<io.raftq.client.BatchEntryResult> results = client.producer().sendBatch("batch", batch).join();
    assertThat(results).hasSize(300);
    assertThat(results.get(150).ok()).isFalse();
    assertThat(results.get(150).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(results.stream().filter(io.raftq.client.BatchEntryResult::ok).count()).isEqualTo(299);
    assertThat(client.admin().queueStats("batch").join().stream().mapToLong(p -> p.depth()).sum()).isEqualTo(299);
  }

  @Test
  void anExpiredLeaseCountsAsAReceiveToo() {
    client.admin().createQueue("dl-expire-target", 1, options()).join();
    client.admin().createQueue("dl-expire", 1, options().withDeadLetter("dl-expire-target", 1)).join();
    client.producer().send("dl-expire", null, utf8("slow"), List.of()).join();
    assertThat(client.consumer().receive("dl-expire", "g", 1, Duration.ofMillis(300), Duration.ofSeconds(5)).join())
        .hasSize(1);
    List<Delivery> dead = await().atMost(Duration.ofSeconds(20)).until(() -> {
      client.consumer().receive("dl-expire", "g", 1, null, Duration.ZERO).join(); // the receive that moves it
      return receive("dl-expire-target", "ops", Duration.ofMillis(500));
    }, l -> !l.isEmpty());
    assertThat(header(dead.get(0), DeadLetterHeaders.DELIVERIES)).isEqualTo("1");
    assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).isNull();
  }

  @Test
  void deadLetterSettingsAreCheckedAndABadOneCreatesNothing() {
    RaftqException missing = failure(() -> client.admin()
        .createQueue("dl-orphan", 1, options().withDeadLetter("no-such-queue", 3)).join());
    assertThat(missing.code()).isEqualTo(ErrorCode.QUEUE_NOT_FOUND);
    assertThat(missing.getMessage()).contains("deadLetterQueue").contains("no-such-queue");

    RaftqException self = failure(() -> client.admin()
        .createQueue("dl-self", 1, options().withDeadLetter("dl-self", 3)).join());
    assertThat(self.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(self.getMessage()).contains("own dead-letter queue");

    client.admin().createQueue("dl-exists", 1, options()).join();
    RaftqException noLimit = failure(() -> client.admin()
        .createQueue("dl-nolimit", 1, options().withDeadLetter("dl-exists", 0)).join());
    assertThat(noLimit.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(noLimit.getMessage()).contains("maxReceives: a dead-letter queue needs maxReceives");

    assertThat(client.admin().listQueues().join()).extracting(QueueInfo::name)
        .doesNotContain("dl-orphan", "dl-self", "dl-nolimit");
  }

  @Test
  void aQueueDefaultDelayHoldsBackMessagesSentWithoutTheirOwnDelay() {
    client.admin().createQueue("delayed-by-default", 1, options().withDelay(Duration.ofSeconds(2))).join();
    assertThat(client.admin().describeQueue("delayed-by-default").join().queue().settings().defaultDelayMs())
        .isEqualTo(2_000);
    long start = System.nanoTime();
    client.producer().send("delayed-by-default", null, utf8("held"), List.of()).join();
    // Describe answers from the replica of whichever node it reaches, which may apply the send a moment later.
    await().atMost(Duration.ofMillis(1_000)).untilAsserted(() -> assertThat(
        client.admin().describeQueue("delayed-by-default").join().partitions().get(0).delayed()).isEqualTo(1));
    assertThat(client.consumer().receive("delayed-by-default", "g", 1, null, Duration.ZERO).join()).isEmpty();

    List<Delivery> got = await().atMost(Duration.ofSeconds(15))
        .until(() -> receive("delayed-by-default", "g", Duration.ofSeconds(1)), l -> !l.isEmpty());
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_500));
    assertThat(new String(got.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("held");
  }

  @Test
  void purgeDeletesReadyDelayedAndLeasedMessagesAndTheQueueKeepsWorking() {
    client.admin().createQueue("purged", 2, options()).join();
    for (int i = 0; i < 5; i++) {
      client.producer().send("purged", "k" + i, utf8("m" + i), List.of()).join();
    }
    client.producer().send("purged", new OutgoingMessage("later", null, List.of(), utf8("x"), 60_000)).join();
    Delivery leased = receive("purged", "g", Duration.ofSeconds(5)).get(0);

    assertThat(client.admin().purgeQueue("purged").join()).isEqualTo(6);
    assertThat(client.consumer().receive("purged", "g", 10, null, Duration.ofMillis(300)).join()).isEmpty();
    assertThat(client.consumer().receive("purged", "new-group", 10, null, Duration.ofMillis(300)).join()).isEmpty();
    assertThat(client.consumer().ack("purged", "g", List.of(leased.receipt())).join())
        .containsExactly(ReceiptOutcome.ALREADY_ACKED);
    assertThat(client.admin().describeQueue("purged").join().partitions())
        .allSatisfy(p -> assertThat(p.depth()).isZero());

    client.producer().send("purged", "k", utf8("after"), List.of()).join();
    assertThat(receive("purged", "g", Duration.ofSeconds(5))).extracting(Delivery::id).hasSize(1);
    assertThat(failure(() -> client.admin().purgeQueue("never-created").join()).code())
        .isEqualTo(ErrorCode.QUEUE_NOT_FOUND);
  }
}
