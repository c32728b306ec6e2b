package io.raftq.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses durations written as a whole number and a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 7d}; a bare {@code 0} means zero. Negative values and missing units are rejected, because a bare
 * {@code 30} is ambiguous (seconds? milliseconds?).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  @Override
  public Duration convert(String text) {
    return parse(text);
  }

  /** Throws {@link CommandLine.TypeConversionException} with the expected form when malformed. */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = FORM.matcher(trimmed);
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a duration: expected a whole number and a unit ms, s, m, h or d (e.g. 500ms, 30s)");
    }
    try {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } catch (ArithmeticException e) {
      throw new CommandLine.TypeConversionException("'" + text + "' is too long a duration");
    }
  }

  /** The shortest text {@link #parse} reads back as {@code d} (largest unit that divides it exactly). */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0";
    }
    long[] unitMs = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] unitNames = {"d", "h", "m", "s"};
    for (int i = 0; i < unitMs.length; i++) {
      if (ms % unitMs[i] == 0) {
        return ms / unitMs[i] + unitNames[i];
      }
    }
    return ms + "ms";
  }
}
