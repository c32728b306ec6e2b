package io.raftq.cli;

import io.raftq.client.RaftqClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq queue delete NAME}. */
@Command(
    name = "delete",
    description = "Delete a queue and all its messages on every node.",
    footer = {"", "Example:", "  raftq queue delete orders"})
final class QueueDeleteCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String name;

  QueueDeleteCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      client.admin().deleteQueue(name).join();
    }
    spec.commandLine().getOut().println("deleted queue '" + name + "'");
    return ExitCodes.OK;
  }
}
