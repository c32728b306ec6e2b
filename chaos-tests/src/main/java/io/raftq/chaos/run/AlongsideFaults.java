package io.raftq.chaos.run;

import io.raftq.chaos.nemesis.Nemesis;
import io.raftq.chaos.nemesis.NemesisContext;
import io.raftq.chaos.nemesis.NemesisRunner;
import io.raftq.chaos.workload.Recorder;
import java.time.Duration;
import java.util.List;

/**
 * A second fault schedule on its own thread, so that faults (kills, partitions) land while the main schedule's
 * long operations (membership changes) are under way. Its last fault is healed when the deadline passes; the
 * main schedule's final heal restores everything else.
 */
final class AlongsideFaults {
  private final Thread thread;
  private volatile Exception failure;

  private AlongsideFaults(NemesisRunner runner, long deadlineNanos) {
    thread = runner == null ? null : new Thread(() -> run(runner, deadlineNanos), "nemesis-alongside");
  }

  /** Starts the schedule of {@code nemeses} until the deadline (System.nanoTime); none: nothing runs. */
  static AlongsideFaults start(List<Nemesis> nemeses, NemesisContext ctx, Recorder recorder, long seed,
      long deadlineNanos) {
    NemesisRunner runner = nemeses.isEmpty() ? null : new NemesisRunner("nemesis-alongside", nemeses, ctx,
        recorder, seed, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(12));
    AlongsideFaults faults = new AlongsideFaults(runner, deadlineNanos);
    if (faults.thread != null) {
      faults.thread.setDaemon(true);
      faults.thread.start();
    }
    return faults;
  }

  private void run(NemesisRunner runner, long deadlineNanos) {
    try {
      runner.runUntil(deadlineNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  /** Waits for the schedule to end at its deadline (it heals its last fault first). */
  void join() throws InterruptedException {
    if (thread != null) {
      thread.join();
    }
  }

  /** A nemesis error of this schedule fails the run, as the main schedule's would. */
  void rethrow() throws Exception {
    if (failure != null) {
      throw failure;
    }
  }
}
