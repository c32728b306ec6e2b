package io.raftq.client;

import io.raftq.protocol.DeadLetterHeaders;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Moves dead letters back to the queue they came from (or to {@code target}): pages through every partition of
 * the dead-letter queue ({@link Admin#browse}), sends each matching message with its id, key, payload and own
 * headers (the {@code raftq-dead-letter-*} history dropped), and once a page's sends are acknowledged, removes
 * those messages from the dead-letter queue ({@link Admin#removeMessages}). Each send carries a dedup id naming
 * the dead-letter queue's incarnation, partition and offset, so a redrive interrupted between the two steps and
 * run again stores nothing twice (within the target's dedup window), while the message id stays the same. A dry
 * run reports what would move and changes nothing. At most {@code ratePerSecond} messages are moved per second.
 */
public final class Redrive {
  private static final int PAGE = 100;

  /** What happened to one dead letter. */
  public enum Outcome { MOVED, WOULD_MOVE, NO_TARGET }

  /** One message the redrive looked at and matched. */
  public record Event(Delivery message, String target, Outcome outcome) {}

  /** Per-message reports; called on the redrive's thread. */
  public interface Listener {
    void onMessage(Event event);
  }

  /** A redrive's settings. {@code target} null: each message's source queue. {@code limit} 0: no limit. */
  public record Options(
      String deadLetterQueue, String target, RedriveFilter filter, long limit, double ratePerSecond, boolean dryRun) {}

  private final RaftqClient client;
  private final LongSupplier clockMs;

  public Redrive(RaftqClient client, LongSupplier clockMs) {
    this.client = client;
    this.clockMs = clockMs;
  }

  /** Runs to the end of every partition (as of when each page is read); returns how many matched. */
  public long run(Options o, Listener listener) throws InterruptedException {
    QueueDescription dlq = client.admin().describeQueue(o.deadLetterQueue()).join();
    Pacer pacer = new Pacer(o.ratePerSecond());
    long matched = 0;
    for (int p = 0; p < dlq.queue().partitions(); p++) {
      long from = 0;
      while (o.limit() == 0 || matched < o.limit()) {
        Response.Browsed page = client.admin().browse(o.deadLetterQueue(), p, from, PAGE).join();
        List<Long> moved = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<SendResult>> sends = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Delivery m : page.messages()) {
          if ((o.limit() != 0 && matched >= o.limit()) || !o.filter().matches(m, clockMs.getAsLong())) {
            continue;
          }
          matched++;
          String target = o.target() != null ? o.target() : RedriveFilter.sourceOf(m);
          if (target == null) {
            events.add(new Event(m, null, Outcome.NO_TARGET));
          } else if (o.dryRun()) {
            events.add(new Event(m, target, Outcome.WOULD_MOVE));
          } else {
            pacer.await();
            sends.add(client.producer().send(target, backToSource(dlq, p, m)));
            moved.add(m.offset());
            events.add(new Event(m, target, Outcome.MOVED));
          }
        }
        for (var s : sends) {
          s.join(); // a failed send stops the redrive before its page is removed: nothing is lost
        }
        if (!moved.isEmpty()) {
          client.admin().removeMessages(o.deadLetterQueue(), p, moved).join();
        }
        events.forEach(listener::onMessage);
        if (page.messages().isEmpty() || page.nextOffset() <= from) {
          break;
        }
        from = page.nextOffset();
      }
    }
    return matched;
  }

  private static OutgoingMessage backToSource(QueueDescription dlq, int partition, Delivery m) {
    List<Header> headers = m.headers().stream().filter(h -> !h.name().startsWith(DeadLetterHeaders.PREFIX)).toList();
    String dedupId = "redrive/" + dlq.queue().name() + "/" + dlq.queue().createdAtMs() + "/" + partition + "/"
        + m.offset();
    return new OutgoingMessage(m.id(), m.key(), headers, m.payload(), 0, dedupId);
  }

  /** Spaces sends {@code 1/rate} seconds apart; a rate of 0 or less does not wait. */
  private static final class Pacer {
    private final long intervalNanos;
    private long next = System.nanoTime();

    Pacer(double ratePerSecond) {
      this.intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1e9 / ratePerSecond);
    }

    void await() throws InterruptedException {
      if (intervalNanos == 0) {
        return;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
      }
      next = Math.max(next, System.nanoTime()) + intervalNanos;
    }
  }
}
