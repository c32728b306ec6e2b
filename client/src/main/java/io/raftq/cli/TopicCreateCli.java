package io.raftq.cli;

import io.raftq.client.RaftqClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq topic create NAME --partitions N --retention D [--retention-bytes N]}. */
@Command(
    name = "create",
    description = {
      "Create a topic: every consumer group reads every message, and messages stay until older than --retention"
          + " or (with --retention-bytes) beyond that many payload bytes per partition, whatever the groups did."
          + " Queue groups use 'raftq receive'/'ack' as on a queue; stream groups use 'raftq stream read'."
    },
    footer = {"", "Example:", "  raftq topic create events --partitions 4 --retention 7d --retention-bytes 10000000000"})
final class TopicCreateCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Topic name.")
  String name;

  @Option(names = "--partitions", required = true, paramLabel = "N", description = "Number of partitions.")
  int partitions;

  @Option(names = "--retention", defaultValue = "7d", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Keep messages this long (default: ${DEFAULT-VALUE}).")
  Duration retention;

  @Option(names = "--retention-bytes", defaultValue = "0", paramLabel = "BYTES",
      description = "Also delete the oldest messages while a partition holds more payload bytes (default: 0, no"
          + " limit).")
  long retentionBytes;

  TopicCreateCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Checks.atLeast(spec, partitions, 1, "--partitions");
    Checks.require(spec, retentionBytes >= 0, "--retention-bytes must not be negative");
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      client.admin().createTopic(name, partitions, retention, retentionBytes).join();
    }
    spec.commandLine().getOut().println("created topic '" + name + "' with " + partitions + " partition"
        + (partitions == 1 ? "" : "s") + ", retention " + DurationConverter.format(retention)
        + (retentionBytes > 0 ? " or " + retentionBytes + " bytes per partition" : ""));
    return ExitCodes.OK;
  }
}
