package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.QueueInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code raftq queue list}: a table, or one JSON document with {@code --json}. */
@Command(
    name = "list",
    description = "List queues (the same answer from every node: a linearizable read).",
    footer = {"", "Example:", "  raftq queue list --json"})
final class QueueListCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  QueueListCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<QueueInfo> queues;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      queues = client.admin().listQueues().join();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(QueueJson.list(queues));
    } else {
      printTable(out, queues);
    }
    return ExitCodes.OK;
  }

  private static void printTable(PrintWriter out, List<QueueInfo> queues) {
    if (queues.isEmpty()) {
      out.println("no queues");
      return;
    }
    TextTable table = new TextTable("NAME", "PARTITIONS", "VISIBILITY-TIMEOUT", "DEDUP-WINDOW", "CREATED");
    for (QueueInfo q : queues) {
      table.row(
          q.name(),
          q.partitions(),
          DurationConverter.format(Duration.ofMillis(q.visibilityTimeoutMs())),
          DurationConverter.format(Duration.ofMillis(q.dedupWindowMs())),
          Instant.ofEpochMilli(q.createdAtMs()));
    }
    table.print(out);
  }
}
