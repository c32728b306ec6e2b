package io.raftq.chaos.workload;

import io.raftq.chaos.history.Fn;
import io.raftq.client.ClientConfig;
import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.PartitionStatus;
import io.raftq.protocol.QueueDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of a chaos run: creates the queue, runs producer and consumer workers (each with its own client
 * instance) while faults happen, then drains the queue completely and probes every replica for convergence. Every
 * call is recorded in the {@link Recorder}.
 */
public final class Workload implements AutoCloseable {
  /** How long a worker waits for one call: the client's whole retry budget plus slack. */
  static final Duration CALL_LIMIT = Duration.ofSeconds(20);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
  private static final int DRAINERS = 3;
  private static final int DEAD_LETTER_PARTITIONS = 2;

  private final WorkloadSettings settings;
  private final List<String> bootstrap;
  private final Recorder recorder;
  private final SplittableRandom random;
  private final List<RaftqClient> clients = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final int workers;

  public Workload(WorkloadSettings settings, List<String> bootstrap, Recorder recorder, long seed) {
    this.settings = settings;
    this.bootstrap = List.copyOf(bootstrap);
    this.recorder = recorder;
    this.random = new SplittableRandom(seed);
    this.workers = settings.producers() + settings.consumers() + 2 * DRAINERS + 1;
  }

  private RaftqClient newClient() {
    RaftqClient c = RaftqClient.connect(ClientConfig.of(bootstrap).withDeliveryTimeout(DELIVERY_TIMEOUT));
    synchronized (clients) {
      clients.add(c);
    }
    return c;
  }

  /** Creates the queue (before any fault), waiting until every partition serves. */
  public void createQueue() throws Exception {
    try (RaftqClient admin = RaftqClient.connect(ClientConfig.of(bootstrap))) {
      QueueOptions options = new QueueOptions(settings.visibility(), settings.dedupWindow());
      if (settings.fifoWithDeadLetters()) {
        create(admin, settings.deadLetterQueue(), DEAD_LETTER_PARTITIONS,
            new QueueOptions(settings.visibility(), QueueOptions.DEFAULT_DEDUP_WINDOW));
        options = options.withFifo().withDeadLetter(settings.deadLetterQueue(), WorkloadSettings.MAX_RECEIVES);
      }
      create(admin, settings.queue(), settings.partitions(), options);
    }
  }

