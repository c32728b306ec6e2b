package io.raftq.chaos.checker;

import io.raftq.chaos.history.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * No redelivery before the lease could have ended (docs/SEMANTICS.md, Receiving). For each {@code (queue, group,
 * partition, offset)}, its deliveries in epoch order (in completion order when an epoch is missing), and each
 * consecutive pair {@code A}, {@code B}: {@code A}'s lease began no earlier than {@code inv(A)} and lasts
 * {@code V = visibilityMs} of {@code A}'s receive, so {@code B} is {@code premature} iff
 * <pre>cmp(B) &lt; inv(A) + V − bound(V)   and no nack of A's lease may have applied by cmp(B)</pre>
 * with {@code bound(V)} = 10% of {@code V} + 250 ms ({@link LeaseTiming}); a nack counts from its invocation plus
 * its delay ({@link Releases}). An ack never allows a redelivery. A delivery between {@code A} and {@code B} that
 * the history missed (its receive's answer was lost) only makes {@code B} later, so the rule stays sound.
 * Not checked, and counted: pairs whose receive did not record {@code visibilityMs} ({@code unchecked}), and pairs
 * whose interval {@code [inv(A), cmp(B)]} meets a {@link ClockFaults clock fault span} ({@code clock-excluded}).
 */
public final class PrematureRedeliveryChecker implements Checker {
  @Override
  public String name() {
    return "premature-redelivery";
  }

  @Override
  public CheckResult check(History history) {
    Map<String, List<DeliveredMessage>> byPosition = new TreeMap<>();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (d.hasPosition()) {
        byPosition.computeIfAbsent(d.groupPosition(), k -> new ArrayList<>()).add(d);
      }
    }
    Releases releases = Releases.of(history);
    ClockFaults clock = ClockFaults.of(history);
    CheckResult.Builder result = new CheckResult.Builder(name());
    long checked = 0;
    long unchecked = 0;
    long clockExcluded = 0;
    long premature = 0;
    for (Map.Entry<String, List<DeliveredMessage>> e : byPosition.entrySet()) {
      List<DeliveredMessage> deliveries = inLeaseOrder(e.getValue());
      for (int i = 1; i < deliveries.size(); i++) {
        DeliveredMessage a = deliveries.get(i - 1);
        DeliveredMessage b = deliveries.get(i);
        Long visibilityMs = a.visibilityMs();
        if (visibilityMs == null) {
          unchecked++;
        } else if (clock.overlaps(a.invocation().timeNanos(), b.completion().timeNanos())) {
          clockExcluded++;
        } else {
          checked++;
          if (isPremature(a, b, visibilityMs, releases)) {
            premature++;
            result.example("premature", describe(e.getKey(), a, b, visibilityMs));
          }
        }
      }
    }
    return result
        .count("redeliveries-checked", checked)
        .count("unchecked-count", unchecked)
        .count("clock-excluded-count", clockExcluded)
        .count("clock-fault-spans", clock.size())
        .count("premature-count", premature)
        .build(premature == 0);
  }

  private static List<DeliveredMessage> inLeaseOrder(List<DeliveredMessage> deliveries) {
    List<DeliveredMessage> sorted = new ArrayList<>(deliveries);
    if (sorted.stream().allMatch(d -> d.epoch() != null)) {
      sorted.sort(Comparator.comparingLong(DeliveredMessage::epoch));
    } else {
      sorted.sort(Comparator.comparingLong(d -> d.completion().timeNanos()));
    }
    return sorted;
  }

  private static boolean isPremature(DeliveredMessage a, DeliveredMessage b, long visibilityMs, Releases releases) {
    long redelivered = b.completion().timeNanos();
    return redelivered < LeaseTiming.earliestEndNanos(a.invocation().timeNanos(), visibilityMs)
        && releases.earliestNack(a) > redelivered;
  }

  private static String describe(String position, DeliveredMessage a, DeliveredMessage b, long visibilityMs) {
    return String.format(
        "%s (%s): epoch %s leased by %s invoked at index %d (t=%d) for %d ms (bound %d ms), redelivered as epoch %s"
            + " by %s completed at index %d (t=%d), %d ms later, with no nack",
        position, b.msg(), a.epoch(), a.completion().f(), a.invocation().index(), a.invocation().timeNanos(),
        visibilityMs, LeaseTiming.boundMs(visibilityMs), b.epoch(), b.completion().f(), b.completion().index(),
        b.completion().timeNanos(), (b.completion().timeNanos() - a.invocation().timeNanos()) / 1_000_000);
  }
}
