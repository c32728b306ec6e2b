package io.raftq.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RunSummaryTest {
  @Test
  void isValidOnlyWhenEveryCheckerIs() {
    assertThat(Runs.summary("s", 1, Runs.totalQueue(true, 0, List.of())).valid()).isTrue();
    assertThat(Runs.summary("s", 1, Runs.totalQueue(true, 0, List.of()), Runs.totalQueue(false, 1, List.of("m")))
        .valid()).isFalse();
  }
}