  /**
   * Creates {@code queue} in the run's fresh cluster. QUEUE_EXISTS there can only answer the client's own retry
   * of a create that succeeded (a slow first answer on a loaded machine), so it counts as created.
   */
  private static void create(RaftqClient admin, String queue, int partitions, QueueOptions options)
      throws Exception {
    try {
      admin.admin().createQueue(queue, partitions, options).get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof io.raftq.client.RaftqException r
          && r.code() == io.raftq.protocol.ErrorCode.QUEUE_EXISTS)) {
        throw e;
      }
      System.out.println("chaos: create " + queue + " answered QUEUE_EXISTS (a retry of our own create); using it");
    }
  }

  /** Starts the producers and consumers. */
  public void start() {
    running.set(true);
    int w = 0;
    for (int i = 0; i < settings.producers(); i++, w++) {
      spawn("producer-" + i, new ProducerWorker(w, workers, newClient().producer(), recorder, settings,
          random.split(), running::get));
    }
    for (int i = 0; i < settings.consumers(); i++, w++) {
      ConsumerCalls calls = new ConsumerCalls(newClient().consumer(), recorder, new ProcessIds(w, workers),
          settings.queue(), settings.group());
      spawn("consumer-" + i, new ConsumerWorker(calls, settings, random.split(), running::get));
    }
    if (settings.fifoWithDeadLetters()) {
      // An operator releasing parked keys every 2 s: without it, once poison messages have parked every key of a
      // partition, that partition delivers nothing until the drain, and liveness would measure the wait.
      RaftqClient operator = newClient();
      spawn("operator", () -> {
        while (running.get()) {
          releaseParkedKeys(operator);
          try {
            Thread.sleep(2_000);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }
    if (settings.streamReader()) {
      spawn("stream-0", new StreamWorker(newClient().admin(), recorder, new ProcessIds(w++, workers),
          settings.queue(), "stream", settings.partitions(), running::get));
    }
  }

  private void spawn(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Stops the producers and consumers and waits for their last calls to complete. */
  public void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(CALL_LIMIT.toMillis() * 3);
    }
    threads.clear();
  }

  /**
   * Receives and acks until every partition reports nothing stored and nothing in flight, and no drainer has seen a
   * message for a while. Returns false if that did not happen within {@code limit}.
   */
  public boolean drain(Duration limit) throws Exception {
    AtomicBoolean draining = new AtomicBoolean(true);
    AtomicLong lastDeliveryNanos = new AtomicLong(System.nanoTime());
    List<Thread> drainers = new ArrayList<>();
    List<String[]> sources = new ArrayList<>();
    sources.add(new String[] {settings.queue(), settings.group()});
    if (settings.fifoWithDeadLetters()) {
      sources.add(new String[] {settings.deadLetterQueue(), "dlq"});
    }
    int first = settings.producers() + settings.consumers() + (settings.streamReader() ? 1 : 0);
    for (int i = 0; i < DRAINERS * sources.size(); i++) {
      String[] source = sources.get(i % sources.size());
      ConsumerCalls calls = new ConsumerCalls(newClient().consumer(), recorder,
          new ProcessIds(first + i, workers), source[0], source[1]);
      Thread t = new Thread(() -> {
        while (draining.get()) {
          List<Delivery> got = calls.receive(Fn.DRAIN, 20, Duration.ofSeconds(10), Duration.ofMillis(500));
          if (got != null && !got.isEmpty()) {
            lastDeliveryNanos.set(System.nanoTime());
            got.forEach(d -> calls.settle(Fn.ACK, d));
          }
        }
      }, "drainer-" + i);
      t.setDaemon(true);
      drainers.add(t);
      t.start();
    }
    long deadline = System.nanoTime() + limit.toNanos();
    boolean done = false;
    try (RaftqClient admin = RaftqClient.connect(ClientConfig.of(bootstrap))) {
      while (!done && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(1000);
        releaseParkedKeys(admin);
        boolean quiet = System.nanoTime() - lastDeliveryNanos.get() > TimeUnit.SECONDS.toNanos(3);
        done = quiet && isEmpty(admin, settings.queue())
            && (!settings.fifoWithDeadLetters() || isEmpty(admin, settings.deadLetterQueue()));
      }
    } finally {
      draining.set(false);
      for (Thread t : drainers) {
        t.join(CALL_LIMIT.toMillis() * 2);
      }
    }
    return done;
  }

  /** FIFO keys whose head was dead-lettered hold their later messages until released: the drain lets them go. */
  private void releaseParkedKeys(RaftqClient admin) {
    if (!settings.fifoWithDeadLetters()) {
      return;
    }
    try {
      for (io.raftq.protocol.ParkedKeyInfo k : admin.admin().parkedKeys(settings.queue()).get(10, TimeUnit.SECONDS)) {
        admin.admin().releaseKey(settings.queue(), k.group(), k.key(), false).get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // retried at the next check
    }
  }

  private boolean isEmpty(RaftqClient admin, String queue) {
    try {
      QueueDescription d = admin.admin().describeQueue(queue).get(10, TimeUnit.SECONDS);
      return d.partitions().stream()
          .allMatch(p -> p.depth() == 0 && p.inFlight() == 0 && p.deadLettersPending() == 0);
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Asks every replica of every group the run touches for its applied index and state digest: each partition of
   * the queue and of its dead-letter queue on the nodes holding it, and the metadata group (queue {@link
   * PartitionStatus#METADATA_GROUP}, partition 0) on every registered node. Each answer is recorded as a {@code
   * status} op of process {@code final}, until all replicas of every group agree or {@code limit} passes. Returns
   * whether they agreed.
   *
   * @param nodeAddresses the member nodes, probed for groups the metadata records no replicas of
   */
  public boolean probeConvergence(List<String> nodeAddresses, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    try (RaftqClient admin = RaftqClient.connect(ClientConfig.of(bootstrap))) {
      while (true) {
        boolean agreed = true;
        io.raftq.protocol.LayoutInfo layout = layout(admin);
        for (Map.Entry<String, Integer> queue : probedQueues().entrySet()) {
          Map<Integer, List<String>> replicas = replicaAddresses(layout, queue.getKey());
          for (int p = 0; p < queue.getValue(); p++) {
            agreed &= agree(admin, queue.getKey(), p, replicas.getOrDefault(p, nodeAddresses));
          }
        }
        agreed &= agree(admin, PartitionStatus.METADATA_GROUP, 0, registeredNodes(layout, nodeAddresses));
        if (agreed || System.nanoTime() > deadline) {
          return agreed;
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
    }
  }

  /** The queues of the run and their partition counts. */
  private Map<String, Integer> probedQueues() {
    Map<String, Integer> queues = new java.util.LinkedHashMap<>();
    queues.put(settings.queue(), settings.partitions());
    if (settings.fifoWithDeadLetters()) {
      queues.put(settings.deadLetterQueue(), DEAD_LETTER_PARTITIONS);
    }
    return queues;
  }

  /** Probes one group on {@code addresses}; whether every one answered with the same index and digest. */
  private boolean agree(RaftqClient admin, String queue, int partition, List<String> addresses) {
    Map<String, String> seen = new HashMap<>();
    for (String address : addresses) {
      PartitionStatus s = status(admin, address, queue, partition);
      seen.put(address, s == null ? null : s.appliedIndex() + "/" + s.stateDigestHex());
    }
    return !seen.containsValue(null) && seen.values().stream().distinct().count() == 1;
  }

  private static io.raftq.protocol.LayoutInfo layout(RaftqClient admin) {
    try {
      return admin.admin().clusterLayout().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  /** The registered nodes' client addresses (the metadata group's replicas), or {@code all} without a layout. */
  private static List<String> registeredNodes(io.raftq.protocol.LayoutInfo layout, List<String> all) {
    if (layout == null || layout.nodes().isEmpty()) {
      return all;
    }
    return layout.nodes().stream().map(io.raftq.protocol.LayoutInfo.Node::clientAddress).toList();
  }

  /**
   * The client addresses of each partition's replicas of {@code queue} as the metadata records them; partitions
   * it records nothing for (queues of a cluster whose nodes never registered) are on every node.
   */
  private static Map<Integer, List<String>> replicaAddresses(io.raftq.protocol.LayoutInfo layout, String queue) {
    Map<Integer, List<String>> out = new HashMap<>();
    if (layout == null) {
      return out; // No layout: probe every node.
    }
    Map<String, String> address = new HashMap<>();
    layout.nodes().forEach(n -> address.put(n.id(), n.clientAddress()));
    for (io.raftq.protocol.LayoutInfo.Replicas r : layout.replicas()) {
      if (r.queue().equals(queue)) {
        out.put(r.partition(), r.members().stream().map(m -> address.getOrDefault(m, m)).toList());
      }
    }
    return out;
  }

  private PartitionStatus status(RaftqClient admin, String address, String queue, int partition) {
    String process = "final";
    recorder.invoke(process, Fn.STATUS, Map.of("queue", queue, "partition", (long) partition, "node", address));
    try {
      PartitionStatus s = admin.admin().partitionStatus(address, queue, partition)
          .get(10, TimeUnit.SECONDS);
      recorder.ok(process, Map.of("node", address, "appliedIndex", s.appliedIndex(),
          "digest", s.stateDigestHex()));
      return s;
    } catch (Exception e) {
      recorder.fail(process, Outcomes.describe(e));
      return null;
    }
  }

  /** The partitions' leaders as some node sees them (node id or null), for nemeses that target leaders. */
  public static List<String> leaders(RaftqClient admin, String queue) {
    try {
      return admin.admin().describeQueue(queue).get(5, TimeUnit.SECONDS).partitions().stream()
          .map(PartitionInfo::leaderNodeId).toList();
    } catch (Exception e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    running.set(false);
    synchronized (clients) {
      clients.forEach(RaftqClient::close);
      clients.clear();
    }
  }
}
