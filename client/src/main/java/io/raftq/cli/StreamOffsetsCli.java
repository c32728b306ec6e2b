package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.Response;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq stream offsets NAME --group G}: committed offsets and lag per partition. */
@Command(
    name = "offsets",
    description = "Show a stream group's committed offset, the stored range and the lag of each partition.",
    footer = {"", "Example:", "  raftq stream offsets events --group analytics --json"})
final class StreamOffsetsCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Topic or queue name.")
  String name;

  @Option(names = "--group", required = true, paramLabel = "GROUP", description = "Stream group.")
  String group;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  StreamOffsetsCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TextTable table = new TextTable("PARTITION", "COMMITTED", "FIRST", "NEXT", "LAG");
    JsonWriter w = new JsonWriter().beginObject().field("name", name).field("group", group).name("partitions")
        .beginArray();
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      int partitions = client.admin().describeQueue(name).join().queue().partitions();
      for (int p = 0; p < partitions; p++) {
        Response.Position pos = client.admin().streamPosition(name, group, p).join();
        long lag = pos.next() - Math.max(pos.committed(), pos.first());
        table.row(p, pos.committed() < 0 ? "-" : Long.toString(pos.committed()), pos.first(), pos.next(), lag);
        w.beginObject().field("partition", p).field("committed", pos.committed()).field("first", pos.first())
            .field("next", pos.next()).field("lag", lag).endObject();
      }
    }
    if (json) {
      out.println(w.endArray().endObject());
    } else {
      table.print(out);
    }
    return ExitCodes.OK;
  }
}
