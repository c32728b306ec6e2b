package io.raftq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.PartitionStatus;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.SendOutcome;
import io.raftq.protocol.netty.RequestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client library against scripted nodes built from the real server pipeline. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DefaultRaftqClientTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
  }

  private FakeNode node(String id) throws InterruptedException {
    FakeNode n = new FakeNode(id);
    resources.add(n);
    return n;
  }

  private RaftqClient client(Duration deliveryTimeout, int maxInFlight, FakeNode... nodes) {
    List<String> bootstrap = new ArrayList<>();
    for (FakeNode n : nodes) {
      bootstrap.add(n.address());
    }
    RaftqClient c = RaftqClient.connect(
        new ClientConfig(bootstrap, Duration.ofSeconds(2), deliveryTimeout, maxInFlight, 1 << 20));
    resources.add(0, c);
    return c;
  }

  private static Response.Described described(int partitions, String leaderAddress) {
    List<PartitionInfo> infos = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      infos.add(new PartitionInfo(p, leaderAddress == null ? null : "n", leaderAddress, List.of(), 0, 0, 0, 0));
    }
    return new Response.Described(new QueueDescription(new QueueInfo("q", partitions, 30_000, 60_000, 0), infos));
  }

  /** Answers a Send with consecutive offsets. */
  private static Response sent(Request.Send send, AtomicLong nextOffset) {
    return new Response.Sent(send.messages().stream()
        .map(m -> new SendOutcome(m.id(), nextOffset.getAndIncrement(), false)).toList());
  }

  private static BiFunction<FakeNode, Request, Response> describeThen(
      int partitions, String leader, BiFunction<FakeNode, Request, Response> rest) {
    return (n, r) -> r instanceof Request.DescribeQueue ? described(partitions, leader) : rest.apply(n, r);
  }

  private static RaftqException failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      while (!(t instanceof RaftqException) && t.getCause() != null) {
        t = t.getCause();
      }
      return (RaftqException) t;
    }
    throw new AssertionError("expected the call to fail");
  }

  private static OutgoingMessage message(String id) {
    return new OutgoingMessage(id, null, null, new byte[] {1, 2, 3});
  }

  @Test
  void notLeaderRedirectIsFollowed() throws Exception {
    FakeNode follower = node("n1");
    FakeNode leader = node("n2");
    AtomicLong offsets = new AtomicLong(41);
    follower.script(describeThen(1, null, (n, r) ->
        new Response.Error(ErrorCode.NOT_LEADER, "not leader", leader.address())));
    leader.script((n, r) -> sent((Request.Send) r, offsets));
    RaftqClient c = client(Duration.ofSeconds(5), 4, follower);

    SendResult result = c.producer().send("q", message("m1")).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(result).isEqualTo(new SendResult("m1", 0, 41, false));
    assertThat(follower.received(Request.Send.class)).hasSize(1);
    assertThat(leader.received(Request.Send.class)).hasSize(1);
    // The hint is cached: the next send goes straight to the leader.
    c.producer().send("q", message("m2")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(follower.received(Request.Send.class)).hasSize(1);
  }

  @Test
  void retriableErrorsAreRetriedUntilTheDeliveryTimeout() throws Exception {
    FakeNode a = node("n1");
    FakeNode b = node("n2");
    BiFunction<FakeNode, Request, Response> unavailable =
        describeThen(1, null, (n, r) -> new Response.Error(ErrorCode.UNAVAILABLE, "electing"));
    a.script(unavailable);
    b.script(unavailable);
    RaftqClient c = client(Duration.ofMillis(600), 4, a, b);

    RaftqException e = failure(c.producer().send("q", message("m1")));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    int attempts = a.received(Request.Send.class).size() + b.received(Request.Send.class).size();
    assertThat(attempts).isGreaterThan(2);
    assertThat(a.received(Request.Send.class)).as("retries walk to the next node").isNotEmpty();
    assertThat(b.received(Request.Send.class)).isNotEmpty();
  }

  @Test
  void nonRetriableErrorsFailAtOnce() throws Exception {
    FakeNode a = node("n1");
    a.script((n, r) -> new Response.Error(ErrorCode.QUEUE_EXISTS, "taken"));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    RaftqException e = failure(c.admin().createQueue("q", 3, QueueOptions.defaults()));

    assertThat(e.code()).isEqualTo(ErrorCode.QUEUE_EXISTS);
    assertThat(a.received(Request.CreateQueue.class)).hasSize(1);
  }

  @Test
  void concurrentSendsToOnePartitionAreBatched() throws Exception {
    FakeNode a = node("n1");
    AtomicLong offsets = new AtomicLong();
    AtomicBoolean gateOpen = new AtomicBoolean();
    ConcurrentLinkedQueue<RequestContext> held = new ConcurrentLinkedQueue<>();
    a.script(describeThen(1, null, (n, r) -> {
      if (!gateOpen.get()) {
        held.add(n.received().get(n.received().size() - 1));
        return null;
      }
      return sent((Request.Send) r, offsets);
    }));
    RaftqClient c = client(Duration.ofSeconds(10), 1, a);

    List<CompletableFuture<SendResult>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      futures.add(c.producer().send("q", message("m" + i)));
    }
    await().atMost(WAIT).until(() -> held.size() == 1);
    gateOpen.set(true);
    RequestContext first = held.poll();
    first.reply(sent((Request.Send) first.request(), offsets));
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    List<Request.Send> frames = a.received(Request.Send.class);
    assertThat(frames.size()).isLessThan(100);
    assertThat(frames.stream().mapToInt(s -> s.messages().size()).sum()).isEqualTo(100);
    assertThat(futures.stream().map(f -> f.join().offset()).distinct().count()).isEqualTo(100);
  }

  @Test
  void retriesReuseTheSameMessageIds() throws Exception {
    FakeNode a = node("n1");
    AtomicInteger sends = new AtomicInteger();
    AtomicLong offsets = new AtomicLong();
    a.script(describeThen(1, null, (n, r) -> sends.incrementAndGet() == 1
        ? new Response.Error(ErrorCode.TIMEOUT, "outcome unknown")
        : sent((Request.Send) r, offsets)));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    SendResult result = c.producer().send("q", "key", new byte[] {9}, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    List<Request.Send> frames = a.received(Request.Send.class);
    assertThat(frames).hasSize(2);
    assertThat(frames.get(1).messages()).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(frames.get(0).messages());
    assertThat(result.id()).isEqualTo(frames.get(0).messages().get(0).id()).isNotBlank();
  }

  @Test
  void connectionDropRetriesPendingSends() throws Exception {
    FakeNode a = node("n1");
    AtomicInteger sends = new AtomicInteger();
    AtomicLong offsets = new AtomicLong();
    a.script(describeThen(1, null, (n, r) -> {
      if (sends.incrementAndGet() == 1) {
        n.dropConnections(); // the first send is never answered: its outcome is unknown
        return null;
      }
      return sent((Request.Send) r, offsets);
    }));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    SendResult result = c.producer().send("q", message("m1")).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(result.id()).isEqualTo("m1");
    assertThat(a.received(Request.Send.class)).hasSize(2)
        .allSatisfy(s -> assertThat(s.messages().get(0).id()).isEqualTo("m1"));
  }

  @Test
  void queueNotFoundRefreshesTheDescriptionOnceThenFails() throws Exception {
    FakeNode a = node("n1");
    a.script(describeThen(1, null, (n, r) -> new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "no queue q")));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    RaftqException e = failure(c.producer().send("q", message("m1")));

    assertThat(e.code()).isEqualTo(ErrorCode.QUEUE_NOT_FOUND);
    assertThat(a.received(Request.DescribeQueue.class)).hasSize(2);
    assertThat(a.received(Request.Send.class)).hasSize(2);
  }

  @Test
  void keyedMessagesKeepTheirPartition() throws Exception {
    FakeNode a = node("n1");
    AtomicLong offsets = new AtomicLong();
    a.script(describeThen(4, null, (n, r) -> sent((Request.Send) r, offsets)));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    int p1 = c.producer().send("q", "user-7", new byte[0], null).get(WAIT.toSeconds(), TimeUnit.SECONDS).partition();
    int p2 = c.producer().send("q", "user-7", new byte[0], null).get(WAIT.toSeconds(), TimeUnit.SECONDS).partition();

    assertThat(p1).isEqualTo(p2).isEqualTo(io.raftq.client.internal.ProducerImpl.partitionOf("user-7", 4));
  }

  @Test
  void unkeyedMessagesWithTheCallersIdGoWhereTheirIdHashes() throws Exception {
    // Found by the chaos suite: a resend of the same id went round-robin to another partition and was stored twice.
    FakeNode a = node("n1");
    AtomicLong offsets = new AtomicLong();
    a.script(describeThen(4, null, (n, r) -> sent((Request.Send) r, offsets)));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);
    OutgoingMessage m = new OutgoingMessage("order-42", null, List.of(), new byte[0]);

    int p1 = c.producer().send("q", m).get(WAIT.toSeconds(), TimeUnit.SECONDS).partition();
    int p2 = c.producer().send("q", m).get(WAIT.toSeconds(), TimeUnit.SECONDS).partition();

    assertThat(p1).isEqualTo(p2).isEqualTo(io.raftq.client.internal.ProducerImpl.partitionOf("order-42", 4));
  }

  @Test
  void receiptsAreGroupedPerPartitionAndOutcomesKeepInputOrder() throws Exception {
    FakeNode a = node("n1");
    a.script((n, r) -> {
      Request.Ack ack = (Request.Ack) r;
      return new Response.ReceiptResults(ack.receipts().stream()
          .map(rc -> rc.offset() % 2 == 0 ? ReceiptOutcome.OK : ReceiptOutcome.INVALID).toList());
    });
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);
    List<Receipt> receipts = List.of(new Receipt(0, 10, 1), new Receipt(1, 11, 1), new Receipt(0, 13, 2),
        new Receipt(2, 14, 1), new Receipt(1, 16, 3));

    List<ReceiptOutcome> outcomes = c.consumer().ack("q", "g", receipts).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(outcomes).containsExactly(ReceiptOutcome.OK, ReceiptOutcome.INVALID, ReceiptOutcome.INVALID,
        ReceiptOutcome.OK, ReceiptOutcome.OK);
    List<Request.Ack> acks = a.received(Request.Ack.class);
    assertThat(acks).hasSize(3).allSatisfy(ack ->
        assertThat(ack.receipts()).allSatisfy(rc -> assertThat(rc.partition()).isEqualTo(ack.partition())));
    assertThat(acks.stream().filter(x -> x.partition() == 0).findFirst().orElseThrow().receipts())
        .containsExactly(new Receipt(0, 10, 1), new Receipt(0, 13, 2));
  }

  @Test
  void waitingReceiveReturnsTheFirstAnswerAndCancelsTheOtherWaits() throws Exception {
    FakeNode a = node("n1");
    Delivery d = new Delivery("m1", 1, 0, null, null, new byte[] {1}, new Receipt(1, 0, 5), 1, 0);
    List<RequestContext> waiting = new ArrayList<>();
    a.script(describeThen(2, null, (n, r) -> {
      if (r instanceof Request.Receive rcv) {
        if (rcv.waitMs() == 0) {
          return new Response.Received(List.of());
        }
        if (rcv.partition() == 1) {
          return new Response.Received(List.of(d));
        }
        synchronized (waiting) {
          waiting.add(n.received().get(n.received().size() - 1));
        }
        return null; // partition 0 waits
      }
      Request.CancelWait cancel = (Request.CancelWait) r;
      synchronized (waiting) {
        waiting.stream().filter(w -> w.requestId() == cancel.waitingRequestId())
            .forEach(w -> w.reply(new Response.Received(List.of())));
      }
      return new Response.Ok();
    }));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    List<Delivery> got = c.consumer().receive("q", "g", 10, null, Duration.ofSeconds(20))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(got).extracting(Delivery::id).containsExactly("m1");
    List<Request.Receive> receives = a.received(Request.Receive.class);
    // One round: both partitions asked at once, max split between them, both allowed to wait.
    assertThat(receives).hasSize(2);
    assertThat(receives).allSatisfy(x -> assertThat(x.waitMs()).isPositive());
    assertThat(receives).allSatisfy(x -> assertThat(x.maxMessages()).isEqualTo(5));
    assertThat(receives).allSatisfy(x -> assertThat(x.visibilityMs()).isEqualTo(-1));
    await().atMost(WAIT).until(() -> a.received(Request.CancelWait.class).size() == 1);
  }

  @Test
  void receiveWithoutWaitCollectsAcrossPartitions() throws Exception {
    FakeNode a = node("n1");
    a.script(describeThen(3, null, (n, r) -> {
      Request.Receive rcv = (Request.Receive) r;
      Delivery d = new Delivery("m" + rcv.partition(), rcv.partition(), 0, null, null, new byte[0],
          new Receipt(rcv.partition(), 0, 1), 1, 0);
      return new Response.Received(List.of(d));
    }));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    List<Delivery> got = c.consumer().receive("q", "g", 2, Duration.ofSeconds(3), Duration.ZERO)
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(got).hasSize(2);
    List<Request.Receive> receives = a.received(Request.Receive.class);
    // max 2 over 3 partitions: two partitions are asked for one message each, concurrently; never more than max.
    assertThat(receives).hasSize(2);
    assertThat(receives).allSatisfy(x -> assertThat(x.maxMessages()).isEqualTo(1));
    assertThat(receives.get(0).visibilityMs()).isEqualTo(3_000);
  }

  @Test
  void theByteBoundIsSplitBetweenThePartitionsAskedSoTheUnionStaysWithinIt() throws Exception {
    FakeNode a = node("n1");
    a.script(describeThen(4, null, (n, r) -> new Response.Received(List.of())));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    c.consumer().receive("q", "g", 100, 100_000, null, Duration.ZERO).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(a.received(Request.Receive.class)).hasSize(4)
        .allSatisfy(x -> assertThat(x.maxBytes()).isEqualTo(25_000));

    c.consumer().receive("q", "g", 2, 100_000, null, Duration.ZERO).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(a.received(Request.Receive.class).subList(4, 8)) // swept two partitions at a time, one message each
        .allSatisfy(x -> assertThat(x.maxBytes()).isEqualTo(50_000));

    c.consumer().receive("q", "g", 100, null, Duration.ZERO).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(a.received(Request.Receive.class).subList(8, 12))
        .allSatisfy(x -> assertThat(x.maxBytes()).isEqualTo(Consumer.DEFAULT_MAX_BYTES / 4));
  }

  @Test
  void aReceiveForFewerMessagesThanPartitionsSweepsEveryPartitionBeforeWaiting() throws Exception {
    FakeNode a = node("n1");
    // Only partition 2 of 4 has a message; the receive wants one.
    a.script(describeThen(4, null, (n, r) -> {
      Request.Receive rcv = (Request.Receive) r;
      if (rcv.partition() != 2) {
        return new Response.Received(List.of());
      }
      return new Response.Received(List.of(new Delivery("m2", 2, 0, null, null, new byte[0], new Receipt(2, 0, 1),
          1, 0)));
    }));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    for (int call = 0; call < 4; call++) { // whatever partition the call's turn starts at
      List<Delivery> got = c.consumer().receive("q", "g", 1, null, Duration.ofSeconds(10))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(got).extracting(Delivery::id).containsExactly("m2");
    }
    // Each sweep asks one partition at a time without waiting, so it never holds more than one lease.
    assertThat(a.received(Request.Receive.class)).allSatisfy(x -> {
      assertThat(x.maxMessages()).isEqualTo(1);
      assertThat(x.waitMs()).isZero();
    });
  }

  @Test
  void adminCallsAndPartitionStatusGoToTheExactNode() throws Exception {
    FakeNode a = node("n1");
    FakeNode b = node("n2");
    a.script((n, r) -> new Response.Cluster(List.of()));
    b.script((n, r) -> new Response.Status(new PartitionStatus("n2", 5, "ff", 9)));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    PartitionStatus s = c.admin().partitionStatus(b.address(), "q", 0).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(s.nodeId()).isEqualTo("n2");
    assertThat(b.received(Request.GetPartitionStatus.class)).containsExactly(new Request.GetPartitionStatus("q", 0));
    assertThat(a.received()).isEmpty();
  }

  @Test
  void metadataWritesFollowNotLeader() throws Exception {
    FakeNode a = node("n1");
    FakeNode b = node("n2");
    a.script((n, r) -> new Response.Error(ErrorCode.NOT_LEADER, "not the metadata leader", b.address()));
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    c.admin().createQueue("q", 3, QueueOptions.defaults()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(b.received(Request.CreateQueue.class)).singleElement()
        .satisfies(r -> assertThat(r.withOperationId(null)).isEqualTo(new Request.CreateQueue("q", 3, 30_000, 300_000)));
  }

  @Test
  void everyAttemptOfOneAdminCallCarriesTheSameOperationIdAndEachCallItsOwn() throws Exception {
    FakeNode a = node("n1");
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    a.script((n, r) -> attempts.incrementAndGet() % 2 == 1
        ? new Response.Error(ErrorCode.TIMEOUT, "outcome unknown", null) : new Response.Ok());
    RaftqClient c = client(Duration.ofSeconds(5), 4, a);

    c.admin().createQueue("q", 3, QueueOptions.defaults()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    c.admin().deleteQueue("q").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    List<Request.CreateQueue> creates = a.received(Request.CreateQueue.class);
    assertThat(creates).hasSize(2);
    assertThat(creates.get(0).operationId()).isNotBlank().isEqualTo(creates.get(1).operationId());
    List<Request.DeleteQueue> deletes = a.received(Request.DeleteQueue.class);
    assertThat(deletes).hasSize(2);
    assertThat(deletes.get(0).operationId()).isEqualTo(deletes.get(1).operationId())
        .isNotEqualTo(creates.get(0).operationId());
  }
}
