package io.raftq.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.HistoryBuilder;
import io.raftq.chaos.workload.WorkloadSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which checkers judge a run, by workload. */
@Timeout(10)
class ChaosRunCheckTest {
  private static List<String> checkerNames(WorkloadSettings workload) {
    Scenario scenario = new Scenario("s", 3, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), workload);
    return ChaosRun.check(HistoryBuilder.withLogicalClock().build(), scenario).stream().map(CheckResult::checker)
        .toList();
  }

  @Test
  void everyRunIsJudgedForLossLeasesAndConvergence() {
    assertThat(checkerNames(WorkloadSettings.standard())).contains("total-queue", "ack-finality", "producer-dedup",
        "fencing", "premature-redelivery", "partition-order", "convergence", "liveness")
        .doesNotContain("fifo-in-flight", "dead-letter", "stream-reads");
  }

  @Test
  void theFifoDeadLetterWorkloadAddsItsOwnCheckers() {
    assertThat(checkerNames(WorkloadSettings.fifoDeadLetter())).contains("total-queue", "premature-redelivery",
        "fifo-order", "fifo-in-flight", "dead-letter", "stream-offsets", "stream-reads")
        .doesNotContain("producer-dedup");
  }
}
