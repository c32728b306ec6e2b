package io.raftq.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryBuilder;
import io.raftq.chaos.workload.WorkloadSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinimumsTest {
  private static final Map<String, Object> KILL = Map.of("nemesis", "kill-leader", "kind", "kill");
  private static final Map<String, Object> NO_LEADER = Map.of("nemesis", "kill-leader", "kind", "kill",
      "effective", false, "reason", "no running partition leader known within 10 s");
  private static final Map<String, Object> FINAL_HEAL = Map.of("nemesis", "all", "kind", "heal");

  private static HistoryBuilder sends(HistoryBuilder h, int count) {
    for (int i = 0; i < count; i++) {
      h.invoke("0", Fn.SEND, Map.of("queue", "q", "msg", "m" + i))
          .ok("0", Map.of("partition", 0L, "offset", (long) i, "duplicate", false));
    }
    return h;
  }

  private static HistoryBuilder ack(HistoryBuilder h, String outcome) {
    return h.invoke("1", Fn.ACK, Map.of("queue", "q", "group", "g", "msg", "m0")).ok("1", Map.of("outcome", outcome));
  }

  @Test
  void aRunThatDidEnoughPassesWithItsCounts() {
    HistoryBuilder h = sends(HistoryBuilder.withLogicalClock(), 3);
    ack(h, "OK").nemesis(Fn.FAULT, KILL).nemesis(Fn.HEAL, KILL).nemesis(Fn.HEAL, FINAL_HEAL);

    CheckResult r = new Minimums(3, 1, 1, Map.of("kill-leader", 1)).check(h.build());

    assertThat(r.checker()).isEqualTo("minimums");
    assertThat(r.valid()).isTrue();
    assertThat(r.count("sends-ok")).isEqualTo(3);
    assertThat(r.count("acks-ok")).isEqualTo(1);
    assertThat(r.count("faults")).isEqualTo(1);
    assertThat(r.count("faults-kill-leader")).isEqualTo(1);
    assertThat(r.examples("shortfall")).isEmpty();
  }

  @Test
  void aRunWithNothingAcknowledgedFailsNamingEachShortfall() {
    History h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, Map.of("queue", "q", "msg", "m0")).info("0", "timeout")
        .nemesis(Fn.HEAL, FINAL_HEAL).build();

    CheckResult r = new Minimums(10, 5, 1, Map.of("kill-leader", 1)).check(h);

    assertThat(r.valid()).isFalse();
    assertThat(r.examples("shortfall")).containsExactly(
        "sends-ok: 0 < 10", "acks-ok: 0 < 5", "faults: 0 < 1", "faults-kill-leader: 0 < 1");
  }

  @Test
  void aFaultThatChangedNothingIsReportedButDoesNotCount() {
    History h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, NO_LEADER).nemesis(Fn.FAULT, NO_LEADER).nemesis(Fn.HEAL, FINAL_HEAL).build();

    CheckResult r = new Minimums(0, 0, 0, Map.of("kill-leader", 1)).check(h);

    assertThat(r.valid()).isFalse();
    assertThat(r.count("faults-kill-leader")).isZero();
    assertThat(r.count("noop-faults-kill-leader")).isEqualTo(2);
    assertThat(r.examples("noop-faults")).contains("kill-leader: no running partition leader known within 10 s");
    assertThat(r.examples("shortfall")).containsExactly("faults-kill-leader: 0 < 1");
  }

  @Test
  void aFaultWhoseInjectionFailedDoesNotCount() {
    History h = HistoryBuilder.withLogicalClock()
        .nemesisStart(Fn.FAULT, KILL).nemesisEnd(Fn.FAULT, KILL, "java.lang.IllegalStateException: boom")
        .nemesis(Fn.HEAL, FINAL_HEAL).build();

    assertThat(new Minimums(0, 0, 1, Map.of()).check(h).examples("shortfall")).containsExactly("faults: 0 < 1");
  }

  @Test
  void onlyWhatCompletedBeforeTheFinalHealCounts() {
    HistoryBuilder h = sends(HistoryBuilder.withLogicalClock(), 1).nemesis(Fn.HEAL, FINAL_HEAL);
    sends(h, 5);
    ack(h, "OK");

    CheckResult r = new Minimums(2, 1, 0, Map.of()).check(h.build());

    assertThat(r.count("sends-ok")).isEqualTo(1);
    assertThat(r.count("acks-ok")).isZero();
    assertThat(r.valid()).isFalse();
  }

  @Test
  void anAckOfSomethingAlreadyAckedIsNoAck() {
    HistoryBuilder h = ack(HistoryBuilder.withLogicalClock(), "ALREADY_ACKED");
    ack(h, "OK");

    assertThat(new Minimums(0, 2, 0, Map.of()).check(h.build()).count("acks-ok")).isEqualTo(1);
  }

  @Test
  void defaultsAskForEachNemesisOnlyWhereTheScheduleHasTimeForItAndScaleWithTheLoad() {
    WorkloadSettings w = WorkloadSettings.standard();
    Minimums one = Minimums.expected(Duration.ofSeconds(40), w, List.of("kill-leader"), List.of());
    assertThat(one.faults()).containsEntry("kill-leader", 1);
    assertThat(one.faultsTotal()).isEqualTo(1);
    assertThat(one.sendsOk()).isEqualTo(40); // 4 producers x 1/s x 40 s / 4
    assertThat(one.acksOk()).isEqualTo(20);

    Minimums many = Minimums.expected(Duration.ofSeconds(200), w, ScenarioCatalog.THREE_NODE_NEMESES, List.of());
    assertThat(many.faults().values()).containsOnly(0);
    assertThat(many.faultsTotal()).isEqualTo(1);

    Minimums two = Minimums.expected(Duration.ofSeconds(100), w, List.of("kill-random", "flaky-net"), List.of());
    assertThat(two.faults()).containsEntry("kill-random", 1).containsEntry("flaky-net", 1);

    Minimums throttled = Minimums.expected(Duration.ofSeconds(40), w.withLoad(4, 4, 2), List.of(), List.of());
    assertThat(throttled.sendsOk()).isEqualTo(20);
    assertThat(throttled.faultsTotal()).isZero();
  }
}
