package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.ReceiptOutcome;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq ack NAME --group G RECEIPT...}. */
@Command(
    name = "ack",
    description = {
      "Acknowledge received messages: they are done for the group. Prints {\"receipt\",\"outcome\"} per receipt"
          + " (OK, ALREADY_ACKED or INVALID = leased again since); exit code 3 if any is INVALID."
    },
    footer = {"", "Example:", "  raftq ack orders --group billing 0-17-42 3-5-43"})
final class AckCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Mixin ReceiptArgs args;

  AckCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<ReceiptOutcome> outcomes;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      outcomes = client.consumer().ack(args.queue, args.group, args.receipts).join();
    }
    return ReceiptOutcomes.print(spec.commandLine().getOut(), args.receipts, outcomes);
  }
}
