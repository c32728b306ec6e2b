package io.raftq.cli.bench;

import io.raftq.cli.Checks;
import io.raftq.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the consuming side of a bench run. */
final class ConsumerOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--consumers",
      defaultValue = "4",
      paramLabel = "C",
      description = "Consumers, each with its own client and connections (default: ${DEFAULT-VALUE}).")
  int consumers;

  @Option(
      names = "--group",
      defaultValue = "bench",
      paramLabel = "GROUP",
      description = "Consumer group (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--max",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Messages per receive, like the peers' prefetch; each batch is acked with one call"
          + " (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(
      names = "--subscribe",
      description = "Consume with the streaming consumer (Consumer.subscribe): each partition long-polled on its"
          + " own, up to --max messages in flight, acks batched per partition; like the peers' push consumers."
          + " Without it, each consumer receives a batch from all partitions at once, then acks it.")
  boolean subscribe;

  void validate() {
    Checks.atLeast(mixee, consumers, 1, "--consumers");
    Checks.atLeast(mixee, maxBatch, 1, "--max");
    Checks.require(mixee, !group.isBlank(), "--group must not be empty");
  }
}
