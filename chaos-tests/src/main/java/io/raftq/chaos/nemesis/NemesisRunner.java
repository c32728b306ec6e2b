package io.raftq.chaos.nemesis;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.workload.Recorder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The nemesis thread of a run: until the deadline, waits a quiet period, picks one of the scenario's nemeses
 * (seeded), injects it, holds it, and heals it; every inject and heal is a pair of nemesis ops in the history. A
 * fault that changed nothing is recorded with {@code "effective": false} and its reason, and neither held nor
 * healed when it hit no node. At the end, {@link #healEverything} restores the cluster whatever happened.
 */
public final class NemesisRunner {
  private final String process;
  private final List<Nemesis> nemeses;
  private final NemesisContext ctx;
  private final Recorder recorder;
  private final SplittableRandom random;
  private final Duration quietMin;
  private final Duration quietMax;
  private final Duration holdMin;
  private final Duration holdMax;
  /** Every nemesis comes up once per round of nemeses.size() faults. */
  private final ShuffledDeck deck;

  public NemesisRunner(List<Nemesis> nemeses, NemesisContext ctx, Recorder recorder, long seed, Duration quietMin,
      Duration quietMax, Duration holdMin, Duration holdMax) {
    this(io.raftq.chaos.history.Op.NEMESIS, nemeses, ctx, recorder, seed, quietMin, quietMax, holdMin, holdMax);
  }

  /** @param process the history process of this schedule's ops (a second schedule needs its own) */
  public NemesisRunner(String process, List<Nemesis> nemeses, NemesisContext ctx, Recorder recorder, long seed,
      Duration quietMin, Duration quietMax, Duration holdMin, Duration holdMax) {
    this.process = process;
    this.nemeses = List.copyOf(nemeses);
    this.ctx = ctx;
    this.recorder = recorder;
    this.random = new SplittableRandom(seed);
    this.deck = nemeses.isEmpty() ? null : new ShuffledDeck(nemeses.size(), random);
    this.quietMin = quietMin;
    this.quietMax = quietMax;
    this.holdMin = holdMin;
    this.holdMax = holdMax;
  }

  /** Injects and heals faults until {@code deadlineNanos} (System.nanoTime); the last fault is healed first. */
  public void runUntil(long deadlineNanos) throws Exception {
    if (nemeses.isEmpty()) {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, deadlineNanos - System.nanoTime()));
      return;
    }
    while (true) {
      sleepBetween(quietMin, quietMax);
      if (System.nanoTime() >= deadlineNanos) {
        return;
      }
      Nemesis nemesis = nemeses.get(deck.next()); // each nemesis once per round
      Fault fault = inject(nemesis);
      if (!fault.effective() && fault.targets().isEmpty()) {
        continue; // nothing happened: nothing to hold or heal
      }
      sleepBetween(holdMin, holdMax);
      heal(nemesis, fault);
    }
  }

  private Fault inject(Nemesis nemesis) throws Exception {
    Map<String, Object> value = describe(nemesis, null);
    recorder.nemesisStart(process, Fn.FAULT, value);
    try {
      Fault fault = nemesis.inject(ctx, random);
      recorder.nemesisEnd(process, Fn.FAULT, describe(nemesis, fault), null);
      return fault;
    } catch (Exception e) {
      recorder.nemesisEnd(process, Fn.FAULT, value, e.toString());
      throw e;
    }
  }

  private void heal(Nemesis nemesis, Fault fault) throws Exception {
    Map<String, Object> value = describe(nemesis, fault);
    recorder.nemesisStart(process, Fn.HEAL, value);
    try {
      nemesis.heal(ctx, fault);
      recorder.nemesisEnd(process, Fn.HEAL, value, null);
    } catch (Exception e) {
      recorder.nemesisEnd(process, Fn.HEAL, value, e.toString());
      throw e;
    }
  }

  private Map<String, Object> describe(Nemesis nemesis, Fault fault) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("nemesis", nemesis.name());
    value.put("kind", nemesis.kind());
    if (fault != null) {
      value.put("targets", fault.targets().stream().map(n -> ctx.cluster().id(n)).toList());
      value.put("detail", fault.detail());
      if (!fault.effective()) {
        value.put("effective", false);
        value.put("reason", fault.detail());
      }
    }
    return value;
  }

  /**
   * The final heal after the main phase or after a nemesis error: removes network rules, resumes paused nodes,
   * resets clocks and restarts stopped nodes, recorded as a heal of nemesis {@code all}.
   */
  public void healEverything() throws Exception {
    Map<String, Object> value = Map.of("nemesis", "all", "kind", "heal", "detail",
        "heal links, resume, reset clocks, restart");
    recorder.nemesisStart(Fn.HEAL, value);
    var cluster = ctx.cluster();
    if (cluster.hasNetworkLab()) {
      cluster.lab().heal();
    }
    for (int n = 0; n < cluster.size(); n++) {
      if (!cluster.isMember(n)) {
        continue; // a spare that never joined, or a node retired by a membership change
      }
      cluster.resume(n);
      cluster.setClockOffset(n, 0);
      ctx.restart(n);
    }
    recorder.nemesisEnd(Fn.HEAL, value, null);
  }

  private void sleepBetween(Duration min, Duration max) throws InterruptedException {
    long spread = max.toMillis() - min.toMillis();
    TimeUnit.MILLISECONDS.sleep(min.toMillis() + (spread > 0 ? random.nextLong(spread) : 0));
  }
}
