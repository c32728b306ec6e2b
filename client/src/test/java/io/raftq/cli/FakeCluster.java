package io.raftq.cli;

import io.raftq.client.Admin;
import io.raftq.client.ClientConfig;
import io.raftq.client.Consumer;
import io.raftq.client.Producer;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.client.RaftqException;
import io.raftq.client.SendResult;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Header;
import io.raftq.protocol.NodeInfo;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.PartitionStatus;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory stand-in for a raftq cluster behind the public client interfaces, for CLI tests without a
 * server. Same observable rules as the real one where the CLI depends on them: key hashing and round-robin
 * partitioning, dedup by id, leases with epochs (ack OK / ALREADY_ACKED / INVALID), nack makes a message
 * visible again. Time does not pass: leases never expire and nack delays are recorded, not honoured. All
 * futures complete before they are returned. Thread-safe (the bench drives it from many threads).
 */
public final class FakeCluster {
  private final Map<String, FakeQueue> queues = new LinkedHashMap<>();
  private final List<ClientConfig> connections = new ArrayList<>();
  private final Set<String> rejectedPayloads = new HashSet<>();
  /** Membership changes the CLI asked for, in order. */
  final List<io.raftq.protocol.Request.ChangeMembership> membershipChanges = new ArrayList<>();
  private int openClients;
  public volatile Duration lastReceiveVisibility;
  public volatile Duration lastReceiveWait;
  public volatile int lastReceiveMax;
  public volatile int lastReceiveMaxBytes;
  public volatile Duration lastNackDelay;
  public volatile QueueOptions lastCreateOptions;

  public ClientFactory factory() {
    return config -> {
      synchronized (this) {
        connections.add(config);
        openClients++;
      }
      return new Client();
    };
  }

  public synchronized List<ClientConfig> connections() {
    return List.copyOf(connections);
  }

  public synchronized int openClients() {
    return openClients;
  }

  /** Sends of exactly this (UTF-8) payload fail with MESSAGE_TOO_LARGE. */
  public synchronized void rejectPayload(String payload) {
    rejectedPayloads.add(payload);
  }

  public synchronized void createQueue(String name, int partitions) {
    queues.put(name, new FakeQueue(name, partitions, QueueOptions.defaults()));
  }

  /** Stored messages of one partition, in offset order. */
  public synchronized List<OutgoingMessage> messages(String queue, int partition) {
    return List.copyOf(queue(queue).logs.get(partition));
  }

  public synchronized int messageCount(String queue) {
    return queue(queue).logs.stream().mapToInt(List::size).sum();
  }

  private FakeQueue queue(String name) {
    FakeQueue q = queues.get(name);
    if (q == null) {
      throw new RaftqException(ErrorCode.QUEUE_NOT_FOUND, "queue '" + name + "' does not exist");
    }
    return q;
  }

