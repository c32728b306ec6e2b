package io.raftq.chaos.report;

import static io.raftq.chaos.report.Runs.nemesis;
import static io.raftq.chaos.report.Runs.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.FaultWindows;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.OpType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ReportHtmlTest {
  /** 100 ms per op: a 1.8 s run with a healed partition, an unhealed kill, and ok, fail and info sends. */
  private final History history = Runs.everyMs(100)
      .invoke("0", Fn.SEND, send("a")).ok("0", Map.of("partition", 0L, "offset", 0L))
      .nemesis(Fn.FAULT, nemesis("part", "partition"))
      .invoke("0", Fn.SEND, send("b")).fail("0", "NOT_LEADER")
      .invoke("1", Fn.SEND, send("c")).info("1", "timeout")
      .invoke("0", Fn.SEND, send("d")).fail("0", "NOT_LEADER")
      .nemesis(Fn.HEAL, nemesis("part", "partition"))
      .invoke("0", Fn.SEND, send("e")).ok("0", Map.of("partition", 0L, "offset", 1L))
      .nemesis(Fn.FAULT, nemesis("killer", "kill"))
      .invoke("2", Fn.RECEIVE, Map.of()).ok("2", Map.of("msgs", List.of()))
      .invoke("0", Fn.SEND, send("f"))
      .build();

  private final RunSummary summary = Runs.summary("partition-<leader>", 42,
      Runs.totalQueue(false, 1, List.of("<script>alert(1)</script>")));

  @Test
  void headerShowsIdentityVerdictReproduceCommandAndOpCounts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.html");

    ReportHtml.write(file, history, summary);
    String html = Files.readString(file);

    assertThat(html).startsWith("<!DOCTYPE html>")
        .contains("partition-&lt;leader&gt;", "<td>42</td>", "<td>0123abc</td>", "INVALID")
        .contains("make chaos SCENARIO=partition-&lt;leader&gt; SEED=42")
        .contains("<tr><td>send</td><td class=\"n\">6</td><td class=\"n\">2</td><td class=\"n\">2</td>"
            + "<td class=\"n\">1</td></tr>")
        .contains("<td>lost-count</td><td class=\"n\">1</td>")
        .doesNotContain("<script", "http://", "https://");
  }

  @Test
  void escapesCheckerExamples() {
    String html = ReportHtml.render(history, summary);

    assertThat(html).contains("<li><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></li>");
  }

  @Test
  void shadesOneRectPerFaultWindowInEachChart() {
    List<String> charts = svgs(ReportHtml.render(history, summary));

    assertThat(charts).hasSize(2);
    for (String chart : charts) {
      assertThat(count(chart, "class=\"fault-window\"")).isEqualTo(FaultWindows.of(history).size()).isEqualTo(2);
      assertThat(count(chart, "class=\"fault-window\" data-nemesis=\"part\"")).isEqualTo(1);
      assertThat(count(chart, "class=\"fault-window\" data-nemesis=\"killer\"")).isEqualTo(1);
      assertThat(count(chart, "class=\"nemesis-event\"")).isEqualTo(6);
    }
  }

  @Test
  void scatterHasOneCircleColouredByTypePerClientCompletion() {
    String scatter = svgs(ReportHtml.render(history, summary)).get(0);

    assertThat(count(scatter, "<circle")).isEqualTo(6);
    assertThat(count(scatter, "fill=\"#FF1E90\"/>")).isEqualTo(completions(OpType.FAIL)).isEqualTo(2);
    assertThat(count(scatter, "fill=\"#FFA400\"/>")).isEqualTo(completions(OpType.INFO)).isEqualTo(1);
    assertThat(count(scatter, "fill=\"#81BFFC\"/>")).isEqualTo(completions(OpType.OK)).isEqualTo(3);
  }

  @Test
  void throughputHasOnePolylinePerFunction() {
    String rate = svgs(ReportHtml.render(history, summary)).get(1);

    assertThat(count(rate, "<polyline")).isEqualTo(2);
    // a 1.8 s run has two 1 s buckets, so two points per line
    assertThat(rate).containsPattern("<polyline data-f=\"send\"[^>]* points=\"\\S+ \\S+\"")
        .containsPattern("<polyline data-f=\"receive\"[^>]* points=\"\\S+ \\S+\"");
  }

  @Test
  void downSamplingKeepsEveryNonOkPointAndSpacesOkPointsEvenly() {
    List<LatencyChart.Point> points = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      points.add(new LatencyChart.Point(i, 1, Fn.SEND, i % 20 == 0 ? OpType.FAIL : OpType.OK));
    }

    List<LatencyChart.Point> kept = LatencyChart.sample(points, 20);

    assertThat(kept).hasSize(20);
    assertThat(kept.stream().filter(p -> p.type() == OpType.FAIL)).hasSize(5);
    assertThat(kept.stream().filter(p -> p.type() == OpType.OK).map(p -> (int) p.seconds()))
        .containsExactly(7, 13, 19, 27, 33, 39, 47, 53, 59, 67, 73, 79, 87, 93, 99);
    assertThat(LatencyChart.sample(points, 200)).isSameAs(points);
  }

  private long completions(OpType type) {
    return history.ops().stream().filter(op -> op.type() == type && !op.isNemesis()).count();
  }

  private static List<String> svgs(String html) {
    Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
    return m.results().map(r -> r.group()).toList();
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }
}
