package io.raftq.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.FaultWindows.Window;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FaultWindowsTest {
  private static Map<String, Object> nemesis(String name, String kind) {
    return Map.of("nemesis", name, "kind", kind);
  }

  @Test
  void windowRunsFromFaultCompletionToHealCompletionOfTheSameNemesis() {
    // Logical clock: op i is at i microseconds; each nemesis call appends an invocation and a completion.
    var h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, nemesis("partition-leader", "partition")) // ops 0, 1
        .nemesis(Fn.FAULT, nemesis("kill-random", "kill")) // ops 2, 3
        .nemesis(Fn.HEAL, nemesis("partition-leader", "partition")) // ops 4, 5
        .nemesis(Fn.HEAL, nemesis("kill-random", "kill")) // ops 6, 7
        .build();

    assertThat(FaultWindows.of(h)).containsExactly(
        new Window("partition-leader", "partition", 1_000, 5_000),
        new Window("kill-random", "kill", 3_000, 7_000));
  }

  @Test
  void twoFaultSchedulesInterleaveUnderTheirOwnProcesses() {
    // The membership change is still under way (invoked, not completed) while the second schedule kills a node.
    var h = HistoryBuilder.withLogicalClock()
        .nemesisStart(Fn.FAULT, nemesis("grow-shrink", "membership")) // op 0
        .nemesisStart("nemesis-alongside", Fn.FAULT, nemesis("kill-random", "kill")) // op 1
        .nemesisEnd("nemesis-alongside", Fn.FAULT, nemesis("kill-random", "kill"), null) // op 2
        .nemesisEnd(Fn.FAULT, nemesis("grow-shrink", "membership"), null) // op 3
        .nemesisStart("nemesis-alongside", Fn.HEAL, nemesis("kill-random", "kill")) // op 4
        .nemesisEnd("nemesis-alongside", Fn.HEAL, nemesis("kill-random", "kill"), null) // op 5
        .build();

    assertThat(h.ops()).allMatch(io.raftq.chaos.history.Op::isNemesis);
    assertThat(FaultWindows.of(h)).containsExactly(
        new Window("kill-random", "kill", 2_000, 5_000), new Window("grow-shrink", "membership", 3_000, 5_000));
  }

  @Test
  void faultWithoutHealEndsAtTheLastOp() {
    var h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, nemesis("pause-leader", "pause")) // ops 0, 1
        .invoke("0", Fn.SEND, Map.of("queue", "q", "msg", "a")) // op 2
        .build();

    assertThat(FaultWindows.of(h)).containsExactly(new Window("pause-leader", "pause", 1_000, 2_000));
  }

  @Test
  void healClosesEveryOpenWindowOfItsNameAndNothingElse() {
    var h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.HEAL, nemesis("clock", "clock")) // ops 0, 1: nothing open
        .nemesis(Fn.FAULT, nemesis("clock", "clock")) // ops 2, 3
        .nemesis("kill", Map.of("node", "n1")) // ops 4, 5: not a fault
        .nemesis(Fn.FAULT, nemesis("clock", "clock")) // ops 6, 7
        .nemesis(Fn.HEAL, nemesis("clock", "clock")) // ops 8, 9
        .build();

    assertThat(FaultWindows.of(h)).containsExactly(
        new Window("clock", "clock", 3_000, 9_000), new Window("clock", "clock", 7_000, 9_000));
  }

  @Test
  void aFaultThatChangedNothingOpensNoWindow() {
    Map<String, Object> noop = Map.of("nemesis", "kill-leader", "kind", "kill", "effective", false,
        "reason", "no running partition leader known within 10 s");
    var h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, noop) // ops 0, 1
        .nemesis(Fn.FAULT, nemesis("kill-leader", "kill")) // ops 2, 3
        .nemesis(Fn.HEAL, nemesis("kill-leader", "kill")) // ops 4, 5
        .build();

    assertThat(FaultWindows.of(h)).containsExactly(new Window("kill-leader", "kill", 3_000, 5_000));
    assertThat(FaultWindows.isEffective(h.ops().get(1))).isFalse();
    assertThat(FaultWindows.isEffective(h.ops().get(3))).isTrue();
  }

  @Test
  void historyWithoutFaultsHasNoWindows() {
    assertThat(FaultWindows.of(HistoryBuilder.withLogicalClock().build())).isEmpty();
  }

  @Test
  void windowContainsItsStartButNotItsEnd() {
    Window w = new Window("n", "kill", 10, 20);

    assertThat(w.contains(9)).isFalse();
    assertThat(w.contains(10)).isTrue();
    assertThat(w.contains(19)).isTrue();
    assertThat(w.contains(20)).isFalse();
  }
}
