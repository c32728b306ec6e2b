package io.raftq.cli;

import io.raftq.protocol.Receipt;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments every settling command takes: {@code NAME --group G RECEIPT...}. */
final class ReceiptArgs {
  @Parameters(index = "0", paramLabel = "NAME", description = "Queue name.")
  String queue;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "RECEIPT",
      converter = ReceiptConverter.class,
      description = "Receipts as printed by receive (<partition>-<offset>-<epoch>).")
  List<Receipt> receipts;

  @Option(names = "--group", required = true, paramLabel = "GROUP", description = "Consumer group.")
  String group;
}
