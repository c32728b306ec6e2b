package io.raftq.cli.bench;

import io.raftq.cli.Checks;
import io.raftq.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every bench mode shares: the queue, how long the run is, warm-up, output format. */
final class BenchRunOptions {
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(names = "--queue", required = true, paramLabel = "QUEUE", description = "Queue to use.")
  String queue;

  @Option(
      names = "--messages",
      paramLabel = "N",
      description = "Run until N messages in total (warm-up included) instead of for a duration.")
  Long messages;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Measure for this long after the warm-up (default: 30s unless --messages is given).")
  Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Run this long before measuring; nothing from it counts (default: 0).")
  Duration warmup;

  @Option(
      names = "--create-partitions",
      paramLabel = "N",
      description = "Create the queue with N partitions if it does not exist (default: it must exist).")
  Integer createPartitions;

  @Option(names = "--json", description = "Print the summary as one JSON document.")
  boolean json;

  void validate() {
    Checks.require(mixee, messages == null || duration == null, "give either --messages or --duration, not both");
    if (messages != null) {
      Checks.atLeast(mixee, messages, 1, "--messages");
    }
    Checks.require(mixee, duration == null || !duration.isZero(), "--duration must be greater than 0");
    if (createPartitions != null) {
      Checks.atLeast(mixee, createPartitions, 1, "--create-partitions");
    }
  }

  /** The measured duration, or null when {@code --messages} bounds the run. */
  Duration durationOrNull() {
    if (messages != null) {
      return null;
    }
    return duration == null ? DEFAULT_DURATION : duration;
  }

  /** Messages in total, or {@code Long.MAX_VALUE} for a duration-bounded run. */
  long messageQuota() {
    return messages == null ? Long.MAX_VALUE : messages;
  }

  /** Worker {@code index}'s share of {@code total} split over {@code workers} (the first ones get the rest). */
  static long share(long total, int workers, int index) {
    if (total == Long.MAX_VALUE) {
      return total;
    }
    return total / workers + (index < total % workers ? 1 : 0);
  }
}