  private static <T> CompletableFuture<T> attempt(java.util.function.Supplier<T> call) {
    try {
      return CompletableFuture.completedFuture(call.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** One stored message's lease state for one group. */
  private static final class Lease {
    long epoch;
    int deliveries;
    boolean acked;
    boolean visible;
  }

  private static final class FakeQueue {
    final QueueInfo info;
    final List<List<OutgoingMessage>> logs = new ArrayList<>();
    final Map<String, SendResult> byId = new HashMap<>();
    final Map<String, List<Map<Long, Lease>>> groups = new HashMap<>();
    long nextEpoch = 1;
    int roundRobin;
    long generatedIds;

    FakeQueue(String name, int partitions, QueueOptions options) {
      info = new QueueInfo(name, partitions, options.visibilityTimeout().toMillis(),
          options.dedupWindow().toMillis(), 1_764_028_800_000L);
      for (int i = 0; i < partitions; i++) {
        logs.add(new ArrayList<>());
      }
    }

    List<Map<Long, Lease>> group(String name) {
      return groups.computeIfAbsent(name, g -> {
        List<Map<Long, Lease>> perPartition = new ArrayList<>();
        logs.forEach(l -> perPartition.add(new HashMap<>()));
        return perPartition;
      });
    }
  }

  private SendResult send(String queueName, OutgoingMessage m) {
    synchronized (this) {
      FakeQueue q = queue(queueName);
      if (rejectedPayloads.contains(new String(m.payload(), StandardCharsets.UTF_8))) {
        throw new RaftqException(ErrorCode.MESSAGE_TOO_LARGE, "message rejected by the fake");
      }
      String id = m.id() == null ? "gen-" + (++q.generatedIds) : m.id();
      SendResult earlier = q.byId.get(id);
      if (earlier != null) {
        return new SendResult(id, earlier.partition(), earlier.offset(), true);
      }
      int partition = m.key() == null
          ? q.roundRobin++ % q.logs.size()
          : Math.floorMod(m.key().hashCode(), q.logs.size());
      List<OutgoingMessage> log = q.logs.get(partition);
      log.add(m.withId(id));
      SendResult result = new SendResult(id, partition, log.size() - 1, false);
      q.byId.put(id, result);
      notifyAll();
      return result;
    }
  }

  private synchronized List<Delivery> receive(String queueName, String group, int max) {
    FakeQueue q = queue(queueName);
    List<Map<Long, Lease>> leases = q.group(group);
    List<Delivery> out = new ArrayList<>();
    for (int p = 0; p < q.logs.size() && out.size() < max; p++) {
      for (long offset : visibleOffsets(q, leases.get(p), p)) {
        if (out.size() == max) {
          break;
        }
        Lease lease = leases.get(p).computeIfAbsent(offset, o -> new Lease());
        lease.epoch = q.nextEpoch++;
        lease.deliveries++;
        lease.visible = false;
        OutgoingMessage m = q.logs.get(p).get((int) offset);
        out.add(new Delivery(m.id(), p, offset, m.key(), m.headers(), m.payload(),
            new Receipt(p, offset, lease.epoch), lease.deliveries, 1_764_028_800_000L + offset));
      }
    }
    return out;
  }

  /** Nacked offsets first (oldest first), then never-delivered ones. */
  private static TreeSet<Long> visibleOffsets(FakeQueue q, Map<Long, Lease> leases, int partition) {
    TreeSet<Long> visible = new TreeSet<>();
    leases.forEach((offset, lease) -> {
      if (lease.visible && !lease.acked) {
        visible.add(offset);
      }
    });
    List<Long> fresh = new ArrayList<>();
    for (long o = 0; o < q.logs.get(partition).size(); o++) {
      if (!leases.containsKey(o)) {
        fresh.add(o);
      }
    }
    visible.addAll(fresh);
    return visible;
  }

  private synchronized List<ReceiptOutcome> settle(String queueName, String group, List<Receipt> receipts,
      boolean isAck) {
    FakeQueue q = queue(queueName);
    List<Map<Long, Lease>> leases = q.group(group);
    List<ReceiptOutcome> outcomes = new ArrayList<>();
    for (Receipt r : receipts) {
      Lease lease = r.partition() < leases.size() ? leases.get(r.partition()).get(r.offset()) : null;
      if (lease != null && lease.acked && isAck) {
        outcomes.add(ReceiptOutcome.ALREADY_ACKED);
      } else if (lease == null || lease.acked || lease.visible || lease.epoch != r.epoch()) {
        outcomes.add(ReceiptOutcome.INVALID);
      } else {
        lease.acked = isAck;
        lease.visible = !isAck;
        outcomes.add(ReceiptOutcome.OK);
      }
    }
    return outcomes;
  }

  private synchronized QueueDescription describe(String name) {
    FakeQueue q = queue(name);
    List<PartitionInfo> partitions = new ArrayList<>();
    for (int p = 0; p < q.logs.size(); p++) {
      partitions.add(new PartitionInfo(p, "n1", "127.0.0.1:9091", List.of("n1", "n2", "n3"),
          q.logs.get(p).size(), 0, q.logs.get(p).size(), 10 + p));
    }
    return new QueueDescription(q.info, partitions);
  }

  private synchronized void create(String name, int partitions, QueueOptions options) {
    if (queues.containsKey(name)) {
      throw new RaftqException(ErrorCode.QUEUE_EXISTS, "queue '" + name + "' already exists");
    }
    lastCreateOptions = options;
    queues.put(name, new FakeQueue(name, partitions, options));
  }

  private synchronized void delete(String name) {
    queue(name);
    queues.remove(name);
  }

  private synchronized List<QueueInfo> list() {
    return queues.values().stream().map(q -> q.info).toList();
  }

  /** Waits (bounded by the requested wait, at most 5 ms) so idle long-polls do not spin a core. */
  private synchronized void pauseIfEmpty(List<Delivery> got, Duration wait) {
    if (got.isEmpty() && wait != null && !wait.isZero()) {
      try {
        wait(Math.min(5, Math.max(1, wait.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final class Client implements RaftqClient, Producer, Consumer, Admin {
    @Override public Producer producer() { return this; }
    @Override public Consumer consumer() { return this; }
    @Override public Admin admin() { return this; }

    @Override
    public void close() {
      synchronized (FakeCluster.this) {
        openClients--;
      }
    }

    @Override
    public CompletableFuture<SendResult> send(String queue, String key, byte[] payload, List<Header> headers) {
      return send(queue, new OutgoingMessage(null, key, headers, payload));
    }

    @Override
    public CompletableFuture<SendResult> send(String queue, OutgoingMessage message) {
      return attempt(() -> FakeCluster.this.send(queue, message));
    }

    @Override public void flush() {}

    @Override
    public CompletableFuture<List<Delivery>> receive(String queue, String group, int maxMessages, int maxBytes,
        Duration visibility, Duration wait) {
      lastReceiveMaxBytes = maxBytes;
      lastReceiveVisibility = visibility;
      lastReceiveWait = wait;
      lastReceiveMax = maxMessages;
      CompletableFuture<List<Delivery>> result = attempt(() -> FakeCluster.this.receive(queue, group, maxMessages));
      result.thenAccept(got -> pauseIfEmpty(got, wait));
      return result;
    }

    @Override
    public CompletableFuture<List<Delivery>> receive(String queue, int partition, String group, int maxMessages,
        Duration visibility, Duration wait) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("partitions are not modelled"));
    }

    @Override
    public CompletableFuture<Integer> partitions(String queue) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("partitions are not modelled"));
    }

    @Override
    public CompletableFuture<List<ReceiptOutcome>> ack(String queue, String group, List<Receipt> receipts) {
      return attempt(() -> settle(queue, group, receipts, true));
    }

    @Override
    public CompletableFuture<List<ReceiptOutcome>> ack(String queue, String group, List<Receipt> receipts,
        List<byte[]> results) {
      return ack(queue, group, receipts);
    }

    @Override
    public CompletableFuture<List<ReceiptOutcome>> nack(String queue, String group, List<Receipt> receipts,
        Duration delay, String reason) {
      lastNackDelay = delay;
      return attempt(() -> settle(queue, group, receipts, false));
    }

    @Override
    public CompletableFuture<List<ReceiptOutcome>> changeVisibility(String queue, String group,
        List<Receipt> receipts, Duration visibility) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("not used by the CLI"));
    }

    @Override
    public CompletableFuture<Void> createQueue(String name, int partitions, QueueOptions options,
        java.util.Map<String, String> attributes) {
      return attempt(() -> {
        create(name, partitions, options);
        return null;
      });
    }

    @Override
    public CompletableFuture<Void> alterQueue(QueueInfo altered) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("the CLI does not alter queues"));
    }

    @Override
    public CompletableFuture<Void> deleteQueue(String name) {
      return attempt(() -> {
        delete(name);
        return null;
      });
    }

    @Override
    public CompletableFuture<io.raftq.protocol.Response.Browsed> browse(String queue, int partition, long from,
        int max) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("browse is not modelled"));
    }

