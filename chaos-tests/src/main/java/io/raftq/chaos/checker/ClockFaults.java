package io.raftq.chaos.checker;

import io.raftq.chaos.history.FaultWindows;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When the {@link LeaseTiming} bound may not hold: while a clock fault is on, and for as long again after its heal.
 * A jumped node's {@code SteadyClock} drifts from real time by up to 10% of the time the jump lasted, and needs as
 * long again after the heal to drift back; a partition whose leadership moves to that node (or away from it)
 * meanwhile sees its log time leap forward by the drift, which ends leases early. Such a span runs from the
 * invocation of a nemesis {@code fault} of kind {@code clock} (the clock changes before the fault completes) to the
 * completion of the next heal of the same nemesis name or of nemesis {@code all} (the final heal, which resets every
 * clock), plus that duration again plus {@link LeaseTiming#MARGIN_MS}; a clock fault never healed lasts to the end
 * of time, and one whose completion says {@code "effective": false} (it changed no clock) opens none. Lease checks
 * skip any pair of deliveries whose interval meets a span.
 */
final class ClockFaults {
  private static final String CLOCK = "clock";
  private static final String ALL = "all";

  private final List<long[]> spans;

  private ClockFaults(List<long[]> spans) {
    this.spans = List.copyOf(spans);
  }

  static ClockFaults of(History history) {
    List<long[]> spans = new ArrayList<>();
    Map<String, Long> openSince = new HashMap<>();
    for (Op op : history.ops()) {
      if (!op.isNemesis()) {
        continue;
      }
      String nemesis = Values.string(op.value(), "nemesis");
      if (Fn.FAULT.equals(op.f()) && !history.isCompletion(op) && CLOCK.equals(Values.string(op.value(), "kind"))) {
        openSince.putIfAbsent(nemesis, op.timeNanos());
      } else if (Fn.FAULT.equals(op.f()) && history.isCompletion(op) && !FaultWindows.isEffective(op)) {
        openSince.remove(nemesis);
      } else if (Fn.HEAL.equals(op.f()) && history.isCompletion(op)) {
        for (String name : List.copyOf(openSince.keySet())) {
          if (ALL.equals(nemesis) || Objects.equals(name, nemesis)) {
            long start = openSince.remove(name);
            long drift = op.timeNanos() - start;
            spans.add(new long[] {start, op.timeNanos() + drift + LeaseTiming.MARGIN_MS * 1_000_000L});
          }
        }
      }
    }
    openSince.values().forEach(start -> spans.add(new long[] {start, Long.MAX_VALUE}));
    return new ClockFaults(spans);
  }

  /** Whether {@code [fromNanos, toNanos]} meets a span. */
  boolean overlaps(long fromNanos, long toNanos) {
    for (long[] span : spans) {
      if (fromNanos <= span[1] && span[0] <= toNanos) {
        return true;
      }
    }
    return false;
  }

  /** How many spans there are. */
  int size() {
    return spans.size();
  }
}
