package io.raftq.chaos.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.raftq.chaos.workload.WorkloadSettings;

/** The named scenarios of {@code make chaos} (the full matrix) and of the smoke runs in {@code make test}. */
public final class ScenarioCatalog {
  /** Every nemesis that works on 3 nodes; {@code mix} draws from all of them. */
  static final List<String> THREE_NODE_NEMESES = List.of(
      "kill-random", "kill-leader", "pause-random", "pause-leader", "partition-majority", "partition-leader",
      "oneway-leader-in", "oneway-leader-out", "flaky-net", "restart-rolling", "wipe-node", "wipe-catching-up",
      "clock-jump", "truncate-log-tail");
  private static final Duration MATRIX_MAIN = Duration.ofSeconds(100);
  private static final Duration SMOKE_MAIN = Duration.ofSeconds(40);
  /**
   * Producers (and consumers) of the full-rate scenario. With 4 the cluster is latency-bound (about 100 ms per
   * send); with 16, four sends per partition are outstanding and latency, not sends, grows. Measured on the shared
   * 2-core machine (load average 16-18 from other builds): 79 acknowledged sends/s (p50 100 ms, p90 210 ms) under
   * leader kills, against 61/s for the standard 4 producers in the same hour; at load average 26, 6/s, and 32
   * producers' nodes did not even start.
   */
  static final int FULL_RATE_PRODUCERS = 16;

  private ScenarioCatalog() {}

  /** The whole matrix: a baseline, each nemesis alone, the 5-node splits, and a mix of everything. */
  public static List<Scenario> matrix() {
    List<Scenario> all = new ArrayList<>();
    all.add(Scenario.of("none", 3, List.of(), MATRIX_MAIN));
    for (String nemesis : THREE_NODE_NEMESES) {
      all.add(Scenario.of(nemesis, 3, List.of(nemesis), MATRIX_MAIN));
    }
    // Power losses (lazyfs drops what was not fsynced): one node, or all three at once. Needs FUSE. Twice as long:
    // restarting three nodes at once takes up to a minute here, so 100 s held only two faults.
    all.add(Scenario.of("lose-page-cache", 3, List.of("lose-page-cache", "lose-page-cache-all"),
        MATRIX_MAIN.multipliedBy(2)));
    all.add(Scenario.of("partition-bridge-5", 5, List.of("partition-bridge"), MATRIX_MAIN));
    all.add(Scenario.of("partition-majority-5", 5, List.of("partition-majority"), MATRIX_MAIN));
    all.add(Scenario.of("mix", 3, THREE_NODE_NEMESES, MATRIX_MAIN.multipliedBy(2)));
    all.add(growShrink());
    all.add(growShrinkUnderFaults());
    all.add(new Scenario("fifo-dead-letter-mix", 3, THREE_NODE_NEMESES, MATRIX_MAIN.multipliedBy(2),
        Duration.ofSeconds(20), WorkloadSettings.fifoDeadLetter()));
    all.add(killLeaderAtFullRate());
    return List.copyOf(all);
  }

  /**
   * Leader kills while the cluster runs at the highest send rate it sustains, so that faults land on full
   * pipelines: {@link #FULL_RATE_PRODUCERS} producers sending as fast as they are answered, with as many consumers
   * so that the final drain is not a backlog. The cluster, not the producers, bounds its rate, so its minimums are
   * those of the standard load.
   */
  static Scenario killLeaderAtFullRate() {
    List<String> nemeses = List.of("kill-leader");
    return new Scenario("kill-leader-full-rate", 3, nemeses, MATRIX_MAIN, Duration.ofSeconds(20),
        WorkloadSettings.standard().withLoad(FULL_RATE_PRODUCERS, FULL_RATE_PRODUCERS, 0))
        .withMinimums(Minimums.expected(MATRIX_MAIN, WorkloadSettings.standard(), nemeses, List.of()));
  }

  /**
   * The smoke runs of every build: 40 s of faults each, network faults included, plus one regression scenario per
   * bug the suite found (named after it). Names differ from the matrix's, so a smoke run's rerun line replays the
   * smoke run (same length of faults), not its longer matrix cousin.
   */
  public static List<Scenario> smoke() {
    return List.of(
        // The leader faults, one of each per round (a seeded deck): kill -9, SIGSTOP, iptables isolation.
        Scenario.of("smoke-leader-faults", 3, List.of("kill-leader", "pause-leader", "partition-leader"),
            SMOKE_MAIN),
        Scenario.of("regress-keyless-resend", 3, List.of("flaky-net", "kill-random"), SMOKE_MAIN),
        // A one-way partition left a follower's log below what its leader believed it held: stuck for good.
        Scenario.of("regress-stuck-follower-oneway", 3, List.of("oneway-leader-in", "oneway-leader-out"),
            SMOKE_MAIN),
        // Dead letters, FIFO keys and a stream group (WorkloadSettings.fifoDeadLetter) under leader faults.
        new Scenario("smoke-fifo-dead-letter", 3, List.of("kill-leader", "partition-leader"), SMOKE_MAIN,
            Duration.ofSeconds(20), WorkloadSettings.fifoDeadLetter()));
  }

  /**
   * Issue 6's done-when: five nodes grow to six and shrink to four under the standard load (a spare joins, then two
   * seeds are drained, removed and stopped, one change at a time).
   */
  static Scenario growShrink() {
    Scenario s = new Scenario("grow-shrink-5-6-4", 6, 5, List.of("grow-shrink"), Duration.ofSeconds(200),
        Duration.ofSeconds(20), WorkloadSettings.standard());
    return s.withMinimums(s.minimums().withFaults(List.of("grow-shrink"), MEMBERSHIP_CHANGES));
  }

  /**
   * The same membership changes while a second schedule kills random nodes and cuts partition leaders off, so
   * that faults land during the moves (issue 6, item 7: membership nemeses combined with kills and partitions).
   */
  static Scenario growShrinkUnderFaults() {
    Scenario s = new Scenario("grow-shrink-faults", 6, 5, List.of("grow-shrink"),
        List.of("kill-random", "partition-leader"), Duration.ofSeconds(240), Duration.ofSeconds(20),
        WorkloadSettings.standard());
    return s.withMinimums(s.minimums().withFaults(List.of("grow-shrink"), MEMBERSHIP_CHANGES));
  }

  /** grow-shrink from 5 nodes: one spare joins, two seeds leave; every one of them must have happened. */
  private static final int MEMBERSHIP_CHANGES = 3;

  /** Every scenario a rerun line can name: the matrix and the smoke runs. */
  public static List<Scenario> replayable() {
    List<Scenario> all = new ArrayList<>(matrix());
    all.addAll(smoke());
    return List.copyOf(all);
  }

  /**
   * The scenarios named in {@code selection} (comma-separated; blank selects all of {@code from}); throws naming
   * the known scenarios when a name is unknown.
   */
  public static List<Scenario> select(List<Scenario> from, String selection) {
    if (selection == null || selection.isBlank()) {
      return from;
    }
    List<String> names = Arrays.stream(selection.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    List<String> known = from.stream().map(Scenario::name).toList();
    for (String n : names) {
      if (!known.contains(n)) {
        throw new IllegalArgumentException("unknown scenario '" + n + "'; known: " + known);
      }
    }
    return from.stream().filter(s -> names.contains(s.name())).toList();
  }
}
