package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.client.RedriveFilter;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.Response;
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

/** {@code raftq dlq list QUEUE}: the stored messages of a (dead-letter) queue, leasing nothing. */
@Command(
    name = "list",
    description = {
      "Print the messages a dead-letter queue holds, one JSON object per line, with their history in the"
          + " raftq-dead-letter-* headers (source queue, group, deliveries, last nack reason). Leases nothing:"
          + " consumers of the queue are not affected. Works on any queue."
    },
    footer = {"", "Example:", "  raftq dlq list orders-dlq --key customer-42 --limit 20"})
final class DlqListCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "The dead-letter queue.")
  String queue;

  @Option(names = "--id", paramLabel = "ID", description = "Only messages with this id (repeatable).")
  Set<String> ids;

  @Option(names = "--key", paramLabel = "KEY", description = "Only messages with this key.")
  String key;

  @Option(names = "--older-than", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Only messages stored in the queue longer ago than this.")
  Duration olderThan;

  @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
      description = "Print at most N messages (default: ${DEFAULT-VALUE}; 0: all).")
  long limit;

  DlqListCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Checks.require(spec, limit >= 0, "--limit must not be negative");
    RedriveFilter filter = new RedriveFilter(ids, key, olderThan);
    PrintWriter out = spec.commandLine().getOut();
    long printed = 0;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      QueueDescription d = client.admin().describeQueue(queue).join();
      for (int p = 0; p < d.queue().partitions() && (limit == 0 || printed < limit); p++) {
        long from = 0;
        while (limit == 0 || printed < limit) {
          Response.Browsed page = client.admin().browse(queue, p, from, 100).join();
          for (Delivery m : page.messages()) {
            if ((limit == 0 || printed < limit) && filter.matches(m, System.currentTimeMillis())) {
              out.println(DeliveryJson.stored(m));
              printed++;
            }
          }
          if (page.messages().isEmpty() || page.nextOffset() <= from) {
            break;
          }
          from = page.nextOffset();
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
