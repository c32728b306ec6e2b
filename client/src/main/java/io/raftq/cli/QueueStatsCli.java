package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.PartitionStatsInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq queue stats NAME}: per partition and consumer group figures. */
@Command(
    name = "stats",
    description = {
      "Show, per partition and consumer group, messages ready, in flight, delayed and held (FIFO), parked keys,"
          + " dead letters, the age of the oldest stored message, and each stream group's committed offset and lag,"
          + " as each partition's leader holds them."
    },
    footer = {"", "Example:", "  raftq queue stats orders --json"})
final class QueueStatsCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String name;

  @Option(names = "--json", description = "Print one JSON document instead of tables.")
  boolean json;

  QueueStatsCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<PartitionStatsInfo> stats;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      stats = client.admin().queueStats(name).join();
    }
    long now = System.currentTimeMillis();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonWriter w = new JsonWriter().beginObject().field("queue", name).name("partitions").beginArray();
      for (PartitionStatsInfo p : stats) {
        w.beginObject().field("partition", p.partition()).field("depth", p.depth()).field("delayed", p.delayed())
            .field("deadLettersPending", p.deadLettersPending()).field("deadLettersTotal", p.deadLettersTotal())
            .field("oldestEnqueuedAtMs", p.oldestEnqueuedAtMs()).name("groups").beginArray();
        for (PartitionStatsInfo.GroupStatsInfo g : p.groups()) {
          w.beginObject().field("group", g.group()).field("ready", g.ready()).field("inFlight", g.inFlight())
              .field("delayed", g.delayed()).field("held", g.held()).field("parkedKeys", g.parkedKeys()).endObject();
        }
        w.endArray().name("streamGroups").beginArray();
        for (PartitionStatsInfo.StreamGroupInfo g : p.streams()) {
          w.beginObject().field("group", g.group()).field("committed", g.committed()).field("lag", p.lagOf(g))
              .endObject();
        }
        w.endArray().endObject();
      }
      out.println(w.endArray().endObject());
      return ExitCodes.OK;
    }
    TextTable partitions = new TextTable("PARTITION", "DEPTH", "DELAYED", "DEAD-LETTERED", "OLDEST-AGE");
    TextTable groups = new TextTable("PARTITION", "GROUP", "READY", "IN-FLIGHT", "DELAYED", "HELD", "PARKED-KEYS");
    TextTable streams = new TextTable("PARTITION", "STREAM-GROUP", "COMMITTED", "LAG");
    for (PartitionStatsInfo p : stats) {
      partitions.row(p.partition(), p.depth(), p.delayed(),
          p.deadLettersTotal() + (p.deadLettersPending() > 0 ? " (" + p.deadLettersPending() + " moving)" : ""),
          p.oldestEnqueuedAtMs() < 0 ? "-"
              : DurationConverter.format(Duration.ofMillis(Math.max(0, now - p.oldestEnqueuedAtMs()) / 1000 * 1000)));
      p.groups().forEach(g -> groups.row(p.partition(), g.group(), g.ready(), g.inFlight(), g.delayed(), g.held(),
          g.parkedKeys()));
      p.streams().forEach(g -> streams.row(p.partition(), g.group(), g.committed(), p.lagOf(g)));
    }
    partitions.print(out);
    out.println();
    groups.print(out);
    if (stats.stream().anyMatch(p -> !p.streams().isEmpty())) {
      out.println();
      streams.print(out);
    }
    return ExitCodes.OK;
  }
}
