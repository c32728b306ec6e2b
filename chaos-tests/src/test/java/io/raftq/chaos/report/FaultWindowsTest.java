package io.raftq.chaos.report;

import static io.raftq.chaos.report.Runs.nemesis;
import static io.raftq.chaos.report.Runs.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.report.FaultWindows.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FaultWindowsTest {
  private static final long MS = 1_000_000L;

  @Test
  void pairsEachFaultWithTheNextHealOfTheSameNemesis() {
    History h = Runs.everyMs(10)
        .nemesis(Fn.FAULT, nemesis("part", "partition")) // ops 0, 1
        .nemesis(Fn.FAULT, nemesis("killer", "kill")) // 2, 3
        .nemesis(Fn.HEAL, nemesis("part", "partition")) // 4, 5
        .nemesis(Fn.HEAL, nemesis("killer", "restart")) // 6, 7
        .nemesis(Fn.FAULT, nemesis("part", "partition")) // 8, 9
        .nemesis(Fn.HEAL, nemesis("part", "partition")) // 10, 11
        .build();

    assertThat(FaultWindows.of(h)).containsExactly(
        new Window("part", "partition", 10 * MS, 50 * MS),
        new Window("killer", "kill", 30 * MS, 70 * MS),
        new Window("part", "partition", 90 * MS, 110 * MS));
  }

  @Test
  void anUnhealedFaultLastsUntilTheEndOfTheHistory() {
    History h = Runs.everyMs(10)
        .nemesis(Fn.FAULT, nemesis("pauser", "pause")) // 0, 1
        .invoke("0", Fn.SEND, send("a")).ok("0", null) // 2, 3
        .build();

    assertThat(FaultWindows.of(h)).containsExactly(new Window("pauser", "pause", 10 * MS, 30 * MS));
  }

  @Test
  void aRepeatedFaultExtendsTheOpenWindowAndAStrayHealIsIgnored() {
    History h = Runs.everyMs(10)
        .nemesis(Fn.HEAL, nemesis("clock", "clock")) // 0, 1
        .nemesis(Fn.FAULT, nemesis("clock", "clock")) // 2, 3
        .nemesis(Fn.FAULT, nemesis("clock", "clock")) // 4, 5
        .nemesis(Fn.HEAL, nemesis("clock", "clock")) // 6, 7
        .build();

    assertThat(FaultWindows.of(h)).containsExactly(new Window("clock", "clock", 30 * MS, 70 * MS));
  }
}
