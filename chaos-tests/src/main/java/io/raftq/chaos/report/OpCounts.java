package io.raftq.chaos.report;

import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** How many client ops of each {@code f} a run recorded, by type: the header table of a report. */
public final class OpCounts {
  private OpCounts() {}

  /**
   * Client op counts (nemesis ops excluded; they are charted as fault windows) keyed by {@code f} in name order,
   * each with every {@link OpType} present, zero when none.
   */
  public static Map<String, Map<OpType, Long>> of(History history) {
    Map<String, Map<OpType, Long>> counts = new TreeMap<>();
    for (Op op : history.ops()) {
      if (!op.isNemesis()) {
        counts.computeIfAbsent(op.f(), f -> zeros()).merge(op.type(), 1L, Long::sum);
      }
    }
    counts.replaceAll((f, byType) -> Collections.unmodifiableMap(byType));
    return Collections.unmodifiableMap(counts);
  }

  private static Map<OpType, Long> zeros() {
    Map<OpType, Long> byType = new EnumMap<>(OpType.class);
    for (OpType type : OpType.values()) {
      byType.put(type, 0L);
    }
    return byType;
  }
}
