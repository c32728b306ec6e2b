package io.raftq.chaos.workload;

import io.raftq.chaos.history.Fn;
import io.raftq.client.Admin;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stream group reading the queue: pages through each partition from its position and commits after every page.
 * Each page is a recorded {@code stream-read} (invoke: queue, group, partition, {@code from}; ok: partition, the
 * messages read with their offsets, {@code nextOffset}) and each commit a recorded {@code commit} (queue, group,
 * partition, offset asked; ok: the committed offset it answers).
 */
final class StreamWorker implements Runnable {
  private static final int PAGE = 50;

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
        Response.Browsed page = read(p);
        if (page == null) {
          pause();
          continue;
        }
        positions[p] = Math.max(positions[p], page.nextOffset());
        commit(p);
      }
      pause();
    }
  }

  /** One recorded page read from the partition's position; null when it failed or is indeterminate. */
  private Response.Browsed read(int partition) {
    String process = processes.current();
    recorder.invoke(process, Fn.STREAM_READ, Map.of("queue", queue, "group", group, "partition", (long) partition,
        "from", positions[partition]));
    try {
      Response.Browsed page = admin.browse(queue, partition, positions[partition], PAGE)
          .get(Workload.CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      List<Object> msgs = new ArrayList<>();
      for (Delivery d : page.messages()) {
        msgs.add(Map.of("msg", ConsumerCalls.msgOf(d), "offset", d.offset()));
      }
      recorder.ok(process, Map.of("partition", (long) partition, "msgs", msgs, "nextOffset", page.nextOffset()));
      return page;
    } catch (Exception e) {
      failed(process, e);
      return null;
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
      failed(process, e);
    }
  }

  private void failed(String process, Exception e) {
    Outcomes.record(recorder, processes, process, e);
  }

  private static void pause() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
