package io.raftq.cli.bench;

import io.raftq.cli.CliEnvironment;
import io.raftq.cli.ConnectionOptions;
import io.raftq.cli.HelpOption;
import io.raftq.client.ClientConfig;
import io.raftq.protocol.QueueDescription;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code raftq bench e2e} (W3): producers and consumers in one JVM; latency from each message's scheduled send
 * time (stamped in its payload) to its arrival at a consumer, so producer stalls are counted (coordinated
 * omission safe), as in the peer harness.
 */
@Command(
    name = "e2e",
    description = {
      "End-to-end latency: producers send at --rate (messages are stamped with their scheduled send time),"
          + " consumers in the same process receive and ack them. Latency = arrival at the consumer minus"
          + " scheduled send time. Use a fresh queue: older messages are skipped but must be drained first."
    },
    footer = {
      "",
      "Example (W3):",
      "  raftq bench e2e --queue w3 --create-partitions 4 --producers 1 \\",
      "    --consumers 1 --rate 2000 --duration 30s --warmup 5s"
    })
final class BenchE2eCli implements Callable<Integer> {
  /** After the producers finish, how long consumers may take to receive the rest (as in the peer harness). */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;
  @Mixin BenchRunOptions run;
  @Mixin ProducerOptions producers;
  @Mixin ConsumerOptions consumers;

  BenchE2eCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    run.validate();
    producers.validate(Payloads.STAMP_BYTES);
    consumers.validate();
    ClientConfig config = connection.config(environment);
    warnIfNotEmpty(BenchQueue.prepare(environment.clients(), config, run.queue, run.createPartitions));
    BenchCounters counters = new BenchCounters();
    long runId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    int clientCount = producers.producers + consumers.consumers;
    try (ClientPool clients = ClientPool.open(environment.clients(), config, clientCount)) {
      RunWindow window = RunWindow.startingNow(run.warmup, run.durationOrNull());
      try (ProgressReporter progress = progress(window, counters)) {
        runLoad(clients, window, counters, runId);
      }
      return BenchOutput.finish(spec.commandLine().getOut(), run.json, summarize(window, counters));
    }
  }

  /**
   * Consumers start with the producers: a raftq group starts at the oldest retained message, so nothing sent
   * before the first poll is missed, and the warm-up absorbs the start-up.
   */
  private void runLoad(ClientPool clients, RunWindow window, BenchCounters counters, long runId)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    ConsumerWorker.Plan plan =
        new ConsumerWorker.Plan(run.queue, consumers.group, consumers.maxBatch, null, null, runId, false);
    Workers consumerWorkers = new Workers();
    Workers producerWorkers = new Workers();
    Loads.startConsumers(
        consumerWorkers, clients, producers.producers, plan, consumers.consumers, consumers.subscribe, window,
        counters, stop);
    try {
      Loads.startProducers(producerWorkers, clients, producers, run, window, counters, runId);
      producerWorkers.joinAll();
      awaitMeasuredArrivals(counters);
    } finally {
      stop.set(true);
      consumerWorkers.joinAll();
    }
  }

  /** Waits until every message scheduled in the window has arrived, or {@link #DRAIN_TIMEOUT}. */
  private static void awaitMeasuredArrivals(BenchCounters counters) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (counters.endToEnd.measured() < counters.sentMeasured.sum() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private void warnIfNotEmpty(QueueDescription description) {
    long depth = BenchQueue.depth(description);
    if (depth > 0) {
      spec.commandLine()
          .getErr()
          .println(
              "warning: queue '" + run.queue + "' already holds " + depth + " messages; consumers skip them but"
                  + " must receive them first, which inflates latency. Prefer a fresh queue.");
    }
  }

  private ProgressReporter progress(RunWindow window, BenchCounters counters) {
    Map<String, LongSupplier> rates = new LinkedHashMap<>();
    rates.put("sent", counters.sent::sum);
    rates.put("confirmed", counters.confirmed::total);
    rates.put("received", counters.endToEnd::total);
    return ProgressReporter.start(spec.commandLine().getErr(), window, rates, counters.failed::sum);
  }

  private BenchSummary summarize(RunWindow window, BenchCounters counters) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("producers", producers.producers);
    settings.put("consumers", consumers.consumers);
    settings.put("rate", producers.describeRate());
    settings.put("in-flight", producers.inFlight);
    settings.put("size", producers.sizeBytes);
    settings.put("group", consumers.group);
    settings.put("consumer", consumers.subscribe ? "subscribe" : "receive+ack");
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sent", counters.sent.sum());
    counts.put("sentInWindow", counters.sentMeasured.sum());
    counts.put("receivedInWindow", counters.endToEnd.measured());
    counts.put("confirmed", counters.confirmed.total());
    counts.put("consumed", counters.consumed.total());
    counts.put("redelivered", counters.redelivered.sum());
    counts.put("foreign", counters.foreign.sum());
    counts.put("failed", counters.failed.sum());
    return new BenchSummary(
        "e2e",
        run.queue,
        settings,
        run.warmup.toMillis() / 1e3,
        window.measuredSeconds(counters.endToEnd.lastMeasuredNs()),
        counters.endToEnd.measured(),
        producers.sizeBytes,
        counts,
        LatencySummary.of("end-to-end (from scheduled send)", counters.endToEndLatencyNs.getIntervalHistogram()),
        LatencySummary.of("send->confirm", counters.confirmLatencyNs.getIntervalHistogram()),
        counters.endToEnd.measured() >= counters.sentMeasured.sum(),
        counters.firstFailure());
  }
}
