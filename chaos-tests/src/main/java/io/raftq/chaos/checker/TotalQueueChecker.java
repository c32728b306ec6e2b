package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jepsen's {@code total-queue} ("what goes in must come out", CHAOS-PLAN §2.3), over message values {@code msg},
 * strengthened to terminal accounting: a message comes out for good only when it is acked, or reported by the
 * final drain (which also reads the dead-letter queue), not merely delivered.
 * <pre>
 * attempts   = set(msg of send invocations)
 * enqueues   = set(msg of sends whose completion is ok)
 * dequeues   = multiset(msg in ok receive and drain completions in scope)
 * ended      = set(msg of ok acks in scope answered OK or ALREADY_ACKED, and of ok drains in scope)
 * maybe      = set(msg of info or unfinished acks in scope) − ended     (the ack may have applied)
 * ok         = dequeues ∩ attempts
 * unexpected = dequeues restricted to values not in attempts
 * duplicated = (dequeues − attempts) − unexpected       (received more often than attempted)
 * lost       = enqueues − dequeues                      (acknowledged, never received)
 * lost-after-delivery = set(dequeues) − ended − maybe    (received, then only nacked or abandoned, never again)
 * recovered  = ok − enqueues                            (send was info/fail/unfinished, yet received)
 * failed-send-delivered = set(dequeues) ∩ values every send of which failed   (fail means nothing was stored)
 * valid      = lost, lost-after-delivery, unexpected and failed-send-delivered all ∅
 *              (duplicated, recovered and maybe are reported only)
 * </pre>
 * In scope: deliveries and acks of the given consumer group (all groups when none is given) and of the given
 * dead-letter queue (any group): a message dead-lettered ends when the drain reads it there. Jepsen's values are
 * unique per attempt; here a producer may send one value several times under one producer message id (retries and
 * deliberate resends). With producer dedup the queue stores it once; without, the copies share one value, and a
 * group that acked one copy's id skips the others (consumer dedup), so the accounting is per value: a value ends
 * when any copy does. Only meaningful when the history ends with a complete drain; a {@code drain} completing as
 * {@code info} makes the history unusable and throws {@link IllegalStateException}.
 */
public final class TotalQueueChecker implements Checker {
  private static final String OK = "OK";
  private static final String ALREADY_ACKED = "ALREADY_ACKED";

  private final String group;
  private final String deadLetterQueue;

  /** Counts deliveries to every group; use when the workload has a single consumer group. */
  public TotalQueueChecker() {
    this(null);
  }

  /** @param group the consumer group whose deliveries and acks count, or null for all */
  public TotalQueueChecker(String group) {
    this(group, null);
  }

  /**
   * @param group the consumer group whose deliveries and acks count, or null for all
   * @param deadLetterQueue the dead-letter queue whose deliveries and acks (by any group) count too, or null
   */
  public TotalQueueChecker(String group, String deadLetterQueue) {
    this.group = group;
    this.deadLetterQueue = deadLetterQueue;
  }

  @Override
  public String name() {
    return "total-queue";
  }

  @Override
  public CheckResult check(History history) {
    Multiset attempts = new Multiset();
    Multiset enqueues = new Multiset();
    Set<String> mayHaveStored = new TreeSet<>();
    for (Op op : history.ops()) {
      if (Fn.DRAIN.equals(op.f()) && op.type() == OpType.INFO) {
        throw new IllegalStateException("drain at index " + op.index() + " completed as info: " + op.error());
      }
      if (!Fn.SEND.equals(op.f())) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        addOnce(attempts, msgOf(op));
        if (history.completionOf(op).map(c -> c.type() != OpType.FAIL).orElse(true)) {
          mayHaveStored.add(msgOf(op));
        }
      } else if (op.type() == OpType.OK) {
        addOnce(enqueues, msgOf(history.invocationOf(op)));
      }
    }
    Multiset dequeues = new Multiset();
    Set<String> ended = new TreeSet<>();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (inScope(d.queue(), d.group())) {
        dequeues.add(Objects.requireNonNull(d.msg(), "delivered message without msg"));
        if (Fn.DRAIN.equals(d.completion().f())) {
          ended.add(d.msg());
        }
      }
    }
    Set<String> maybe = new TreeSet<>();
    collectAcks(history, ended, maybe);
    maybe.removeAll(ended);
    Multiset ok = dequeues.intersect(attempts);
    Multiset unexpected = dequeues.filter(v -> !attempts.contains(v));
    Multiset duplicated = dequeues.minus(attempts).minus(unexpected);
    Multiset lost = enqueues.minus(dequeues);
    Multiset lostAfterDelivery = dequeues.filter(v -> !ended.contains(v) && !maybe.contains(v)).distinct();
    Multiset recovered = ok.minus(enqueues);
    Multiset failedSendDelivered = ok.filter(v -> !mayHaveStored.contains(v)).distinct();

    CheckResult.Builder result = new CheckResult.Builder(name())
        .count("attempt-count", attempts.size())
        .count("acknowledged-count", enqueues.size())
        .count("ok-count", ok.size())
        .count("ended-count", ended.size())
        .count("maybe-acked-count", maybe.size());
    report(result, "lost", lost);
    report(result, "lost-after-delivery", lostAfterDelivery);
    report(result, "unexpected", unexpected);
    report(result, "duplicated", duplicated);
    report(result, "recovered", recovered);
    report(result, "failed-send-delivered", failedSendDelivered);
    return result.build(lost.isEmpty() && lostAfterDelivery.isEmpty() && unexpected.isEmpty()
        && failedSendDelivered.isEmpty());
  }

  private boolean inScope(String queue, String deliveredGroup) {
    return group == null || group.equals(deliveredGroup) || (deadLetterQueue != null && deadLetterQueue.equals(queue));
  }

  /** Adds the msg of acks in scope to {@code ended} (ok, answered OK or ALREADY_ACKED) or {@code maybe}. */
  private void collectAcks(History history, Set<String> ended, Set<String> maybe) {
    for (Op inv : history.invocations(Fn.ACK)) {
      String msg = Values.string(inv.value(), "msg");
      if (msg == null || !inScope(Values.string(inv.value(), "queue"), Values.string(inv.value(), "group"))) {
        continue;
      }
      Op done = history.completionOf(inv).orElse(null);
      if (done == null || done.type() == OpType.INFO) {
        maybe.add(msg);
      } else if (done.type() == OpType.OK) {
        String outcome = Values.string(done.value(), "outcome");
        if (outcome == null || OK.equals(outcome) || ALREADY_ACKED.equals(outcome)) {
          ended.add(msg);
        }
      }
    }
  }

  private static void addOnce(Multiset set, String value) {
    if (!set.contains(value)) {
      set.add(value);
    }
  }

  private static String msgOf(Op sendInvocation) {
    String msg = Values.string(sendInvocation.value(), "msg");
    if (msg == null) {
      throw new IllegalArgumentException("send at index " + sendInvocation.index() + " has no msg");
    }
    return msg;
  }

  private static void report(CheckResult.Builder result, String anomaly, Multiset values) {
    result.count(anomaly + "-count", values.size());
    for (Map.Entry<String, Long> e : values.asMap().entrySet()) {
      result.example(anomaly, e.getValue() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue());
    }
  }
}
