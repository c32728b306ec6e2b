package io.raftq.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AxisTest {
  @Test
  void linearAxisRoundsUpToAWholeStep() {
    Axis axis = Axis.linear("t", 7.3);

    assertThat(axis.max()).isEqualTo(8);
    assertThat(axis.ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0);
    assertThat(axis.fraction(2)).isEqualTo(0.25);
  }

  @Test
  void logAxisCoversWholeDecades() {
    Axis axis = Axis.log("ms", 0.4, 250);

    assertThat(axis.ticks()).containsExactly(0.1, 1.0, 10.0, 100.0, 1000.0);
    assertThat(axis.fraction(10)).isCloseTo(0.5, within(1e-9));
    assertThat(Axis.log("ms", 5, 5).ticks()).containsExactly(1.0, 10.0);
  }

  @Test
  void formatsTicksWithoutFloatingPointNoise() {
    assertThat(List.of(Axis.format(0.1 + 0.2), Axis.format(3e-5), Axis.format(2000))).containsExactly("0.3", "0.00003",
        "2000");
  }
}
