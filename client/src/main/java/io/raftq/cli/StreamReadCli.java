package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.client.StreamReader;
import io.raftq.protocol.Delivery;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq stream read NAME --group G}: the next messages of a stream group, then a commit. */
@Command(
    name = "read",
    description = {
      "Print up to --max messages per partition from stream group GROUP's committed offsets, in offset order,"
          + " one JSON line each, then commit past them (unless --no-commit). Leases nothing: queue groups and"
          + " other stream groups are not affected."
    },
    footer = {"", "Example:", "  raftq stream read events --group analytics --max 100"})
final class StreamReadCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Topic or queue name.")
  String name;

  @Option(names = "--group", required = true, paramLabel = "GROUP", description = "Stream group.")
  String group;

  @Option(names = "--max", defaultValue = "10", paramLabel = "N",
      description = "At most N messages per partition (1-1000, default: ${DEFAULT-VALUE}).")
  int max;

  @Option(names = "--no-commit", description = "Do not move the group's committed offsets.")
  boolean noCommit;

  StreamReadCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Checks.require(spec, max >= 1 && max <= 1000, "--max must be 1..1000");
    PrintWriter out = spec.commandLine().getOut();
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      StreamReader reader = new StreamReader(client, name, group);
      for (Delivery d : reader.poll(max)) {
        out.println(DeliveryJson.stored(d));
      }
      out.flush();
      if (!noCommit) {
        reader.commit();
      }
    }
    return ExitCodes.OK;
  }
}
