package io.raftq.chaos.checker;

import io.raftq.chaos.history.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FIFO message groups of one queue hold at most one message of a key in flight per consumer group
 * (docs/SEMANTICS.md, FIFO message groups). A delivery {@code D}'s lease surely holds from {@code cmp(D)} (it was
 * granted during the receive) until {@code release(D)}, the earliest of
 * <ul>
 *   <li>{@code inv(D) + V − bound(V)}, {@code V} the receive's {@code visibilityMs} ({@link LeaseTiming}), and</li>
 *   <li>the invocation of any ack or nack of that lease that may have applied (ok, info or unfinished;
 *       {@link Releases}): an indeterminate one may have released the key when it was sent.</li>
 * </ul>
 * Anomaly {@code two-in-flight}: deliveries {@code A}, {@code B} of two different offsets of one {@code (group,
 * partition, key)} with {@code cmp(A) < release(B)} and {@code cmp(B) < release(A)}: wherever in their receives the
 * two leases were granted, both were held at once. Deliveries without a key or a recorded {@code visibilityMs} are
 * not checked, nor pairs whose interval meets a {@link ClockFaults clock fault span} ({@code clock-excluded}).
 * Quadratic in the deliveries of one key, which a run keeps in the hundreds.
 */
public final class FifoInFlightChecker implements Checker {
  private final String queue;

  public FifoInFlightChecker(String queue) {
    this.queue = queue;
  }

  @Override
  public String name() {
    return "fifo-in-flight";
  }

  private record Lease(DeliveredMessage delivery, long releaseNanos) {
    long grantedBy() {
      return delivery.completion().timeNanos();
    }
  }

  @Override
  public CheckResult check(History history) {
    Releases releases = Releases.of(history);
    Map<String, List<Lease>> byKey = new TreeMap<>();
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      if (queue.equals(d.queue()) && d.key() != null && d.hasPosition() && d.visibilityMs() != null) {
        long expiry = LeaseTiming.earliestEndNanos(d.invocation().timeNanos(), d.visibilityMs());
        byKey.computeIfAbsent(d.group() + "/" + d.partition() + "/" + d.key(), k -> new ArrayList<>())
            .add(new Lease(d, Math.min(expiry, releases.earliestAckOrNack(d))));
      }
    }
    ClockFaults clock = ClockFaults.of(history);
    CheckResult.Builder result = new CheckResult.Builder(name());
    long deliveries = 0;
    long clockExcluded = 0;
    long twoInFlight = 0;
    for (Map.Entry<String, List<Lease>> e : byKey.entrySet()) {
      List<Lease> leases = new ArrayList<>(e.getValue());
      leases.sort(Comparator.comparingLong(l -> l.delivery().invocation().timeNanos()));
      deliveries += leases.size();
      for (int i = 0; i < leases.size(); i++) {
        for (int j = i + 1; j < leases.size(); j++) {
          Lease a = leases.get(i);
          Lease b = leases.get(j);
          if (a.delivery().offset().equals(b.delivery().offset()) || !bothHeld(a, b)) {
            continue;
          }
          if (clock.overlaps(a.delivery().invocation().timeNanos(), Math.max(a.grantedBy(), b.grantedBy()))) {
            clockExcluded++;
            continue;
          }
          twoInFlight++;
          result.example("two-in-flight", describe(e.getKey(), a, b));
        }
      }
    }
    return result
        .count("keyed-deliveries", deliveries)
        .count("keys", byKey.size())
        .count("clock-excluded-count", clockExcluded)
        .count("two-in-flight-count", twoInFlight)
        .build(twoInFlight == 0);
  }

  private static boolean bothHeld(Lease a, Lease b) {
    return a.grantedBy() < b.releaseNanos() && b.grantedBy() < a.releaseNanos();
  }

  private static String describe(String key, Lease a, Lease b) {
    return String.format("%s: %s (offset %d, epoch %s) delivered at index %d and held until at least t=%d; %s"
            + " (offset %d, epoch %s) delivered at index %d (t=%d) and held until at least t=%d",
        key, a.delivery().msg(), a.delivery().offset(), a.delivery().epoch(), a.delivery().completion().index(),
        a.releaseNanos(), b.delivery().msg(), b.delivery().offset(), b.delivery().epoch(),
        b.delivery().completion().index(), b.grantedBy(), b.releaseNanos());
  }
}
