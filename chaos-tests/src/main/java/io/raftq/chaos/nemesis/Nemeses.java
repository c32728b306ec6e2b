package io.raftq.chaos.nemesis;

import io.raftq.chaos.nemesis.ProcessNemeses.Target;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Every nemesis by its scenario name. */
public final class Nemeses {
  private static final Map<String, Supplier<Nemesis>> ALL = new TreeMap<>(Map.ofEntries(
      Map.entry("kill-random", () -> ProcessNemeses.kill(Target.RANDOM)),
      Map.entry("kill-leader", () -> ProcessNemeses.kill(Target.LEADER)),
      Map.entry("pause-random", () -> ProcessNemeses.pause(Target.RANDOM)),
      Map.entry("pause-leader", () -> ProcessNemeses.pause(Target.LEADER)),
      Map.entry("restart-rolling", ProcessNemeses::rollingRestart),
      Map.entry("wipe-node", ProcessNemeses::wipe),
      Map.entry("wipe-catching-up", CatchUpWipeNemesis::new),
      Map.entry("truncate-log-tail", ProcessNemeses::truncateLogTail),
      Map.entry("lose-page-cache", PageCacheNemesis::oneNode),
      Map.entry("lose-page-cache-all", PageCacheNemesis::wholeCluster),
      Map.entry("clock-jump", ClockNemesis::new),
      Map.entry("partition-majority", NetworkNemeses::majoritySplit),
      Map.entry("partition-leader", NetworkNemeses::isolateLeader),
      Map.entry("partition-bridge", NetworkNemeses::bridge),
      Map.entry("oneway-leader-in", NetworkNemeses::oneWayIntoLeader),
      Map.entry("oneway-leader-out", NetworkNemeses::oneWayOutOfLeader),
      Map.entry("flaky-net", () -> NetworkNemeses.flaky(0.2)),
      Map.entry("grow-shrink", () -> new MembershipNemesis(4))));

  private Nemeses() {}

  /** The nemesis named {@code name}; throws listing the known names otherwise. */
  public static Nemesis named(String name) {
    Supplier<Nemesis> s = ALL.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown nemesis '" + name + "'; known: " + ALL.keySet());
    }
    return s.get();
  }

  public static List<Nemesis> named(List<String> names) {
    return names.stream().map(Nemeses::named).toList();
  }
}
