package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.ParkedKeyInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq queue parked NAME}: the parked keys of a FIFO queue. */
@Command(
    name = "parked",
    description = {
      "List the parked keys of a FIFO queue: keys whose oldest message went to the dead-letter queue, so their"
          + " later messages are held back in order until 'raftq queue release' lets them go or skips them."
    },
    footer = {"", "Example:", "  raftq queue parked payments"})
final class QueueParkedCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String name;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  QueueParkedCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<ParkedKeyInfo> keys;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      keys = client.admin().parkedKeys(name).join();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonWriter w = new JsonWriter().beginObject().name("parked").beginArray();
      for (ParkedKeyInfo k : keys) {
        w.beginObject().field("partition", k.partition()).field("group", k.group()).field("key", k.key())
            .field("held", k.held()).endObject();
      }
      out.println(w.endArray().endObject());
    } else if (keys.isEmpty()) {
      out.println("no parked keys");
    } else {
      TextTable table = new TextTable("PARTITION", "GROUP", "KEY", "HELD");
      keys.forEach(k -> table.row(k.partition(), k.group(), k.key(), k.held()));
      table.print(out);
    }
    return ExitCodes.OK;
  }
}
