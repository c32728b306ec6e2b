package io.raftq.client;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@link Consumer#subscribe}. Each partition is long-polled on its own (no barrier across partitions: a
 * message is handed over as soon as its partition has it), for a share of the free in-flight slots; handler
 * threads process messages; acks leave batched per partition ({@link AckBatcher}) without holding a handler
 * thread; an extender keeps the leases of messages still being processed alive (so long jobs need no
 * hand-written heartbeat). A message is acked when its handler returns and nacked when it throws; its slot frees
 * when that settles. With fewer slots than partitions, the partitions take turns (each poll waits at most
 * {@value #POLL_WAIT_SECONDS} s). {@link #close} stops polling and waits for the messages being processed.
 */
public final class Subscription implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  private static final int POLL_WAIT_SECONDS = 5;
  private static final Duration POLL_WAIT = Duration.ofSeconds(POLL_WAIT_SECONDS);
  private static final long RETRY_AFTER_MS = 1_000;

  private final Consumer consumer;
  private final String queue;
  private final String group;
  private final MessageHandler handler;
  private final SubscribeOptions options;
  private final AckBatcher acks;
  private final ExecutorService handlers;
  private final ScheduledExecutorService timers;
  private final Map<Receipt, Long> processingSinceNanos = new ConcurrentHashMap<>();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong extensions = new AtomicLong();
  private volatile boolean running = true;

  // Guarded by this: the free slots, and per partition whether a poll is out (or a retry is pending).
  private int freeSlots;
  private boolean[] busy;
  private int rotation;

  Subscription(Consumer consumer, String queue, String group, MessageHandler handler, SubscribeOptions options) {
    this.consumer = consumer;
    this.queue = queue;
    this.group = group;
    this.handler = handler;
    this.options = options;
    this.acks = new AckBatcher(consumer, queue, group);
    this.freeSlots = options.maxInFlight();
    this.handlers = Executors.newFixedThreadPool(options.handlerThreads(), daemon("raftq-handler-" + queue));
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("raftq-subscription-" + queue));
    long every = Math.max(100, options.lease().toMillis() / 3);
    timers.scheduleWithFixedDelay(this::extendLeases, every, every, TimeUnit.MILLISECONDS);
    timers.execute(this::discoverPartitions);
  }

  /** Starts consuming; see {@link Consumer#subscribe}. */
  public static Subscription start(
      Consumer consumer, String queue, String group, MessageHandler handler, SubscribeOptions options) {
    return new Subscription(consumer, queue, group, handler, options);
  }

  /** Messages acked so far. */
  public long acked() {
    return acked.get();
  }

  /** Messages whose handler threw (nacked) so far. */
  public long failed() {
    return failed.get();
  }

  /** Lease extensions sent so far. */
  public long extensions() {
    return extensions.get();
  }

  private void discoverPartitions() {
    if (!running) {
      return;
    }
    consumer.partitions(queue).whenComplete((n, t) -> {
      if (t != null) {
        LOG.warn("cannot find the partitions of {}, retrying in 1 s: {}", queue, t.toString());
        later(this::discoverPartitions);
        return;
      }
      synchronized (this) {
        busy = new boolean[n];
      }
      pump();
    });
  }

  /** Starts a long poll on every partition that has none, while slots are free (partitions take turns). */
  private void pump() {
    List<int[]> polls = new ArrayList<>();
    synchronized (this) {
      if (!running || busy == null) {
        return;
      }
      int n = busy.length;
      int share = Math.max(1, options.maxInFlight() / n);
      for (int i = 0; i < n && freeSlots > 0; i++) {
        int p = Math.floorMod(rotation + i, n);
        if (!busy[p]) {
          int take = Math.min(freeSlots, share);
          freeSlots -= take;
          busy[p] = true;
          polls.add(new int[] {p, take});
        }
      }
      rotation++;
    }
    for (int[] poll : polls) {
      poll(poll[0], poll[1]);
    }
  }

  private void poll(int partition, int max) {
    CompletableFuture<List<Delivery>> got;
    try {
      got = consumer.receive(queue, partition, group, max, options.lease(), POLL_WAIT);
    } catch (RuntimeException e) {
      got = CompletableFuture.failedFuture(e);
    }
    got.whenComplete((deliveries, t) -> onPolled(partition, max, t == null ? deliveries : List.of(), t));
  }

  private void onPolled(int partition, int asked, List<Delivery> deliveries, Throwable failure) {
    synchronized (this) {
      freeSlots += asked - deliveries.size();
      busy[partition] = failure != null; // a failed partition rests until its retry
    }
    if (failure != null && running) {
      LOG.warn("receive from {} partition {} failed, retrying in 1 s: {}", queue, partition, failure.toString());
      later(() -> {
        synchronized (this) {
          busy[partition] = false;
        }
        pump();
      });
    }
    for (Delivery d : deliveries) {
      processingSinceNanos.put(d.receipt(), System.nanoTime());
      try {
        handlers.execute(() -> process(d));
      } catch (RejectedExecutionException closed) { // leased after close: give it back at once
        settle(d, consumer.nack(queue, group, List.of(d.receipt()), Duration.ZERO, "subscription closed")
            .thenApply(o -> o.get(0)), false);
      }
    }
    pump();
  }

  private void process(Delivery d) {
    byte[] result;
    try {
      result = handler.handle(d);
    } catch (Exception e) {
      failed.incrementAndGet();
      String reason = String.valueOf(e.getMessage());
      settle(d, consumer.nack(queue, group, List.of(d.receipt()), options.nackDelay(),
          reason.length() > 500 ? reason.substring(0, 500) : reason).thenApply(o -> o.get(0)), false);
      return;
    }
    settle(d, acks.ack(d.receipt(), result), true);
  }

  /** When {@code outcome} is in: the message is done here (counted if an ack), and its slot frees. */
  private void settle(Delivery d, CompletableFuture<ReceiptOutcome> outcome, boolean isAck) {
    outcome.whenComplete((o, t) -> {
      if (t != null) {
        LOG.warn("{} of {} failed (it comes back when its lease ends): {}", isAck ? "ack" : "nack", d.id(),
            t.toString());
      } else if (isAck && o == ReceiptOutcome.INVALID) {
        LOG.warn("ack of {} refused: its lease was lost (processing took longer than {}?); it will be delivered "
            + "again", d.id(), options.maxProcessing());
      } else if (isAck) {
        acked.incrementAndGet();
      }
      processingSinceNanos.remove(d.receipt());
      synchronized (this) {
        freeSlots++;
      }
      pump();
    });
  }

  /** Extends, in one call, the leases of every message still processed and not past {@code maxProcessing}. */
  private void extendLeases() {
    long now = System.nanoTime();
    List<Receipt> extend = new ArrayList<>();
    processingSinceNanos.forEach((receipt, since) -> {
      if (now - since < options.maxProcessing().toNanos()) {
        extend.add(receipt);
      }
    });
    if (extend.isEmpty()) {
      return;
    }
    try {
      List<ReceiptOutcome> outcomes =
          consumer.changeVisibility(queue, group, extend, options.lease()).get(30, TimeUnit.SECONDS);
      extensions.addAndGet(outcomes.stream().filter(o -> o == ReceiptOutcome.OK).count());
    } catch (Exception e) {
      LOG.warn("extending {} leases on {} failed (retried at the next tick): {}", extend.size(), queue, e.toString());
    }
  }

  private void later(Runnable task) {
    try {
      timers.schedule(task, RETRY_AFTER_MS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // closing: nothing to retry
    }
  }

  /**
   * Stops polling, waits up to {@code timeout} for the messages being processed (their handlers finish and they are
   * acked or nacked). A poll still out when it returns gives its messages back at once (nack).
   */
  public void close(Duration timeout) {
    running = false;
    handlers.shutdown();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      handlers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
      while (!processingSinceNanos.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10); // acks of finished handlers still on their way
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timers.shutdownNow();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
