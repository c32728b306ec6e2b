package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FIFO message groups of one queue: a key's next message is released only after its head is settled, so once a
 * later message of a key has been delivered to a group, no earlier message of that key is delivered to the group
 * again. Anomaly {@code overtaken}: deliveries {@code A} (offset {@code a}) and {@code B} (offset {@code b > a})
 * of one {@code (group, partition, key)} with {@code cmp(B) < inv(A)}. Deliveries without a key are ignored.
 * Checked per key by sweeping deliveries in invocation order against the highest offset completed before.
 */
public final class FifoOrderChecker implements Checker {
  private final String queue;

  public FifoOrderChecker(String queue) {
    this.queue = queue;
  }

  @Override
  public String name() {
    return "fifo-order";
  }

  private record Delivery(String msg, long offset, Op invocation, Op completion) {}

  @Override
  public CheckResult check(History history) {
    Map<String, List<Delivery>> byKey = new TreeMap<>();
    for (Op op : history.ops()) {
      if (op.type() != OpType.OK || !Fn.isDelivery(op.f()) || !history.isCompletion(op)) {
        continue;
      }
      Op inv = history.invocationOf(op);
      if (!queue.equals(Values.string(inv.value(), "queue"))) {
        continue;
      }
      for (Object m : Values.list(op.value(), "msgs")) {
        String key = Values.string(m, "key");
        if (key != null) {
          String k = Values.string(inv.value(), "group") + "/" + Values.number(m, "partition") + "/" + key;
          byKey.computeIfAbsent(k, x -> new ArrayList<>())
              .add(new Delivery(Values.string(m, "msg"), Values.number(m, "offset"), inv, op));
        }
      }
    }
    CheckResult.Builder result = new CheckResult.Builder(name());
    long overtaken = 0;
    long deliveries = 0;
    for (Map.Entry<String, List<Delivery>> e : byKey.entrySet()) {
      List<Delivery> byCompletion = new ArrayList<>(e.getValue());
      byCompletion.sort(Comparator.comparingLong(d -> d.completion().timeNanos()));
      List<Delivery> byInvocation = new ArrayList<>(e.getValue());
      byInvocation.sort(Comparator.comparingLong(d -> d.invocation().timeNanos()));
      deliveries += byInvocation.size();
      int completed = 0;
      Delivery highest = null;
      for (Delivery later : byInvocation) {
        while (completed < byCompletion.size()
            && byCompletion.get(completed).completion().timeNanos() < later.invocation().timeNanos()) {
          Delivery d = byCompletion.get(completed++);
          if (highest == null || d.offset() > highest.offset()) {
            highest = d;
          }
        }
        if (highest != null && later.offset() < highest.offset()) {
          overtaken++;
          result.example("overtaken", String.format("%s: %s (offset %d) delivered at index %d after %s (offset %d)"
                  + " completed at index %d", e.getKey(), later.msg(), later.offset(), later.completion().index(),
              highest.msg(), highest.offset(), highest.completion().index()));
        }
      }
    }
    return result.count("keyed-deliveries", deliveries).count("keys", byKey.size())
        .count("overtaken-count", overtaken).build(overtaken == 0);
  }
}
