package io.raftq.cli;

import io.raftq.client.QueueOptions;
import io.raftq.client.RaftqClient;
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
      "Example:",
      "  raftq queue create orders --partitions 4 --visibility-timeout 1m --dedup-window 10m"
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

  QueueCreateCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Checks.atLeast(spec, partitions, 1, "--partitions");
    Checks.require(spec, !visibilityTimeout.isZero(), "--visibility-timeout must be greater than 0");
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      client.admin().createQueue(name, partitions, new QueueOptions(visibilityTimeout, dedupWindow)).join();
    }
    spec.commandLine()
        .getOut()
        .println("created queue '" + name + "' with " + partitions + " partition" + (partitions == 1 ? "" : "s"));
    return ExitCodes.OK;
  }
}
