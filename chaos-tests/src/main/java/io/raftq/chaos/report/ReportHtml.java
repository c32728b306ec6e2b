package io.raftq.chaos.report;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.FaultWindows.Window;
import io.raftq.chaos.history.FaultWindows;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.OpType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html}, the page a person reads after a run: the header block (identity, verdict, reproduce command,
 * op counts, every checker's counts and examples), then the latency and throughput charts with fault windows
 * shaded. Self-contained: inline CSS and SVG, no scripts, nothing fetched, so it opens from a CI artifact as is.
 */
public final class ReportHtml {
  private static final String STYLE = "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
      + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}td.n{text-align:right}"
      + "pre{background:#f4f4f4;padding:6px}.verdict{color:#fff;padding:2px 8px;border-radius:3px}";

  private ReportHtml() {}

  /** Writes {@code file}, replacing it. */
  public static void write(Path file, History history, RunSummary summary) {
    Html.write(file, render(history, summary));
  }

  static String render(History history, RunSummary summary) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(summary.scenario() + " seed " + summary.seed())).append("</title><style>")
        .append(STYLE).append("</style></head><body>\n");
    header(html, summary);
    opCounts(html, OpCounts.of(history));
    faultWindows(html, FaultWindows.of(history));
    html.append("<h2>Charts</h2>\n").append(LatencyChart.svg(history)).append(ThroughputChart.svg(history));
    html.append("<h2>Checkers</h2>\n");
    summary.results().forEach(result -> checker(html, result));
    return html.append("</body></html>\n").toString();
  }

  private static void header(StringBuilder html, RunSummary s) {
    html.append("<h1>").append(Html.escape(s.scenario())).append(' ').append(verdict(s.valid())).append("</h1>\n")
        .append("<table>\n");
    row(html, "seed", Long.toString(s.seed()));
    row(html, "git sha", s.gitSha());
    row(html, "nodes", Integer.toString(s.nodes()));
    row(html, "started", s.started());
    row(html, "ended", s.ended());
    row(html, "main phase", s.mainPhase().toMillis() / 1000.0 + " s");
    html.append("</table>\n<p>Reproduce:</p><pre>").append(Html.escape(s.reproduce())).append("</pre>\n");
  }

  private static void row(StringBuilder html, String name, String value) {
    html.append("<tr><th>").append(name).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
  }

  /** A coloured badge; the colours are Jepsen's ok and fail. */
  static String verdict(boolean valid) {
    return "<span class=\"verdict\" style=\"background:" + Palette.verdict(valid) + "\">"
        + (valid ? "valid" : "INVALID") + "</span>";
  }

  private static void opCounts(StringBuilder html, Map<String, Map<OpType, Long>> counts) {
    html.append("<h2>Ops</h2>\n<table><tr><th>f</th>");
    for (OpType type : OpType.values()) {
      html.append("<th>").append(type.jsonName()).append("</th>");
    }
    html.append("</tr>\n");
    counts.forEach((f, byType) -> {
      html.append("<tr><td>").append(Html.escape(f)).append("</td>");
      byType.values().forEach(n -> html.append("<td class=\"n\">").append(n).append("</td>"));
      html.append("</tr>\n");
    });
    html.append("</table>\n");
  }

  private static void faultWindows(StringBuilder html, List<Window> windows) {
    html.append("<h2>Faults</h2>\n<table><tr><th>nemesis</th><th>kind</th><th>from (s)</th><th>to (s)</th></tr>\n");
    for (Window w : windows) {
      html.append("<tr><td>").append(Html.escape(w.nemesis())).append("</td><td>").append(Html.escape(w.kind()))
          .append("</td><td class=\"n\">").append(Axis.format(SvgPlot.seconds(w.startNanos())))
          .append("</td><td class=\"n\">").append(Axis.format(SvgPlot.seconds(w.endNanos()))).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void checker(StringBuilder html, CheckResult result) {
    html.append("<h3>").append(Html.escape(result.checker())).append(' ').append(verdict(result.valid()))
        .append("</h3>\n<table>\n");
    new TreeMap<>(result.counts()).forEach((name, n) ->
        html.append("<tr><td>").append(Html.escape(name)).append("</td><td class=\"n\">").append(n)
            .append("</td></tr>\n"));
    html.append("</table>\n");
    new TreeMap<>(result.examples()).forEach((anomaly, examples) -> {
      List<String> shown = examples.subList(0, Math.min(examples.size(), CheckResult.MAX_EXAMPLES));
      html.append("<p>").append(Html.escape(anomaly)).append(" examples (up to ").append(CheckResult.MAX_EXAMPLES)
          .append("):</p>\n<ul>\n");
      shown.forEach(e -> html.append("<li><code>").append(Html.escape(e)).append("</code></li>\n"));
      html.append("</ul>\n");
    });
  }
}
