package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.client.StreamReader;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq stream seek NAME --group G (--to-beginning | --to-end | --to-time T | --to-offset N --partition P)}. */
@Command(
    name = "seek",
    description = "Move a stream group's committed offsets: to the oldest stored message, past the newest, to the"
        + " first message enqueued at or after a time, or to an offset of one partition. Unlike a commit, a seek"
        + " may move backwards (the group then reads messages again).",
    footer = {"", "Examples:", "  raftq stream seek events --group analytics --to-time 2026-12-01T00:00:00Z",
        "  raftq stream seek events --group analytics --to-offset 120 --partition 2"})
final class StreamSeekCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Topic or queue name.")
  String name;

  @Option(names = "--group", required = true, paramLabel = "GROUP", description = "Stream group.")
  String group;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--to-beginning", description = "The oldest stored message of every partition.")
    boolean beginning;

    @Option(names = "--to-end", description = "Past the newest message of every partition.")
    boolean end;

    @Option(names = "--to-time", paramLabel = "ISO-8601", description = "The first message enqueued at or after.")
    Instant time;

    @Option(names = "--to-offset", paramLabel = "OFFSET", description = "An offset of --partition.")
    Long offset;
  }

  @Option(names = "--partition", paramLabel = "P", description = "The partition of --to-offset.")
  Integer partition;

  StreamSeekCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Checks.require(spec, (target.offset != null) == (partition != null), "--to-offset needs --partition");
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      StreamReader reader = new StreamReader(client, name, group);
      if (target.beginning) {
        reader.seekToBeginning();
      } else if (target.end) {
        reader.seekToEnd();
      } else if (target.time != null) {
        reader.seekToTime(target.time);
      } else {
        reader.seek(partition, target.offset);
      }
      long[] positions = reader.positions();
      StringBuilder sb = new StringBuilder("stream group '" + group + "' of '" + name + "' now at");
      for (int p = 0; p < positions.length; p++) {
        sb.append(p == 0 ? " " : ", ").append(p).append(':').append(positions[p]);
      }
      spec.commandLine().getOut().println(sb);
    }
    return ExitCodes.OK;
  }
}
