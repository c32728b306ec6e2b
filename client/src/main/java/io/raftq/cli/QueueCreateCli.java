package io.raftq.cli;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
import io.raftq.protocol.Limits;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq queue create NAME --partitions N}. */
@Command(
    name = "create",
    description = "Create a queue. Returns once its partitions are ready to serve.",
    footer = {
      "",
      "Examples:",
      "  raftq queue create orders --partitions 4 --visibility-timeout 1m --dedup-window 10m",
      "  raftq queue create orders-dlq --partitions 1",
      "  raftq queue create orders --partitions 4 --max-receives 5 --dead-letter orders-dlq",
      "  raftq queue create reminders --partitions 2 --delay 15m",
      "  raftq queue create payments --partitions 4 --fifo --max-receives 3 --dead-letter payments-dlq"
    })
final class QueueCreateCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String name;

  @Option(names = "--partitions", required = true, paramLabel = "N", description = "Number of partitions.")
  int partitions;

  @Option(names = "--replicas", paramLabel = "1|3|5", defaultValue = "3",
      description = "Nodes holding each partition (default: ${DEFAULT-VALUE}, or every node when there are fewer)."
          + " A write is acknowledged once a majority of them has it on disk.")
  int replicas;

  @Option(
      names = "--visibility-timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long a received message stays invisible to its group (default: ${DEFAULT-VALUE}).")
  Duration visibilityTimeout;

  @Option(
      names = "--dedup-window",
      defaultValue = "5m",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long a message id is remembered for deduplication (default: ${DEFAULT-VALUE}).")
  Duration dedupWindow;

  @Option(
      names = "--delay",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Hold back every message sent without its own delay this long (up to 365d; default: 0).")
  Duration delay;

  @Option(
      names = "--max-receives",
      defaultValue = "0",
      paramLabel = "N",
      description = "After N deliveries to a group without an ack, move the message to the --dead-letter queue"
          + " (1-1000; needs --dead-letter).")
  int maxReceives;

  @Option(
      names = "--dead-letter",
      paramLabel = "QUEUE",
      description = "Existing queue that receives messages delivered --max-receives times without an ack.")
  String deadLetter;

  @Option(
      names = "--fifo",
      description = "Deliver the messages of one key in order, one at a time per consumer group; other keys flow"
          + " in parallel. Every message needs a key. A key whose message is dead-lettered is parked (see"
          + " 'raftq queue parked').")
  boolean fifo;

  @Option(
      names = "--consumer-dedup-window",
      defaultValue = "5m",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long each consumer group remembers the ids it acked, so a message with such an id (say a"
          + " resend without producer dedup) is not handed to it again (default: ${DEFAULT-VALUE}; 0: off).")
  Duration consumerDedupWindow;

  @Option(
      names = "--retry-backoff",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "After a failed delivery (nack or expired lease) keep the message invisible this long, doubling"
          + " with each delivery, ±20% jitter (default: 0, off; a nack's own --delay applies when longer).")
  Duration retryBackoff;

  @Option(
      names = "--retry-backoff-max",
      defaultValue = "15m",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Cap of --retry-backoff (default: ${DEFAULT-VALUE}).")
  Duration retryBackoffMax;

  QueueCreateCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Checks.atLeast(spec, partitions, 1, "--partitions");
    Checks.require(spec, !visibilityTimeout.isZero(), "--visibility-timeout must be greater than 0");
    Checks.require(spec, (maxReceives > 0) == (deadLetter != null),
        "--max-receives and --dead-letter go together: give both or neither");
    Checks.require(spec, maxReceives >= 0 && maxReceives <= Limits.MAX_RECEIVES,
        "--max-receives must be 1.." + Limits.MAX_RECEIVES);
    Checks.require(spec, replicas == 1 || replicas == 3 || replicas == 5, "--replicas must be 1, 3 or 5");
    QueueOptions options = new QueueOptions(visibilityTimeout, dedupWindow, delay, maxReceives, deadLetter, fifo,
        consumerDedupWindow, retryBackoff, retryBackoffMax, replicas == 3 ? 0 : replicas);
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      client.admin().createQueue(name, partitions, options).join();
    }
    spec.commandLine()
        .getOut()
        .println("created queue '" + name + "' with " + partitions + " partition" + (partitions == 1 ? "" : "s"));
    return ExitCodes.OK;
  }
}
