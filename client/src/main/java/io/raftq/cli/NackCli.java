package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.ReceiptOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code raftq nack NAME --group G [--delay D] RECEIPT...}. */
@Command(
    name = "nack",
    description = {
      "Give received messages back: they become visible to the group again after --delay. Prints"
          + " {\"receipt\",\"outcome\"} per receipt (OK or INVALID); exit code 3 if any is INVALID."
    },
    footer = {"", "Example:", "  raftq nack orders --group billing --delay 10s --reason 'payment API 503' 0-17-42"})
final class NackCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Mixin ReceiptArgs args;

  @Option(
      names = "--delay",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Visible again after this long (default: 0, at once).")
  Duration delay;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (up to 1 KiB); kept with the message and shown in its dead-letter history.")
  String reason;

  NackCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<ReceiptOutcome> outcomes;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      outcomes = client.consumer().nack(args.queue, args.group, args.receipts, delay, reason).join();
    }
    return ReceiptOutcomes.print(spec.commandLine().getOut(), args.receipts, outcomes);
  }
}
