package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.protocol.ReceiptOutcome;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raftq ack NAME --group G RECEIPT...}. */
@Command(
    name = "ack",
    description = {
      "Acknowledge received messages: they are done for the group. Prints {\"receipt\",\"outcome\"} per receipt"
          + " (OK, ALREADY_ACKED or INVALID = leased again since); exit code 3 if any is INVALID. With --result,"
          + " the text (up to 1 KiB) is stored with the message's id in the group's consumer dedup table, where"
          + " 'raftq message processed' finds it."
    },
    footer = {"", "Examples:", "  raftq ack orders --group billing 0-17-42 3-5-43",
        "  raftq ack orders --group billing --result 'invoice 9913' 0-17-42"})
final class AckCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Mixin ReceiptArgs args;

  @Option(names = "--result", paramLabel = "TEXT",
      description = "Store this result with each acked message's id (see 'raftq message processed').")
  String result;

  AckCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<ReceiptOutcome> outcomes;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      if (result == null) {
        outcomes = client.consumer().ack(args.queue, args.group, args.receipts).join();
      } else {
        byte[] bytes = result.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Checks.require(spec, bytes.length <= io.raftq.protocol.Limits.MAX_RESULT_BYTES,
            "--result must be at most " + io.raftq.protocol.Limits.MAX_RESULT_BYTES + " UTF-8 bytes");
        outcomes = new java.util.ArrayList<>();
        for (io.raftq.protocol.Receipt r : args.receipts) {
          outcomes.add(client.consumer().ack(args.queue, args.group, r, bytes).join());
        }
      }
    }
    return ReceiptOutcomes.print(spec.commandLine().getOut(), args.receipts, outcomes);
  }
}
