package io.raftq.cli.bench;

import io.raftq.cli.ExitCodes;
import java.io.PrintWriter;

/** Prints the summary and maps it to an exit code: partial when anything failed or a count fell short. */
final class BenchOutput {
  private BenchOutput() {}

  static int finish(PrintWriter out, boolean json, BenchSummary summary) {
    if (json) {
      out.println(BenchReport.json(summary));
    } else {
      BenchReport.printText(out, summary);
    }
    out.flush();
    return summary.failed() > 0 || !summary.complete() ? ExitCodes.PARTIAL : ExitCodes.OK;
  }
}
