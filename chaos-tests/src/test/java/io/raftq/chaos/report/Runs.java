package io.raftq.chaos.report;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.HistoryBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Hand-written histories and summaries for report tests. */
final class Runs {
  private Runs() {}

  /** A builder whose clock advances by {@code stepMs} milliseconds per op. */
  static HistoryBuilder everyMs(long stepMs) {
    long[] ticks = {0};
    return new HistoryBuilder(() -> stepMs * 1_000_000L * ticks[0]++);
  }

  static Map<String, Object> nemesis(String name, String kind) {
    return Map.of("nemesis", name, "kind", kind, "targets", List.of("n1"), "detail", "isolate n1");
  }

  static Map<String, Object> send(String msg) {
    return Map.of("queue", "q", "msg", msg);
  }

  static RunSummary summary(String scenario, long seed, CheckResult... results) {
    return new RunSummary(scenario, seed, "0123abc", 3, "2025-01-02T03:04:05Z", "2025-01-02T03:05:05Z",
        "make chaos SCENARIO=" + scenario + " SEED=" + seed, Duration.ofSeconds(60), List.of(results));
  }

  static CheckResult totalQueue(boolean valid, long lost, List<String> lostExamples) {
    return new CheckResult("total-queue", valid,
        Map.of("acknowledged-count", 10L, "lost-count", lost, "duplicated-count", 0L, "unexpected-count", 0L),
        lostExamples.isEmpty() ? Map.of() : Map.of("lost", lostExamples));
  }
}
