package io.raftq.cli.bench;

import io.raftq.cli.CliEnvironment;
import io.raftq.cli.ConnectionOptions;
import io.raftq.cli.DurationConverter;
import io.raftq.cli.HelpOption;
import io.raftq.client.ClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code raftq bench consume} (W2): receive batches, ack each batch; reports throughput only. */
@Command(
    name = "consume",
    description = {
      "Consume with --consumers consumers: receive up to --max messages, ack them with one call, repeat. A"
          + " message counts when its ack succeeds. Latency is not reported (the messages were sent earlier)."
    },
    footer = {
      "",
      "Example (W2, after preloading 500000 messages with bench produce):",
      "  raftq bench consume --queue w2 --consumers 4 --messages 500000"
    })
final class BenchConsumeCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;
  @Mixin BenchRunOptions run;
  @Mixin ConsumerOptions consumers;

  @Option(
      names = "--idle-timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Stop when no message arrived for this long, e.g. the queue ran dry (default: 10s).")
  Duration idleTimeout;

  BenchConsumeCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    run.validate();
    consumers.validate();
    ClientConfig config = connection.config(environment);
    BenchQueue.prepare(environment.clients(), config, run.queue, run.createPartitions);
    BenchCounters counters = new BenchCounters();
    Budget budget = run.messages == null ? null : new Budget(run.messages);
    ConsumerWorker.Plan plan =
        new ConsumerWorker.Plan(run.queue, consumers.group, consumers.maxBatch, budget, idleTimeout, 0, true);
    try (ClientPool clients = ClientPool.open(environment.clients(), config, consumers.consumers)) {
      RunWindow window = RunWindow.startingNow(run.warmup, run.durationOrNull());
      Workers workers = new Workers();
      try (ProgressReporter progress = progress(window, counters)) {
        Loads.startConsumers(workers, clients, 0, plan, consumers.consumers, consumers.subscribe, window, counters,
            new AtomicBoolean());
        workers.joinAll();
      }
      return BenchOutput.finish(spec.commandLine().getOut(), run.json, summarize(window, counters));
    }
  }

  private ProgressReporter progress(RunWindow window, BenchCounters counters) {
    Map<String, LongSupplier> rates = new LinkedHashMap<>();
    rates.put("received", counters.received::sum);
    rates.put("consumed", counters.consumed::total);
    return ProgressReporter.start(spec.commandLine().getErr(), window, rates, counters.failed::sum);
  }

  private BenchSummary summarize(RunWindow window, BenchCounters counters) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("consumers", consumers.consumers);
    settings.put("group", consumers.group);
    settings.put("max", consumers.maxBatch);
    settings.put("consumer", consumers.subscribe ? "subscribe" : "receive+ack");
    long received = counters.received.sum();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("received", received);
    counts.put("consumed", counters.consumed.total());
    counts.put("ackInvalid", counters.ackInvalid.sum());
    counts.put("failed", counters.failed.sum());
    boolean complete = run.messages == null || counters.consumed.total() >= run.messages;
    return new BenchSummary(
        "consume",
        run.queue,
        settings,
        run.warmup.toMillis() / 1e3,
        window.measuredSeconds(counters.consumed.lastMeasuredNs()),
        counters.consumed.measured(),
        received == 0 ? 0 : counters.receivedBytes.sum() / (double) received,
        counts,
        null,
        null,
        complete,
        counters.firstFailure());
  }
}
