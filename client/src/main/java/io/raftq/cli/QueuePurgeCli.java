package io.raftq.cli;

import io.raftq.client.RaftqClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq queue purge NAME}. */
@Command(
    name = "purge",
    description = {
      "Delete every message the queue holds for its consumer groups: ready, delayed and in flight (receipts"
          + " of leased messages stop working). The queue, its groups and settings stay; messages already on"
          + " their way to the dead-letter queue still arrive there."
    },
    footer = {"", "Example:", "  raftq queue purge orders"})
final class QueuePurgeCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String name;

  QueuePurgeCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    long removed;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      removed = client.admin().purgeQueue(name).join();
    }
    spec.commandLine().getOut().println("purged queue '" + name + "': " + removed + " message"
        + (removed == 1 ? "" : "s") + " deleted");
    return ExitCodes.OK;
  }
}
