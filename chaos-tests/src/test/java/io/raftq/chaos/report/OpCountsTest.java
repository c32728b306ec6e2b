package io.raftq.chaos.report;

import static io.raftq.chaos.report.Runs.nemesis;
import static io.raftq.chaos.report.Runs.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryBuilder;
import io.raftq.chaos.history.OpType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OpCountsTest {
  @Test
  void countsClientOpsByFunctionAndTypeWithoutNemesisOps() {
    History h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, nemesis("part", "partition"))
        .invoke("0", Fn.SEND, send("a")).ok("0", null)
        .invoke("0", Fn.SEND, send("b")).fail("0", "REJECTED")
        .invoke("0", Fn.SEND, send("c")).info("0", "timeout")
        .invoke("1", Fn.RECEIVE, Map.of())
        .build();

    Map<String, Map<OpType, Long>> counts = OpCounts.of(h);

    assertThat(counts).containsOnlyKeys(Fn.RECEIVE, Fn.SEND);
    assertThat(counts.get(Fn.SEND)).containsExactly(
        Map.entry(OpType.INVOKE, 3L), Map.entry(OpType.OK, 1L), Map.entry(OpType.FAIL, 1L),
        Map.entry(OpType.INFO, 1L));
    assertThat(counts.get(Fn.RECEIVE)).containsEntry(OpType.INVOKE, 1L).containsEntry(OpType.OK, 0L);
  }
}