    @Override
    public CompletableFuture<Long> removeMessages(String queue, int partition, List<Long> offsets) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("remove is not modelled"));
    }

    @Override
    public CompletableFuture<List<io.raftq.protocol.ParkedKeyInfo>> parkedKeys(String queue) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("parked keys are not modelled"));
    }

    @Override
    public CompletableFuture<Long> releaseKey(String queue, String group, String key, boolean skip) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("parked keys are not modelled"));
    }

    @Override
    public CompletableFuture<List<io.raftq.protocol.Delivery>> receiveAtMostOnce(String queue, String group, int max,
        int maxBytes, Duration wait) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("at-most-once is not modelled"));
    }

    @Override
    public CompletableFuture<io.raftq.protocol.ReceiptOutcome> ack(String queue, String group,
        io.raftq.protocol.Receipt receipt, byte[] result) {
      return ack(queue, group, List.of(receipt)).thenApply(o -> o.get(0));
    }

    @Override
    public CompletableFuture<java.util.Optional<io.raftq.client.Processed>> wasProcessed(String queue, String group,
        String id, String key) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("consumer dedup is not modelled"));
    }

    @Override
    public CompletableFuture<List<io.raftq.protocol.MessageCopy>> messageStatus(String queue, String id, String key) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("status is not modelled"));
    }

    @Override
    public CompletableFuture<List<io.raftq.protocol.PartitionStatsInfo>> queueStats(String queue) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("stats are not modelled"));
    }

    @Override
    public CompletableFuture<Void> createTopic(String name, int partitions, Duration retention, long bytes) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("topics are not modelled"));
    }

    @Override
    public CompletableFuture<Long> commitOffset(String queue, String group, int partition, long offset, boolean s) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("streams are not modelled"));
    }

    @Override
    public CompletableFuture<io.raftq.protocol.Response.Position> streamPosition(String queue, String group, int p) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("streams are not modelled"));
    }

    @Override
    public CompletableFuture<Long> offsetForTime(String queue, int partition, long timeMs) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("streams are not modelled"));
    }

    /** Not modelled here: purge is tested against the real cluster. */
    @Override
    public CompletableFuture<Long> purgeQueue(String name) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("purge is not modelled by FakeCluster"));
    }

    @Override public CompletableFuture<List<QueueInfo>> listQueues() { return attempt(FakeCluster.this::list); }

    @Override
    public CompletableFuture<QueueDescription> describeQueue(String name) {
      return attempt(() -> describe(name));
    }

    @Override
    public CompletableFuture<List<NodeInfo>> clusterNodes() {
      return CompletableFuture.completedFuture(List.of(new NodeInfo("n1", "127.0.0.1:9091")));
    }

    @Override
    public CompletableFuture<Void> changeMembership(io.raftq.protocol.Request.ChangeMembership change) {
      membershipChanges.add(change);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<io.raftq.protocol.LayoutInfo> clusterLayout() {
      return CompletableFuture.completedFuture(new io.raftq.protocol.LayoutInfo(
          List.of(new io.raftq.protocol.LayoutInfo.Node("n1", "127.0.0.1:9191", "127.0.0.1:9091", "", "ACTIVE")),
          List.of()));
    }

    @Override
    public CompletableFuture<PartitionStatus> partitionStatus(String node, String queue, int partition) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("not used by the CLI"));
    }
  }
}
