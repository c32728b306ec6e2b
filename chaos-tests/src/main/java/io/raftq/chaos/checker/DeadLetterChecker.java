package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dead-lettering from {@code source} (group {@code group}, after {@code maxReceives} deliveries) into {@code dlq}.
 * A source position is {@code partition@offset} in {@code source}; a dead letter names its source position in its
 * {@code raftq-dead-letter-*} headers. The history must end with a complete drain of the dead-letter queue. It is
 * invalid iff:
 * <ul>
 *   <li>{@code wrong-deliveries}: a message delivered from the dead-letter queue whose recorded history
 *       ({@code raftq-dead-letter-deliveries}) is not {@code maxReceives};</li>
 *   <li>{@code moved-twice}: one source position stored at two positions of the dead-letter queue (a move retried
 *       after a leader change must be stored once);</li>
 *   <li>{@code acked-and-dead-lettered}: a source position whose ack in the source group answered {@code OK} is
 *       also in the dead-letter queue: a message is in exactly one place;</li>
 *   <li>{@code over-delivered}: a delivery in the source group with {@code deliveries > maxReceives} (it should
 *       have been dead-lettered instead);</li>
 *   <li>{@code not-dead-lettered}: a source position delivered {@code maxReceives} times in the source group that
 *       no ack may have settled and that never came out of the dead-letter queue. An ack that is ok (any outcome),
 *       info or unfinished may have settled it (an info ack may have applied; {@code ALREADY_ACKED} may answer a
 *       retry of the ack's own first attempt); an ack that failed did nothing.</li>
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
    Map<String, Set<String>> dlqPositionsBySource = new TreeMap<>();
    Map<String, String> exhausted = new TreeMap<>();
    long wrong = 0;
    long overDelivered = 0;
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (dlq.equals(d.queue())) {
        dlqPositionsBySource.computeIfAbsent(d.sourcePartition() + "@" + d.sourceOffset(), k -> new TreeSet<>())
            .add(d.partition() + "@" + d.offset() + " (" + d.msg() + ")");
        Long deliveries = d.deadLetterDeliveries();
        if (deliveries == null || deliveries != maxReceives) {
          wrong++;
          result.example("wrong-deliveries", d.msg() + " has dead-letter deliveries " + deliveries + ", expected "
              + maxReceives);
        }
      } else if (source.equals(d.queue()) && group.equals(d.group()) && d.deliveries() != null && d.hasPosition()) {
        if (d.deliveries() > maxReceives) {
          overDelivered++;
          result.example("over-delivered", String.format("%s at %d@%d delivered a %dth time by %s at index %d",
              d.msg(), d.partition(), d.offset(), d.deliveries(), d.completion().f(), d.completion().index()));
        }
        if (d.deliveries() >= maxReceives) {
          exhausted.put(d.partition() + "@" + d.offset(), d.msg());
        }
      }
    }
    long movedTwice = 0;
    long both = 0;
    Set<String> ackedOk = acks(history, true);
    for (Map.Entry<String, Set<String>> e : dlqPositionsBySource.entrySet()) {
      if (e.getValue().size() > 1) {
        movedTwice++;
        result.example("moved-twice", "source " + e.getKey() + " stored in the dead-letter queue at " + e.getValue());
      }
      if (ackedOk.contains(e.getKey())) {
        both++;
        result.example("acked-and-dead-lettered", "source " + e.getKey() + " " + e.getValue());
      }
    }
    long missing = checkComplete(history, exhausted, dlqPositionsBySource.keySet(), result);
    return result.count("dead-lettered", dlqPositionsBySource.size()).count("exhausted", exhausted.size())
        .count("wrong-deliveries-count", wrong).count("moved-twice-count", movedTwice)
        .count("acked-and-dead-lettered-count", both).count("over-delivered-count", overDelivered)
        .count("not-dead-lettered-count", missing)
        .build(wrong + movedTwice + both + overDelivered + missing == 0);
  }

  /**
   * Counts exhausted source positions ({@code partition@offset} to msg) that no ack may have settled and that are
   * not among the dead-letter queue's sources.
   */
  private long checkComplete(History history, Map<String, String> exhausted, Set<String> deadLettered,
      CheckResult.Builder result) {
    long missing = 0;
    Set<String> maySettle = acks(history, false);
    for (Map.Entry<String, String> e : exhausted.entrySet()) {
      if (!deadLettered.contains(e.getKey()) && !maySettle.contains(e.getKey()) && !maySettle.contains(e.getValue())) {
        missing++;
        result.example("not-dead-lettered", String.format("%s at %s delivered %d times in group %s, never acked,"
            + " not in %s", e.getValue(), e.getKey(), maxReceives, group, dlq));
      }
    }
    return missing;
  }

  /**
   * The acks in the source group: with {@code okOnly}, the source positions of acks answered {@code OK}; otherwise
   * the positions of acks that may have settled their message (not fail), and the msg of those without a position.
   */
  private Set<String> acks(History history, boolean okOnly) {
    Set<String> found = new HashSet<>();
    for (Op inv : history.invocations(Fn.ACK)) {
      Object v = inv.value();
      if (!source.equals(Values.string(v, "queue")) || !group.equals(Values.string(v, "group"))) {
        continue;
      }
      Op done = history.completionOf(inv).orElse(null);
      boolean counts = okOnly
          ? done != null && done.type() == OpType.OK && "OK".equals(Values.string(done.value(), "outcome"))
          : done == null || done.type() != OpType.FAIL;
      Long partition = Values.number(v, "partition");
      Long offset = Values.number(v, "offset");
      if (counts) {
        found.add(partition == null || offset == null ? Values.string(v, "msg") : partition + "@" + offset);
      }
    }
    return found;
  }
}
