package io.raftq.chaos.run;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.FaultWindows;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import io.raftq.chaos.workload.WorkloadSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run must have done for its verdict to mean anything: sends acknowledged and acks that settled a delivery
 * while faults were being injected (completed before the final heal began), and effective faults of each named
 * nemesis. Every checker passes on a run that did nothing; this check does not. Faults the nemesis marked {@code
 * "effective": false} (see {@link FaultWindows#isEffective}) and faults whose injection failed do not count.
 *
 * @param sendsOk acknowledged sends, at least
 * @param acksOk acks answered {@code OK}, at least
 * @param faultsTotal effective faults of all nemeses together, at least
 * @param faults per nemesis name, effective faults at least
 */
public record Minimums(long sendsOk, long acksOk, long faultsTotal, Map<String, Integer> faults) {
  public static final String CHECK = "minimums";
  /** Minimums are this fraction (1/SHARE) of what a healthy run achieves. */
  static final int SHARE = 4;
  /**
   * Sends one producer completes per second of the fault phase in the slowest healthy run measured here: 10-15
   * on an otherwise idle 2-core machine (about 100 ms each), but 150 to 1320 acknowledged sends by 4 producers in
   * a 40 s smoke run while six other builds shared it.
   */
  static final double SENDS_PER_PRODUCER_SECOND = 1;
  /** One fault of the main schedule on a busy machine: 3-6 s quiet, 5-12 s held, a restart of 10-20 s. */
  static final Duration FAULT_CYCLE = Duration.ofSeconds(30);
  /** One fault of the alongside schedule: 5-15 s quiet, 5-12 s held, a restart. */
  static final Duration ALONGSIDE_CYCLE = Duration.ofSeconds(30);

  public Minimums {
    faults = Map.copyOf(faults);
  }

  /** Nothing required. */
  public static Minimums none() {
    return new Minimums(0, 0, 0, Map.of());
  }

  /**
   * The default minimums of a scenario: a quarter ({@link #SHARE}) of what a healthy run achieves on the 2-core
   * test machine (the slowest seen), so that they catch a run that did (nearly) nothing, not noise. Sends: {@link
   * #SENDS_PER_PRODUCER_SECOND} per producer (bounded by the target rate) over the fault phase; acks: half of that
   * (consumers ack 80% of deliveries). Faults: the fault phase over a fault's cycle ({@link #FAULT_CYCLE}: quiet,
   * hold, heal and a restart) is what a schedule achieves; its quarter, at least 1, must be effective in all, and
   * each nemesis that comes up at least once on average must have been effective at least once.
   */
  public static Minimums expected(Duration main, WorkloadSettings w, List<String> nemeses, List<String> alongside) {
    double seconds = main.toSeconds();
    double sendRate = w.producers() * SENDS_PER_PRODUCER_SECOND;
    if (w.targetSendsPerSecond() > 0) {
      sendRate = Math.min(sendRate, w.targetSendsPerSecond());
    }
    long sends = (long) (sendRate * seconds / SHARE);
    Map<String, Integer> each = new TreeMap<>();
    long total = faultsOf(nemeses, seconds / FAULT_CYCLE.toSeconds(), each)
        + faultsOf(alongside, seconds / ALONGSIDE_CYCLE.toSeconds(), each);
    return new Minimums(sends, sends / 2, total, each);
  }

  /** Adds each nemesis' minimum to {@code each}; returns the schedule's minimum in all. */
  private static long faultsOf(List<String> nemeses, double expected, Map<String, Integer> each) {
    if (nemeses.isEmpty()) {
      return 0;
    }
    for (String n : nemeses) {
      each.put(n, expected / nemeses.size() >= 1 ? 1 : 0);
    }
    return Math.max(1, (long) (expected / SHARE));
  }

  /** These minimums with {@code count} effective faults of each of {@code nemeses} required. */
  public Minimums withFaults(List<String> nemeses, int count) {
    Map<String, Integer> all = new TreeMap<>(faults);
    nemeses.forEach(n -> all.put(n, count));
    return new Minimums(sendsOk, acksOk, faultsTotal, all);
  }

  /** The {@code minimums} verdict on {@code history}: counts of what happened, and each shortfall by name. */
  public CheckResult check(History history) {
    long end = finalHealNanos(history);
    long sends = 0;
    long acks = 0;
    Map<String, Long> effective = new TreeMap<>();
    Map<String, Long> noops = new TreeMap<>();
    List<String> noopReasons = new ArrayList<>();
    for (Op op : history.ops()) {
      if (op.isNemesis()) {
        countFault(history, op, effective, noops, noopReasons);
      } else if (op.type() == OpType.OK && op.timeNanos() < end) {
        sends += Fn.SEND.equals(op.f()) ? 1 : 0;
        acks += Fn.ACK.equals(op.f()) && "OK".equals(Values.string(op.value(), "outcome")) ? 1 : 0;
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sends-ok", sends);
    counts.put("acks-ok", acks);
    long total = effective.values().stream().mapToLong(Long::longValue).sum();
    counts.put("faults", total);
    effective.forEach((n, c) -> counts.put("faults-" + n, c));
    noops.forEach((n, c) -> counts.put("noop-faults-" + n, c));
    List<String> shortfalls = new ArrayList<>();
    atLeast(shortfalls, "sends-ok", sends, sendsOk);
    atLeast(shortfalls, "acks-ok", acks, acksOk);
    atLeast(shortfalls, "faults", total, faultsTotal);
    new TreeMap<>(faults).forEach((n, min) ->
        atLeast(shortfalls, "faults-" + n, effective.getOrDefault(n, 0L), min));
    Map<String, List<String>> examples = new LinkedHashMap<>();
    if (!shortfalls.isEmpty()) {
      examples.put("shortfall", shortfalls);
    }
    if (!noopReasons.isEmpty()) {
      examples.put("noop-faults", noopReasons.subList(0, Math.min(noopReasons.size(), CheckResult.MAX_EXAMPLES)));
    }
    return new CheckResult(CHECK, shortfalls.isEmpty(), counts, examples);
  }

  private static void atLeast(List<String> shortfalls, String name, long actual, long minimum) {
    if (actual < minimum) {
      shortfalls.add(name + ": " + actual + " < " + minimum);
    }
  }

  private static void countFault(History history, Op op, Map<String, Long> effective, Map<String, Long> noops,
      List<String> noopReasons) {
    if (!Fn.FAULT.equals(op.f()) || !history.isCompletion(op) || op.error() != null) {
      return;
    }
    String nemesis = Values.string(op.value(), "nemesis");
    if (FaultWindows.isEffective(op)) {
      effective.merge(nemesis, 1L, Long::sum);
    } else {
      noops.merge(nemesis, 1L, Long::sum);
      noopReasons.add(nemesis + ": " + Values.string(op.value(), "reason"));
    }
  }

  /** When the final heal (nemesis {@code all}) began, or after the last op when the history has none. */
  private static long finalHealNanos(History history) {
    for (Op op : history.ops()) {
      if (op.isNemesis() && Fn.HEAL.equals(op.f()) && "all".equals(Values.string(op.value(), "nemesis"))) {
        return op.timeNanos();
      }
    }
    return Long.MAX_VALUE;
  }
}
