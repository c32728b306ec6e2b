package io.raftq.chaos.report;

import static io.raftq.chaos.report.Runs.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryBuilder;
import io.raftq.chaos.history.Json;
import io.raftq.chaos.history.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ResultsJsonTest {
  private final History history = HistoryBuilder.withLogicalClock()
      .invoke("0", Fn.SEND, send("a")).ok("0", null)
      .invoke("0", Fn.SEND, send("b")).fail("0", "REJECTED")
      .build();

  @Test
  void headlineRoundTripsVerdictSeedAndCounts(@TempDir Path dir) {
    Path file = dir.resolve("results.json");
    CheckResult liveness = new CheckResult("liveness", true, Map.of("max-recovery-ms", 4_200L), Map.of());
    RunSummary summary = Runs.summary("partition-leader", -7_001_234_567_890L,
        Runs.totalQueue(false, 2, List.of("m1", "m2")), liveness);

    ResultsJson.write(file, history, summary);
    ResultsJson.Headline headline = ResultsJson.read(file);

    assertThat(headline.scenario()).isEqualTo("partition-leader");
    assertThat(headline.seed()).isEqualTo(-7_001_234_567_890L);
    assertThat(headline.valid()).isFalse();
    assertThat(headline.counts()).containsExactly(
        Map.entry("acknowledged-count", 10L), Map.entry("lost-count", 2L), Map.entry("duplicated-count", 0L),
        Map.entry("unexpected-count", 0L), Map.entry("max-recovery-ms", 4_200L));
  }

  @Test
  void writesTheDocumentedShape(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.json");

    ResultsJson.write(file, history, Runs.summary("none", 42, Runs.totalQueue(false, 1, List.of("<m1>"))));
    Object root = Json.parse(Files.readString(file));

    assertThat(List.copyOf(((Map<?, ?>) root).keySet())).isEqualTo(List.of("scenario", "seed", "gitSha", "nodes",
        "valid", "reproduce", "started", "ended", "mainPhaseMs", "opCounts", "checkers"));
    assertThat(Values.number(root, "nodes")).isEqualTo(3L);
    assertThat(Values.string(root, "reproduce")).isEqualTo("make chaos SCENARIO=none SEED=42");
    assertThat(((Map<?, ?>) root).get("opCounts")).isEqualTo(
        Map.of(Fn.SEND, Map.of("invoke", 2L, "ok", 1L, "fail", 1L, "info", 0L)));
    Object checker = Values.list(root, "checkers").get(0);
    assertThat(Values.string(checker, "name")).isEqualTo("total-queue");
    assertThat(((Map<?, ?>) checker).get("valid")).isEqualTo(false);
    assertThat(Values.number(((Map<?, ?>) checker).get("counts"), "lost-count")).isEqualTo(1L);
    assertThat(Values.list(((Map<?, ?>) checker).get("examples"), "lost")).isEqualTo(List.of("<m1>"));
  }

  @Test
  void headlineOmitsCountsTheRunDidNotReport(@TempDir Path dir) {
    Path file = dir.resolve("results.json");

    ResultsJson.write(file, history, Runs.summary("none", 1));

    assertThat(ResultsJson.read(file).counts()).isEmpty();
    assertThat(ResultsJson.read(file).valid()).isTrue();
  }

  @Test
  void rejectsAFileWithoutAVerdict(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("results.json"), "{\"scenario\":\"s\",\"seed\":1}");

    assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("results.json");
  }
}
