package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.Map;
import java.util.Objects;

/**
 * Jepsen's {@code total-queue} ("what goes in must come out", CHAOS-PLAN §2.3), over message values {@code msg}:
 * <pre>
 * attempts   = set(msg of send invocations)
 * enqueues   = set(msg of sends whose completion is ok)
 * dequeues   = multiset(msg in ok receive and drain completions)
 * ok         = dequeues ∩ attempts
 * unexpected = dequeues restricted to values not in attempts
 * duplicated = (dequeues − attempts) − unexpected       (received more often than attempted)
 * lost       = enqueues − dequeues                      (acknowledged, never received)
 * recovered  = ok − enqueues                            (send was info/fail/unfinished, yet received)
 * valid      = lost = ∅ and unexpected = ∅             (duplicated and recovered are reported only)
 * </pre>
 * Jepsen's values are unique per attempt; here a producer may send one value several times under one producer
 * message id (retries and deliberate resends), and the queue must store it once, so attempts and enqueues count each
 * value once. Only meaningful when the history ends with a complete drain; a {@code drain} completing as {@code info} makes
 * the history unusable and throws {@link IllegalStateException}. With a group given, only deliveries to that
 * consumer group count as dequeues.
 */
public final class TotalQueueChecker implements Checker {
  private final String group;

  /** Counts deliveries to every group; use when the workload has a single consumer group. */
  public TotalQueueChecker() {
    this(null);
  }

  /** @param group the consumer group whose deliveries count, or null for all */
  public TotalQueueChecker(String group) {
    this.group = group;
  }

  @Override
  public String name() {
    return "total-queue";
  }

  @Override
  public CheckResult check(History history) {
    Multiset attempts = new Multiset();
    Multiset enqueues = new Multiset();
    for (Op op : history.ops()) {
      if (Fn.DRAIN.equals(op.f()) && op.type() == OpType.INFO) {
        throw new IllegalStateException("drain at index " + op.index() + " completed as info: " + op.error());
      }
      if (!Fn.SEND.equals(op.f())) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        addOnce(attempts, msgOf(op));
      } else if (op.type() == OpType.OK) {
        addOnce(enqueues, msgOf(history.invocationOf(op)));
      }
    }
    Multiset dequeues = new Multiset();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (group == null || group.equals(d.group())) {
        dequeues.add(Objects.requireNonNull(d.msg(), "delivered message without msg"));
      }
    }
    Multiset ok = dequeues.intersect(attempts);
    Multiset unexpected = dequeues.filter(v -> !attempts.contains(v));
    Multiset duplicated = dequeues.minus(attempts).minus(unexpected);
    Multiset lost = enqueues.minus(dequeues);
    Multiset recovered = ok.minus(enqueues);

    CheckResult.Builder result = new CheckResult.Builder(name())
        .count("attempt-count", attempts.size())
        .count("acknowledged-count", enqueues.size())
        .count("ok-count", ok.size());
    report(result, "lost", lost);
    report(result, "unexpected", unexpected);
    report(result, "duplicated", duplicated);
    report(result, "recovered", recovered);
    return result.build(lost.isEmpty() && unexpected.isEmpty());
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
