package io.raftq.cli;

import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.io.PrintWriter;
import java.util.List;

/** Output and exit code shared by {@code ack} and {@code nack}. */
final class ReceiptOutcomes {
  private ReceiptOutcomes() {}

  /** Prints {@code {"receipt","outcome"}} per receipt; {@link ExitCodes#PARTIAL} if any is INVALID. */
  static int print(PrintWriter out, List<Receipt> receipts, List<ReceiptOutcome> outcomes) {
    if (outcomes.size() != receipts.size()) {
      throw new IllegalStateException(
          "client returned " + outcomes.size() + " outcomes for " + receipts.size() + " receipts");
    }
    boolean anyInvalid = false;
    for (int i = 0; i < receipts.size(); i++) {
      ReceiptOutcome outcome = outcomes.get(i);
      anyInvalid |= outcome == ReceiptOutcome.INVALID;
      out.println(
          new JsonWriter()
              .beginObject()
              .field("receipt", receipts.get(i).encode())
              .field("outcome", outcome.name())
              .endObject());
    }
    return anyInvalid ? ExitCodes.PARTIAL : ExitCodes.OK;
  }
}
