package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DurationConverterTest {

  @Test
  void parsesEveryUnit() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationConverter.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationConverter.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(DurationConverter.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(DurationConverter.parse(" 10s ")).isEqualTo(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "-5s", "5 s", "1.5s", "5w", "s", "5S", "10sec", "1h30m"})
  void rejectsOtherForms(String text) {
    assertThatThrownBy(() -> DurationConverter.parse(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("expected a whole number and a unit ms, s, m, h or d");
  }

  @Test
  void rejectsOverflowWithAMessageInsteadOfAnArithmeticException() {
    assertThatThrownBy(() -> DurationConverter.parse("999999999999999999d"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void formatsWithTheLargestExactUnitAndParsesBack() {
    assertThat(DurationConverter.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(DurationConverter.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationConverter.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0");
    for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofHours(25), Duration.ofSeconds(61)}) {
      assertThat(DurationConverter.parse(DurationConverter.format(d))).isEqualTo(d);
    }
  }
}
