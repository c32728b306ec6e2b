package io.raftq.chaos.report;

import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryJsonl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one call a scenario makes when it finishes: every report file of a run, into the run's directory. */
public final class RunReport {
  public static final String HISTORY_FILE = "history.jsonl";
  public static final String RESULTS_FILE = "results.json";
  public static final String REPORT_FILE = "report.html";

  private RunReport() {}

  /**
   * Writes {@value #HISTORY_FILE}, {@value #RESULTS_FILE} and {@value #REPORT_FILE} into {@code runDir}, creating
   * it if needed and replacing earlier files.
   *
   * @return the path of {@value #REPORT_FILE}, for the test to print
   */
  public static Path write(Path runDir, History history, RunSummary summary) {
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + runDir, e);
    }
    HistoryJsonl.write(history, runDir.resolve(HISTORY_FILE));
    ResultsJson.write(runDir.resolve(RESULTS_FILE), history, summary);
    Path report = runDir.resolve(REPORT_FILE);
    ReportHtml.write(report, history, summary);
    return report;
  }
}
