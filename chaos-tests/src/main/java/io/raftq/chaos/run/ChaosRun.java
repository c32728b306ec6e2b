package io.raftq.chaos.run;

import io.raftq.chaos.checker.AckFinalityChecker;
import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.checker.Checker;
import io.raftq.chaos.checker.ConvergenceChecker;
import io.raftq.chaos.checker.DeadLetterChecker;
import io.raftq.chaos.checker.FifoInFlightChecker;
import io.raftq.chaos.checker.FifoOrderChecker;
import io.raftq.chaos.checker.PrematureRedeliveryChecker;
import io.raftq.chaos.checker.StreamReadChecker;
import io.raftq.chaos.checker.StreamOffsetChecker;
import io.raftq.chaos.checker.FencingChecker;
import io.raftq.chaos.checker.LivenessChecker;
import io.raftq.chaos.checker.PartitionOrderChecker;
import io.raftq.chaos.checker.ProducerDedupChecker;
import io.raftq.chaos.checker.TotalQueueChecker;
import io.raftq.chaos.cluster.ChaosCluster;
import io.raftq.chaos.cluster.NetworkLab;
import io.raftq.chaos.cluster.Shell;
import io.raftq.chaos.history.History;
import io.raftq.chaos.nemesis.NemesisContext;
import io.raftq.chaos.nemesis.NemesisRunner;
import io.raftq.chaos.report.RunReport;
import io.raftq.chaos.report.RunSummary;
import io.raftq.chaos.workload.Recorder;
import io.raftq.chaos.workload.Workload;
import io.raftq.chaos.workload.WorkloadSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario end to end: setup (namespaces, nodes, queue) → main (workload + nemesis) → heal → recovery
 * (workload only) → final drain → convergence probe → check → report. Besides the checkers' verdicts, a run fails
 * when it fell short of the scenario's {@link Minimums} or a node exited without the nemesis ending it. Everything
 * it starts it stops, including when a phase throws.
 */
public final class ChaosRun {
  static final List<String> NODE_ARGS = List.of("--snapshot-threshold", "500", "--election-timeout", "1000-2000");
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
  private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(30);

  private ChaosRun() {}

  /** The outcome of one run: whether every checker passed, and where the report is. */
  public record Outcome(
      Scenario scenario, long seed, Path runDir, Path report, boolean valid, List<CheckResult> results) {}

  public static Outcome execute(Scenario scenario, long seed, Path outRoot) throws Exception {
    Path runDir = outRoot.resolve(scenario.name() + "-" + Long.toUnsignedString(seed, 36));
    // A replay of the same seed starts from nothing, not from the nodes' data of an earlier (perhaps cut) run.
    ChaosCluster.deleteTree(runDir);
    Files.createDirectories(runDir);
    System.out.printf("chaos: scenario %s seed %d -> %s%n", scenario.name(), seed, runDir);
    Instant started = Instant.now();
    Recorder recorder = new Recorder();
    boolean drained;
    boolean converged;
    boolean nodesAlive = true;
    NetworkLab lab = NetworkLab.available() ? NetworkLab.create(scenario.nodes()) : null;
    try (lab;
         ChaosCluster cluster = new ChaosCluster(runDir, scenario.nodes(), scenario.seeds(), lab, nodeArgs())) {
      if (scenario.needsLazyDataDirs()) {
        cluster.useLazyDataDirs();
      }
      cluster.startAll(Duration.ofSeconds(90));
      try (Workload workload = new Workload(scenario.workload(), cluster.clientAddresses(), recorder, seed);
           NemesisContext ctx =
               new NemesisContext(cluster, scenario.workload().queue(), scenario.workload().partitions())) {
        workload.createQueue();
        workload.start();
        NemesisRunner nemesis = new NemesisRunner(scenario.nemesisInstances(), ctx, recorder, seed ^ 0x5DEECE66DL,
            Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(5), Duration.ofSeconds(12));
        long deadline = System.nanoTime() + scenario.main().toNanos();
        AlongsideFaults alongside = AlongsideFaults.start(scenario.alongsideInstances(), ctx, recorder,
            seed ^ 0x2545F4914F6CDD1DL, deadline);
        try {
          nemesis.runUntil(deadline);
        } finally {
          alongside.join();
          nemesis.healEverything();
        }
        alongside.rethrow();
        TimeUnit.MILLISECONDS.sleep(scenario.recovery().toMillis());
        workload.stop();
        drained = workload.drain(DRAIN_LIMIT);
        converged = workload.probeConvergence(memberAddresses(cluster), CONVERGENCE_LIMIT);
      }
      List<String> deaths = new ArrayList<>();
      for (int n = 0; n < cluster.size(); n++) {
        nodesAlive &= !cluster.isMember(n) || cluster.isAlive(n);
        cluster.deathNote(n, 40).ifPresent(deaths::add);
      }
      History history = recorder.history();
      List<CheckResult> results = check(history, scenario);
      results.add(new CheckResult("run", drained && nodesAlive, Map.of(
          "drained", drained ? 1L : 0L, "converged", converged ? 1L : 0L, "nodes-alive", nodesAlive ? 1L : 0L),
          deaths.isEmpty() ? Map.of() : Map.of("dead-nodes", deaths)));
      results.add(scenario.minimums().check(history));
      results.add(unexpectedExits(cluster.unexpectedExits()));
      boolean valid = results.stream().allMatch(CheckResult::valid);
      Path report = RunReport.write(runDir, history, new RunSummary(scenario.name(), seed, gitSha(),
          scenario.nodes(), started.toString(), Instant.now().toString(), reproduce(scenario, seed),
          scenario.main(), results));
      cluster.close();
      if (valid) {
        cluster.deleteData();
      }
      System.out.printf("chaos: %s seed %d %s (%d ops) -> %s%n  rerun: %s%n", scenario.name(), seed,
          valid ? "PASSED" : "FAILED", history.size(), report, reproduce(scenario, seed));
      return new Outcome(scenario, seed, runDir, report, valid, results);
    }
  }

