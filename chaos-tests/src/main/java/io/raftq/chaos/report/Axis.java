package io.raftq.chaos.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** A chart axis from {@code min} to {@code max}, linear from 0 with round tick steps, or logarithmic by decades. */
record Axis(String label, double min, double max, boolean log) {
  private static final int TARGET_TICK_COUNT = 5;

  Axis {
    if (!(max > min) || (log && min <= 0)) {
      throw new IllegalArgumentException("bad axis range " + min + ".." + max + (log ? " (log)" : ""));
    }
  }

  /** 0 up to {@code maxValue} rounded up to a whole tick step. */
  static Axis linear(String label, double maxValue) {
    double step = step(maxValue > 0 ? maxValue : 1);
    return new Axis(label, 0, Math.max(step, Math.ceil(maxValue / step) * step), false);
  }

  /** Whole decades covering {@code minValue..maxValue}, at least one; both must be positive. */
  static Axis log(String label, double minValue, double maxValue) {
    double low = Math.floor(Math.log10(minValue));
    double high = Math.max(low + 1, Math.ceil(Math.log10(maxValue)));
    return new Axis(label, Math.pow(10, low), Math.pow(10, high), true);
  }

  /** Where {@code value} falls, 0 at min and 1 at max, clamped. */
  double fraction(double value) {
    double f = log
        ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
        : (value - min) / (max - min);
    return Double.isNaN(f) ? 0 : Math.min(1, Math.max(0, f));
  }

  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      for (long e = Math.round(Math.log10(min)); e <= Math.round(Math.log10(max)); e++) {
        ticks.add(Math.pow(10, e));
      }
    } else {
      double step = step(max - min);
      for (int i = 0; min + i * step <= max * (1 + 1e-9); i++) {
        ticks.add(min + i * step);
      }
    }
    return ticks;
  }

  /** A tick label without floating-point noise ({@code 0.3}, not {@code 0.30000000000000004}). */
  static String format(double value) {
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** 1, 2 or 5 times a power of ten, so that {@code range} spans about {@value #TARGET_TICK_COUNT} steps. */
  private static double step(double range) {
    double raw = range / TARGET_TICK_COUNT;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double n = raw / magnitude;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
  }
}
