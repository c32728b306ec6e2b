package io.raftq.chaos.report;

import static io.raftq.chaos.report.Runs.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryBuilder;
import io.raftq.chaos.history.HistoryJsonl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class IndexHtmlTest {
  private final History history = HistoryBuilder.withLogicalClock()
      .invoke("0", Fn.SEND, send("a")).ok("0", Map.of("partition", 0L, "offset", 0L))
      .build();

  @Test
  void listsEachRunWithVerdictHeadlineCountsAndLinks(@TempDir Path runs) throws Exception {
    CheckResult liveness = new CheckResult("liveness", true, Map.of("max-recovery-ms", 1_234L), Map.of());
    RunReport.write(runs.resolve("b-kill-7"), history,
        Runs.summary("kill-leader", 7, Runs.totalQueue(false, 3, List.of("m1")), liveness));
    RunReport.write(runs.resolve("a-none-1"), history, Runs.summary("none", 1, Runs.totalQueue(true, 0, List.of())));
    Files.createDirectories(runs.resolve("crashed-before-results"));

    String html = Files.readString(IndexHtml.write(runs));

    assertThat(html).contains(
        "<a href=\"a-none-1/report.html\">report</a> <a href=\"a-none-1/history.jsonl\">history</a>",
        "<a href=\"b-kill-7/report.html\">report</a> <a href=\"b-kill-7/history.jsonl\">history</a>",
        "<td>kill-leader</td><td class=\"n\">7</td><td>"
            + "<span class=\"verdict\" style=\"background:#FF1E90\">INVALID</span></td>"
            + "<td class=\"n\">10</td><td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">0</td>"
            + "<td class=\"n\">1234</td>",
        "<td>none</td><td class=\"n\">1</td><td>"
            + "<span class=\"verdict\" style=\"background:#81BFFC\">valid</span></td>")
        .doesNotContain("crashed-before-results");
    assertThat(html.indexOf("a-none-1")).isLessThan(html.indexOf("b-kill-7"));
  }

  @Test
  void runReportWritesEveryFileOfARun(@TempDir Path runs) {
    Path report = RunReport.write(runs.resolve("r"), history, Runs.summary("none", 1));

    assertThat(report).isEqualTo(runs.resolve("r/report.html")).isRegularFile();
    assertThat(runs.resolve("r/results.json")).isRegularFile();
    assertThat(HistoryJsonl.read(runs.resolve("r/history.jsonl")).ops()).isEqualTo(history.ops());
  }
}
