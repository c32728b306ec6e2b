package io.raftq.chaos.workload;

import io.raftq.chaos.history.Fn;
import io.raftq.client.Admin;
import io.raftq.protocol.Response;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stream group reading the queue: pages through each partition from its position and commits after every page,
 * recording each commit (queue, group, partition, offset asked) and the committed offset it answers.
 */
final class StreamWorker implements Runnable {
  private final Admin admin;
  private final Recorder recorder;
  private final ProcessIds processes;
  private final String queue;
  private final String group;
  private final long[] positions;
  private final BooleanSupplier running;

  StreamWorker(Admin admin, Recorder recorder, ProcessIds processes, String queue, String group, int partitions,
      BooleanSupplier running) {
    this.admin = admin;
    this.recorder = recorder;
    this.processes = processes;
    this.queue = queue;
    this.group = group;
    this.positions = new long[partitions];
    this.running = running;
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      for (int p = 0; p < positions.length && running.getAsBoolean(); p++) {
        try {
          Response.Browsed page = admin.browse(queue, p, positions[p], 50).get(20, TimeUnit.SECONDS);
          positions[p] = Math.max(positions[p], page.nextOffset());
        } catch (Exception e) {
          pause();
          continue;
        }
        commit(p);
      }
      pause();
    }
  }

  private void commit(int partition) {
    String process = processes.current();
    recorder.invoke(process, Fn.COMMIT, Map.of("queue", queue, "group", group, "partition", (long) partition,
        "offset", positions[partition]));
    try {
      long committed = admin.commitOffset(queue, group, partition, positions[partition], false)
          .get(Workload.CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      recorder.ok(process, Map.of("committed", committed));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (Outcomes.isDefinite(e)) {
        recorder.fail(process, Outcomes.describe(e));
      } else {
        recorder.info(process, Outcomes.describe(e));
        processes.retire();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
