package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq queue describe NAME}: settings and per-partition leader, replicas, depth and in-flight. */
@Command(
    name = "describe",
    description = "Show a queue's settings and each partition's leader, replicas, depth and in-flight count.",
    footer = {"", "Example:", "  raftq queue describe orders --json"})
final class QueueDescribeCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String name;

  @Option(names = "--json", description = "Print one JSON document instead of tables.")
  boolean json;

  QueueDescribeCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    QueueDescription description;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      description = client.admin().describeQueue(name).join();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(QueueJson.describe(description));
    } else {
      printTables(out, description);
    }
    return ExitCodes.OK;
  }

  private static void printTables(PrintWriter out, QueueDescription description) {
    QueueInfo q = description.queue();
    out.println("queue:              " + q.name());
    out.println("kind:               " + (q.settings().topic() ? "topic, retention "
        + DurationConverter.format(Duration.ofMillis(q.settings().retentionMs()))
        + (q.settings().retentionBytes() > 0 ? " or " + q.settings().retentionBytes() + " bytes per partition" : "")
        : "queue"));
    out.println("partitions:         " + q.partitions());
    out.println("visibility timeout: " + DurationConverter.format(Duration.ofMillis(q.visibilityTimeoutMs())));
    out.println("dedup window:       " + DurationConverter.format(Duration.ofMillis(q.dedupWindowMs())));
    long delayMs = q.settings().defaultDelayMs();
    out.println("default delay:      " + (delayMs == 0 ? "none" : DurationConverter.format(Duration.ofMillis(delayMs))));
    out.println("dead-letter queue:  " + (q.settings().hasDeadLetterQueue()
        ? q.settings().deadLetterQueue() + " after " + q.settings().maxReceives() + " receives" : "none"));
    out.println("order:              " + (q.settings().fifo() ? "FIFO per key" : "per partition"));
    out.println("replicas:           " + (q.settings().replicationFactor() == 0 ? "3 (default)"
        : String.valueOf(q.settings().replicationFactor())) + " per partition");
    out.println("retry backoff:      " + (q.settings().backoffBaseMs() == 0 ? "none"
        : DurationConverter.format(Duration.ofMillis(q.settings().backoffBaseMs())) + " doubling, up to "
            + DurationConverter.format(Duration.ofMillis(q.settings().backoffMaxMs()))));
    out.println("consumer dedup:     " + (q.settings().consumerDedupWindowMs() == 0 ? "off"
        : DurationConverter.format(Duration.ofMillis(q.settings().consumerDedupWindowMs()))));
    out.println("created:            " + Instant.ofEpochMilli(q.createdAtMs()));
    if (q.modifiedAtMs() != q.createdAtMs()) {
      out.println("last changed:       " + Instant.ofEpochMilli(q.modifiedAtMs()));
    }
    q.settings().attributes().forEach((k, v) -> out.println("attribute:          " + k + " = " + v));
    out.println();
    TextTable table = new TextTable("PARTITION", "LEADER", "REPLICAS", "DEPTH", "DELAYED", "IN-FLIGHT",
        "DEAD-LETTERED", "NEXT-OFFSET", "APPLIED-INDEX");
    for (PartitionInfo p : description.partitions()) {
      String leader = p.leaderNodeId() == null ? null : p.leaderNodeId() + " (" + p.leaderAddress() + ")";
      table.row(
          p.partition(),
          leader,
          String.join(",", p.replicas()),
          p.depth(),
          p.delayed(),
          p.inFlight(),
          p.deadLettersPending() == 0 ? Long.toString(p.deadLettersTotal())
              : p.deadLettersTotal() + " (" + p.deadLettersPending() + " moving)",
          p.nextOffset(),
          p.appliedIndex());
    }
    table.print(out);
  }
}
