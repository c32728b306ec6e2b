package io.raftq.chaos.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code index.html} over a directory of runs: one row per subdirectory holding a {@value RunReport#RESULTS_FILE},
 * in name order, with its verdict, the headline counts and links to its report and history, so a nightly job's
 * failures are one click away.
 */
public final class IndexHtml {
  public static final String INDEX_FILE = "index.html";

  private IndexHtml() {}

  /** Writes {@code runsDir/index.html}, replacing it, and returns its path. */
  public static Path write(Path runsDir) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append("<title>chaos runs</title><style>body{font-family:sans-serif;margin:1.5em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}td.n{text-align:right}")
        .append(".verdict{color:#fff;padding:2px 8px;border-radius:3px}</style></head><body>\n<h1>Chaos runs</h1>\n")
        .append("<table>\n<tr><th>run</th><th>scenario</th><th>seed</th><th>verdict</th>");
    ResultsJson.HEADLINE_COUNTS.forEach(name -> html.append("<th>").append(name).append("</th>"));
    html.append("<th>files</th></tr>\n");
    for (Path runDir : runDirs(runsDir)) {
      row(html, runDir.getFileName().toString(), ResultsJson.read(runDir.resolve(RunReport.RESULTS_FILE)));
    }
    Path index = runsDir.resolve(INDEX_FILE);
    Html.write(index, html.append("</table>\n</body></html>\n").toString());
    return index;
  }

  private static List<Path> runDirs(Path runsDir) {
    try (Stream<Path> children = Files.list(runsDir)) {
      return children.filter(dir -> Files.isRegularFile(dir.resolve(RunReport.RESULTS_FILE))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + runsDir, e);
    }
  }

  private static void row(StringBuilder html, String run, ResultsJson.Headline headline) {
    String href = URLEncoder.encode(run, StandardCharsets.UTF_8).replace("+", "%20") + "/";
    html.append("<tr><td>").append(Html.escape(run)).append("</td><td>").append(Html.escape(headline.scenario()))
        .append("</td><td class=\"n\">").append(headline.seed()).append("</td><td>")
        .append(ReportHtml.verdict(headline.valid())).append("</td>");
    for (String name : ResultsJson.HEADLINE_COUNTS) {
      Long count = headline.counts().get(name);
      html.append("<td class=\"n\">").append(count == null ? "" : count).append("</td>");
    }
    html.append("<td><a href=\"").append(Html.escape(href + RunReport.REPORT_FILE)).append("\">report</a> <a href=\"")
        .append(Html.escape(href + RunReport.HISTORY_FILE)).append("\">history</a></td></tr>\n");
  }
}
