package io.raftq.client;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@link Consumer#subscribe}: one poller long-polls for as many messages as there are free in-flight
 * slots, handler threads process them, and an extender keeps the leases of messages still being processed alive
 * (so long jobs need no hand-written heartbeat). A message is acked when its handler returns and nacked when it
 * throws. {@link #close} stops polling and waits for the handlers that are running.
 */
public final class Subscription implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  private static final Duration POLL_WAIT = Duration.ofSeconds(5);

  private final Consumer consumer;
  private final String queue;
  private final String group;
  private final MessageHandler handler;
  private final SubscribeOptions options;
  private final Semaphore slots;
  private final ExecutorService handlers;
  private final ScheduledExecutorService extender;
  private final Thread poller;
  private final Map<Receipt, Long> processingSinceNanos = new ConcurrentHashMap<>();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong extensions = new AtomicLong();
  private volatile boolean running = true;

  Subscription(Consumer consumer, String queue, String group, MessageHandler handler, SubscribeOptions options) {
    this.consumer = consumer;
    this.queue = queue;
    this.group = group;
    this.handler = handler;
    this.options = options;
    this.slots = new Semaphore(options.maxInFlight());
    this.handlers = Executors.newFixedThreadPool(options.handlerThreads(), daemon("raftq-handler-" + queue));
    this.extender = Executors.newSingleThreadScheduledExecutor(daemon("raftq-lease-extender-" + queue));
    long every = Math.max(100, options.lease().toMillis() / 3);
    extender.scheduleWithFixedDelay(this::extendLeases, every, every, TimeUnit.MILLISECONDS);
    this.poller = daemon("raftq-poller-" + queue).newThread(this::poll);
    poller.start();
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

  private void poll() {
    while (running) {
      try {
        slots.acquire();
        int free = 1 + slots.drainPermits();
        List<Delivery> got;
        try {
          got = consumer.receive(queue, group, free, options.lease(), POLL_WAIT).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          slots.release(free);
          if (running) {
            LOG.warn("receive from {} failed, retrying in 1 s: {}", queue, e.toString());
            Thread.sleep(1_000);
          }
          continue;
        }
        slots.release(free - got.size());
        for (Delivery d : got) {
          processingSinceNanos.put(d.receipt(), System.nanoTime());
          handlers.execute(() -> process(d));
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void process(Delivery d) {
    try {
      byte[] result = handler.handle(d);
      ReceiptOutcome o = consumer.ack(queue, group, d.receipt(), result).get(60, TimeUnit.SECONDS);
      if (o == ReceiptOutcome.INVALID) {
        LOG.warn("ack of {} refused: its lease was lost (processing took longer than {}?); it will be delivered "
            + "again", d.id(), options.maxProcessing());
      } else {
        acked.incrementAndGet();
      }
    } catch (Exception e) {
      failed.incrementAndGet();
      String reason = String.valueOf(e.getMessage());
      try {
        consumer.nack(queue, group, List.of(d.receipt()), options.nackDelay(),
            reason.length() > 500 ? reason.substring(0, 500) : reason).get(60, TimeUnit.SECONDS);
      } catch (Exception nackFailed) {
        LOG.warn("nack of {} failed (it comes back when its lease ends): {}", d.id(), nackFailed.toString());
      }
    } finally {
      processingSinceNanos.remove(d.receipt());
      slots.release();
    }
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

  /** Stops polling, waits up to {@code timeout} for running handlers (their messages are acked or nacked). */
  public void close(Duration timeout) {
    running = false;
    poller.interrupt();
    handlers.shutdown();
    try {
      handlers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    extender.shutdownNow();
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
