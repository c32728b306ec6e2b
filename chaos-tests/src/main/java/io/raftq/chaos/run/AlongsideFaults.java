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

  private AlongsideFaults(Thread thread) {
    this.thread = thread;
  }

  static AlongsideFaults start(List<Nemesis> nemeses, NemesisContext ctx, Recorder recorder, long seed,
      long deadlineNanos) {
    if (nemeses.isEmpty()) {
      return new AlongsideFaults(null);
    }
    NemesisRunner runner = new NemesisRunner("nemesis-alongside", nemeses, ctx, recorder, seed, Duration.ofSeconds(5),
        Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(12));
    AlongsideFaults[] self = new AlongsideFaults[1];
    Thread t = new Thread(() -> {
      try {
        runner.runUntil(deadlineNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        self[0].failure = e;
      }
    }, "nemesis-alongside");
    self[0] = new AlongsideFaults(t);
    t.setDaemon(true);
    t.start();
    return self[0];
  }

  /** Waits for the schedule to end at its deadline (it heals its last fault first). */
  void stopAndJoin() throws InterruptedException {
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
