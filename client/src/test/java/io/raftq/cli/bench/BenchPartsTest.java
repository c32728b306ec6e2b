package io.raftq.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pure pieces of the bench: schedule, window, budget, payload stamps, report. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BenchPartsTest {

  @Test
  void pacerSchedulesFromTheStartWithoutDrift() {
    Pacer pacer = new Pacer(1_000, 2_000);
    assertThat(pacer.scheduledAt(0)).isEqualTo(1_000);
    assertThat(pacer.scheduledAt(1)).isEqualTo(1_000 + 500_000);
    assertThat(pacer.scheduledAt(2_000 * 3600L)).isEqualTo(1_000 + 3600L * 1_000_000_000L);
    Pacer odd = new Pacer(0, 3);
    assertThat(odd.scheduledAt(3)).isEqualTo(1_000_000_000L);
    assertThat(odd.scheduledAt(1)).isEqualTo(333_333_333L);
  }

  @Test
  void windowMeasuresAfterWarmupUntilTheEnd() {
    RunWindow fixed = new RunWindow(0, Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThat(fixed.isMeasured(4_999_999_999L)).isFalse();
    assertThat(fixed.isMeasured(5_000_000_000L)).isTrue();
    assertThat(fixed.isMeasured(34_999_999_999L)).isTrue();
    assertThat(fixed.isOver(35_000_000_000L)).isTrue();
    assertThat(fixed.isMeasured(35_000_000_000L)).isFalse();
    assertThat(fixed.measuredSeconds(0)).isEqualTo(30.0);

    RunWindow counted = new RunWindow(0, Duration.ofSeconds(1), null);
    assertThat(counted.isOver(Long.MAX_VALUE - 1)).isFalse();
    assertThat(counted.measuredSeconds(3_000_000_000L)).isEqualTo(2.0);
    assertThat(counted.measuredSeconds(Long.MIN_VALUE)).isZero();
  }

  @Test
  void budgetHandsOutExactlyTheTotal() {
    Budget budget = new Budget(250);
    assertThat(budget.claim(100)).isEqualTo(100);
    assertThat(budget.claim(100)).isEqualTo(100);
    assertThat(budget.claim(100)).isEqualTo(50);
    assertThat(budget.claim(100)).isZero();
    budget.giveBack(30);
    assertThat(budget.claim(100)).isEqualTo(30);
    assertThat(budget.remaining()).isZero();
  }

  @Test
  void sharesSplitTotalsOverWorkers() {
    assertThat(BenchRunOptions.share(10, 3, 0)).isEqualTo(4);
    assertThat(BenchRunOptions.share(10, 3, 1)).isEqualTo(3);
    assertThat(BenchRunOptions.share(10, 3, 2)).isEqualTo(3);
    assertThat(BenchRunOptions.share(Long.MAX_VALUE, 3, 2)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void stampedPayloadsCarryTheScheduledTimeAndRunId() {
    Payloads payloads = new Payloads(32);
    byte[] stamped = payloads.stamped(5, 123_456_789L, 42L);
    assertThat(stamped).hasSize(32);
    assertThat(Payloads.scheduledNs(stamped, 42L)).isEqualTo(123_456_789L);
    assertThat(Payloads.scheduledNs(stamped, 43L)).isEqualTo(-1);
    assertThat(Payloads.scheduledNs(new byte[8], 0)).isEqualTo(-1);
    assertThat(payloads.pooled(5)).as("the pool is not modified by stamping").isNotEqualTo(stamped);
    assertThat(payloads.pooled(5)).isSameAs(payloads.pooled(5 + 256));
  }

  @Test
  void largePayloadPoolsAreBounded() {
    Payloads big = new Payloads(16 << 20);
    assertThat(big.pooled(0)).isSameAs(big.pooled(4));
  }

  @Test
  void jsonReportIsOneDocument() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("producers", 4);
    settings.put("rate", "unlimited");
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sent", 10L);
    counts.put("failed", 0L);
    BenchSummary summary = new BenchSummary("produce", "q", settings, 5, 2.0, 10, 1000, counts,
        new LatencySummary("send->confirm", 10, 1.5, 2.25, 3, 4, 1.75), null, true, null);
    assertThat(BenchReport.json(summary))
        .isEqualTo("{\"mode\":\"produce\",\"queue\":\"q\",\"settings\":{\"producers\":4,\"rate\":\"unlimited\"},"
            + "\"warmupSeconds\":5.0,\"measuredSeconds\":2.0,\"measuredMessages\":10,\"msgsPerSec\":5.0,"
            + "\"mbPerSec\":0.005,\"payloadBytes\":1000.0,\"complete\":true,\"latencyMs\":{\"kind\":\"send->confirm\","
            + "\"count\":10,\"p50\":1.5,\"p99\":2.25,\"p999\":3.0,\"max\":4.0,\"mean\":1.75},"
            + "\"counts\":{\"sent\":10,\"failed\":0},\"firstFailure\":null}");
  }
}
