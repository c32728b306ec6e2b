package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.client.Redrive;
import io.raftq.client.RedriveFilter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftq dlq redrive QUEUE}: moves dead letters back to their source queue. */
@Command(
    name = "redrive",
    description = {
      "Move messages from a dead-letter queue back to the queue each came from (or to --to), with their id,"
          + " key, payload and headers; the dead-letter history headers are dropped and deliveries start again."
          + " A message leaves the dead-letter queue only after the target acknowledged it; a redrive cut short"
          + " and run again moves nothing twice. Prints {\"id\",\"partition\",\"offset\",\"to\",\"outcome\"} per"
          + " message (MOVED, WOULD_MOVE with --dry-run, NO_TARGET when neither --to nor a source is known)."
    },
    footer = {
      "",
      "Examples:",
      "  raftq dlq redrive orders-dlq --dry-run",
      "  raftq dlq redrive orders-dlq --key customer-42 --rate 50",
      "  raftq dlq redrive orders-dlq --older-than 1h --to orders-retry"
    })
final class DlqRedriveCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "The dead-letter queue to move messages out of.")
  String queue;

  @Option(names = "--to", paramLabel = "QUEUE",
      description = "Send every message here instead of to the queue it was dead-lettered from.")
  String target;

  @Option(names = "--id", paramLabel = "ID", description = "Only messages with this id (repeatable).")
  Set<String> ids;

  @Option(names = "--key", paramLabel = "KEY", description = "Only messages with this key.")
  String key;

  @Option(names = "--older-than", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Only messages that have been in the dead-letter queue longer than this.")
  Duration olderThan;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
      description = "Move at most N messages (default: 0, all that match).")
  long limit;

  @Option(names = "--rate", defaultValue = "100", paramLabel = "PER_SECOND",
      description = "Move at most this many messages per second (default: ${DEFAULT-VALUE}; 0: unlimited).")
  double rate;

  @Option(names = "--dry-run", description = "Report what would move; change nothing.")
  boolean dryRun;

  DlqRedriveCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    Checks.require(spec, limit >= 0, "--limit must not be negative");
    Checks.require(spec, rate >= 0, "--rate must not be negative");
    PrintWriter out = spec.commandLine().getOut();
    long[] counts = new long[Redrive.Outcome.values().length];
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      Redrive.Options options =
          new Redrive.Options(queue, target, new RedriveFilter(ids, key, olderThan), limit, rate, dryRun);
      new Redrive(client, System::currentTimeMillis).run(options, e -> {
        counts[e.outcome().ordinal()]++;
        out.println(new JsonWriter().beginObject()
            .field("id", e.message().id())
            .field("partition", e.message().partition())
            .field("offset", e.message().offset())
            .field("to", e.target())
            .field("outcome", e.outcome().name())
            .endObject());
      });
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.println((dryRun ? "would move " + counts[Redrive.Outcome.WOULD_MOVE.ordinal()]
        : "moved " + counts[Redrive.Outcome.MOVED.ordinal()]) + " message(s) out of '" + queue + "'"
        + (counts[Redrive.Outcome.NO_TARGET.ordinal()] > 0
            ? "; " + counts[Redrive.Outcome.NO_TARGET.ordinal()] + " without a known source (give --to)" : ""));
    err.flush();
    return counts[Redrive.Outcome.NO_TARGET.ordinal()] > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
  }
}
