package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dead-lettering from {@code source} (group {@code group}, after {@code maxReceives} deliveries) into {@code dlq}.
 * The history is invalid iff:
 * <ul>
 *   <li>{@code wrong-deliveries}: a message delivered from the dead-letter queue whose recorded history
 *       ({@code raftq-dead-letter-deliveries}) is not {@code maxReceives};</li>
 *   <li>{@code moved-twice}: one source message (source partition and offset, from its dead-letter headers) stored
 *       at two positions of the dead-letter queue (a move retried after a leader change must be stored once);</li>
 *   <li>{@code acked-and-dead-lettered}: a source message (by position) whose ack in the source group answered
 *       {@code OK} is also in the dead-letter queue: a message is in exactly one place.</li>
 * </ul>
 * Positions, not values, because without producer dedup one value may be stored twice, and each copy may end up
 * in a different place.
 */
public final class DeadLetterChecker implements Checker {
  private final String source;
  private final String group;
  private final String dlq;
  private final long maxReceives;

  public DeadLetterChecker(String source, String group, String dlq, long maxReceives) {
    this.source = source;
    this.group = group;
    this.dlq = dlq;
    this.maxReceives = maxReceives;
  }

  @Override
  public String name() {
    return "dead-letter";
  }

  @Override
  public CheckResult check(History history) {
    CheckResult.Builder result = new CheckResult.Builder(name());
    Map<String, Set<String>> positions = new HashMap<>();
    long wrong = 0;
    Set<String> ackedOk = new HashSet<>();
    for (Op op : history.ops()) {
      if (op.type() != OpType.OK || !history.isCompletion(op)) {
        continue;
      }
      Op inv = history.invocationOf(op);
      String queue = Values.string(inv.value(), "queue");
      if (Fn.ACK.equals(op.f()) && source.equals(queue) && group.equals(Values.string(inv.value(), "group"))
          && "OK".equals(Values.string(op.value(), "outcome"))) {
        ackedOk.add(Values.number(inv.value(), "partition") + "@" + Values.number(inv.value(), "offset"));
      }
      if (!Fn.isDelivery(op.f()) || !dlq.equals(queue)) {
        continue;
      }
      for (Object m : Values.list(op.value(), "msgs")) {
        String msg = Values.string(m, "msg");
        String sourcePosition = Values.number(m, "sourcePartition") + "@" + Values.number(m, "sourceOffset");
        positions.computeIfAbsent(sourcePosition, k -> new TreeSet<>())
            .add(Values.number(m, "partition") + "@" + Values.number(m, "offset") + " (" + msg + ")");
        Long deliveries = Values.number(m, "deadLetterDeliveries");
        if (deliveries == null || deliveries != maxReceives) {
          wrong++;
          result.example("wrong-deliveries", msg + " has dead-letter deliveries " + deliveries + ", expected "
              + maxReceives);
        }
      }
    }
    long movedTwice = 0;
    long both = 0;
    for (Map.Entry<String, Set<String>> e : new java.util.TreeMap<>(positions).entrySet()) {
      if (e.getValue().size() > 1) {
        movedTwice++;
        result.example("moved-twice", "source " + e.getKey() + " stored in the dead-letter queue at " + e.getValue());
      }
      if (ackedOk.contains(e.getKey())) {
        both++;
        result.example("acked-and-dead-lettered", "source " + e.getKey() + " " + e.getValue());
      }
    }
    return result.count("dead-lettered", positions.size()).count("wrong-deliveries-count", wrong)
        .count("moved-twice-count", movedTwice).count("acked-and-dead-lettered-count", both)
        .build(wrong + movedTwice + both == 0);
  }
}
