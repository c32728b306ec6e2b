package io.raftq.chaos.workload;

import io.raftq.chaos.history.Fn;
import io.raftq.client.Producer;
import io.raftq.client.SendResult;
import io.raftq.protocol.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sends unique messages {@code p<worker>-<seq>} at its share of the workload's target rate (or as fast as sends
 * complete). A share carry an explicit producer message id;
 * after an indeterminate outcome those are retried with the same id, and a share are resent on purpose after
 * success: either way the queue must store them once.
 */
final class ProducerWorker implements Runnable {
  private final int worker;
  private final ProcessIds processes;
  private final Producer producer;
  private final Recorder recorder;
  private final WorkloadSettings settings;
  private final SplittableRandom random;
  private final BooleanSupplier running;
  private long seq;

  ProducerWorker(int worker, int workers, Producer producer, Recorder recorder, WorkloadSettings settings,
      SplittableRandom random, BooleanSupplier running) {
    this.worker = worker;
    this.processes = new ProcessIds(worker, workers);
    this.producer = producer;
    this.recorder = recorder;
    this.settings = settings;
    this.random = random;
    this.running = running;
  }

  @Override
  public void run() {
    long intervalNanos = settings.sendIntervalNanos();
    long next = System.nanoTime();
    while (running.getAsBoolean()) {
      String msg = "p" + worker + "-" + seq++;
      String key = settings.fifoWithDeadLetters() || random.nextBoolean() ? "k" + random.nextInt(settings.keys()) : null;
      String id = random.nextDouble() < settings.explicitIdShare() ? "id-" + msg : null;
      Outcome outcome = send(msg, key, id);
      while (id != null && outcome == Outcome.INFO && running.getAsBoolean()) {
        outcome = send(msg, key, id);
      }
      if (id != null && outcome == Outcome.OK && random.nextDouble() < settings.resendShare()) {
        send(msg, key, id);
      }
      next += intervalNanos;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        sleepNanos(sleep);
      } else {
        next = System.nanoTime();
      }
    }
  }

  private enum Outcome { OK, FAIL, INFO }

  /** One recorded send. */
  private Outcome send(String msg, String key, String id) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("queue", settings.queue());
    value.put("msg", msg);
    if (key != null) {
      value.put("key", key);
    }
    if (id != null) {
      value.put("producerMsgId", id);
    }
    String process = processes.current();
    recorder.invoke(process, Fn.SEND, value);
    try {
      SendResult r = producer.send(settings.queue(),
              new OutgoingMessage(id, key, List.of(), msg.getBytes(StandardCharsets.UTF_8)))
          .get(Workload.CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      recorder.ok(process, Map.of("partition", (long) r.partition(), "offset", r.offset(),
          "duplicate", r.duplicate()));
      return Outcome.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      recorder.info(process, "interrupted");
      processes.retire();
      return Outcome.INFO;
    } catch (Exception e) {
      if (Outcomes.isDefinite(e)) {
        recorder.fail(process, Outcomes.describe(e));
        return Outcome.FAIL;
      }
      recorder.info(process, Outcomes.describe(e));
      processes.retire();
      return Outcome.INFO;
    }
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
