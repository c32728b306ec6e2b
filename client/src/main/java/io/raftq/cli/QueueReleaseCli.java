package io.raftq.cli;

import io.raftq.client.RaftqClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq queue release NAME --group G --key K [--skip]}: unparks a key of a FIFO queue. */
@Command(
    name = "release",
    description = {
      "Unpark a key of a FIFO queue for one consumer group: its next held message becomes deliverable, in order."
          + " With --skip, every message the key holds back goes to the dead-letter queue instead (in order), and"
          + " the key starts afresh with the next message sent."
    },
    footer = {"", "Examples:", "  raftq queue release payments --group billing --key customer-42",
        "  raftq queue release payments --group billing --key customer-42 --skip"})
final class QueueReleaseCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String name;

  @Option(names = "--group", required = true, paramLabel = "GROUP", description = "Consumer group.")
  String group;

  @Option(names = "--key", required = true, paramLabel = "KEY", description = "The parked key.")
  String key;

  @Option(names = "--skip", description = "Dead-letter the key's held messages instead of releasing them.")
  boolean skip;

  QueueReleaseCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    long n;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      n = client.admin().releaseKey(name, group, key, skip).join();
    }
    spec.commandLine().getOut().println(n == 0 ? "key '" + key + "' was not parked for group '" + group + "'"
        : skip ? "skipped key '" + key + "': " + n + " held message(s) moved to the dead-letter queue"
        : "released key '" + key + "': its next message is deliverable");
    return ExitCodes.OK;
  }
}
