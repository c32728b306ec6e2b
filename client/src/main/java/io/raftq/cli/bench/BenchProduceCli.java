package io.raftq.cli.bench;

import io.raftq.cli.CliEnvironment;
import io.raftq.cli.ConnectionOptions;
import io.raftq.cli.HelpOption;
import io.raftq.client.ClientConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq bench produce} (W1, and the W2 preload): throughput and send-to-confirm latency. */
@Command(
    name = "produce",
    description = {
      "Send from --producers producers, each with at most --in-flight unconfirmed messages. Throughput counts"
          + " confirmations inside the measured window; latency is send to confirm (from the scheduled time"
          + " when --rate is set)."
    },
    footer = {
      "",
      "Example (W1):",
      "  raftq bench produce --queue w1 --create-partitions 4 --producers 4 \\",
      "    --in-flight 1000 --size 1024 --duration 30s --warmup 5s"
    })
final class BenchProduceCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;
  @Mixin BenchRunOptions run;
  @Mixin ProducerOptions producers;

  BenchProduceCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    run.validate();
    producers.validate(1);
    ClientConfig config = connection.config(environment);
    BenchQueue.prepare(environment.clients(), config, run.queue, run.createPartitions);
    BenchCounters counters = new BenchCounters();
    try (ClientPool clients = ClientPool.open(environment.clients(), config, producers.producers)) {
      RunWindow window = RunWindow.startingNow(run.warmup, run.durationOrNull());
      Workers workers = new Workers();
      try (ProgressReporter progress = progress(window, counters)) {
        Loads.startProducers(workers, clients, producers, run, window, counters, 0);
        workers.joinAll();
      }
      BenchSummary summary = summarize(window, counters);
      return BenchOutput.finish(spec.commandLine().getOut(), run.json, summary);
    }
  }

  private ProgressReporter progress(RunWindow window, BenchCounters counters) {
    Map<String, LongSupplier> rates = new LinkedHashMap<>();
    rates.put("sent", counters.sent::sum);
    rates.put("confirmed", counters.confirmed::total);
    return ProgressReporter.start(spec.commandLine().getErr(), window, rates, counters.failed::sum);
  }

  private BenchSummary summarize(RunWindow window, BenchCounters counters) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("producers", producers.producers);
    settings.put("in-flight", producers.inFlight);
    settings.put("size", producers.sizeBytes);
    settings.put("rate", producers.describeRate());
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sent", counters.sent.sum());
    counts.put("confirmed", counters.confirmed.total());
    counts.put("failed", counters.failed.sum());
    boolean complete = run.messages == null || counters.confirmed.total() >= run.messages;
    return new BenchSummary(
        "produce",
        run.queue,
        settings,
        run.warmup.toMillis() / 1e3,
        window.measuredSeconds(counters.confirmed.lastMeasuredNs()),
        counters.confirmed.measured(),
        producers.sizeBytes,
        counts,
        LatencySummary.of("send->confirm", counters.confirmLatencyNs.getIntervalHistogram()),
        null,
        complete,
        counters.firstFailure());
  }
}