  /** Node processes that died without the nemesis ending them fail the run, even if a heal restarted them. */
  static CheckResult unexpectedExits(List<String> notes) {
    return new CheckResult("unexpected-exit", notes.isEmpty(), Map.of("unexpected-exits", (long) notes.size()),
        notes.isEmpty() ? Map.of() : Map.of("unexpected-exit", notes));
  }

  private static List<String> memberAddresses(ChaosCluster cluster) {
    List<String> members = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      if (cluster.isMember(n)) {
        members.add(cluster.clientAddress(n));
      }
    }
    return members;
  }

  /**
   * The node options of every run, plus those of {@code -Dchaos.nodeArgs} ({@code make chaos NODE_ARGS=...}), to
   * run the suite with options other than the defaults (e.g. {@code --no-balance-leaders}).
   */
  static List<String> nodeArgs() {
    List<String> args = new ArrayList<>(NODE_ARGS);
    String extra = extraNodeArgs();
    if (!extra.isEmpty()) {
      args.addAll(List.of(extra.split("\\s+")));
    }
    return args;
  }

  private static String extraNodeArgs() {
    return System.getProperty("chaos.nodeArgs", "").trim();
  }

  /** The command that replays this run's schedule. */
  static String reproduce(Scenario scenario, long seed) {
    String extra = extraNodeArgs();
    return "make chaos SCENARIOS=" + scenario.name() + " SEED=" + seed
        + (extra.isEmpty() ? "" : " NODE_ARGS=\"" + extra + "\"");
  }

  private static String gitSha() {
    Shell.Result r = Shell.tryRun(List.of("git", "-C", ChaosCluster.REPO.toString(), "rev-parse", "HEAD"));
    return r.exitCode() == 0 ? r.output() : "unknown";
  }

  static List<CheckResult> check(History history, Scenario scenario) {
    WorkloadSettings w = scenario.workload();
    List<Checker> checkers = new ArrayList<>(List.of(
        // A message ends acked in the source group, or (with dead letters) read from its dead-letter queue.
        new TotalQueueChecker(w.group(), w.fifoWithDeadLetters() ? w.deadLetterQueue() : null),
        new AckFinalityChecker(), // with producer dedup off, this is the consumer dedup promise
        new FencingChecker(),
        new PrematureRedeliveryChecker(),
        new PartitionOrderChecker(!w.fifoWithDeadLetters()),
        new ConvergenceChecker(scenario.replicas()),
        new LivenessChecker()));
    if (!w.dedupWindow().isZero()) {
      checkers.add(2, new ProducerDedupChecker());
    }
    if (w.fifoWithDeadLetters()) {
      checkers.add(new FifoOrderChecker(w.queue()));
      checkers.add(new FifoInFlightChecker(w.queue()));
      checkers.add(new DeadLetterChecker(w.queue(), w.group(), w.deadLetterQueue(), WorkloadSettings.MAX_RECEIVES));
    }
    if (w.streamReader()) {
      checkers.add(new StreamOffsetChecker());
      checkers.add(new StreamReadChecker());
    }
    List<CheckResult> results = new ArrayList<>();
    for (Checker c : checkers) {
      try {
        results.add(c.check(history));
      } catch (RuntimeException e) {
        // A history a checker cannot judge (e.g. an indeterminate drain) is a failed run, not a crashed one.
        results.add(new CheckResult(c.name(), false, Map.of(), Map.of("unusable-history", List.of(e.toString()))));
      }
    }
    return results;
  }
}
