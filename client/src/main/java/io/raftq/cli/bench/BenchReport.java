package io.raftq.cli.bench;

import io.raftq.cli.JsonWriter;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link BenchSummary} for people (default) or as one JSON document ({@code --json}). */
final class BenchReport {
  private BenchReport() {}

  static void printText(PrintWriter out, BenchSummary s) {
    StringBuilder settings = new StringBuilder();
    s.settings().forEach((k, v) -> settings.append(' ').append(k).append('=').append(v));
    out.println("bench " + s.mode() + ": queue=" + s.queue() + settings);
    out.println(
        fmt("measured:   %.1f s after %.1f s warm-up, %d messages%s",
            s.measuredSeconds(), s.warmupSeconds(), s.measuredMessages(), s.complete() ? "" : " (INCOMPLETE)"));
    out.println(fmt("throughput: %.0f msgs/s, %.2f MB/s", s.messagesPerSecond(), s.megabytesPerSecond()));
    printLatency(out, s.latency());
    printLatency(out, s.secondaryLatency());
    StringBuilder counts = new StringBuilder("totals:    ");
    s.counts().forEach((k, v) -> counts.append(' ').append(k).append('=').append(v));
    out.println(counts);
    if (s.firstFailure() != null) {
      out.println("first failure: " + s.firstFailure());
    }
  }

  private static void printLatency(PrintWriter out, LatencySummary l) {
    if (l == null) {
      return;
    }
    out.println(
        fmt("latency %s: p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms mean=%.2fms (n=%d)",
            l.kind(), l.p50Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.meanMs(), l.count()));
  }

  static String json(BenchSummary s) {
    JsonWriter w = new JsonWriter().beginObject().field("mode", s.mode()).field("queue", s.queue());
    w.name("settings").beginObject();
    s.settings().forEach((k, v) -> setting(w, k, v));
    w.endObject()
        .field("warmupSeconds", s.warmupSeconds())
        .field("measuredSeconds", s.measuredSeconds())
        .field("measuredMessages", s.measuredMessages())
        .field("msgsPerSec", round(s.messagesPerSecond()))
        .field("mbPerSec", round(s.megabytesPerSecond()))
        .field("payloadBytes", round(s.payloadBytes()))
        .field("complete", s.complete());
    latency(w, "latencyMs", s.latency());
    latency(w, "secondaryLatencyMs", s.secondaryLatency());
    w.name("counts").beginObject();
    s.counts().forEach(w::field);
    w.endObject().field("firstFailure", s.firstFailure());
    return w.endObject().toString();
  }

  private static void setting(JsonWriter w, String name, Object value) {
    if (value instanceof Number n) {
      w.field(name, n.longValue());
    } else if (value instanceof Boolean b) {
      w.field(name, b);
    } else {
      w.field(name, value == null ? null : value.toString());
    }
  }

  private static void latency(JsonWriter w, String name, LatencySummary l) {
    if (l == null) {
      return;
    }
    w.name(name)
        .beginObject()
        .field("kind", l.kind())
        .field("count", l.count())
        .field("p50", round(l.p50Ms()))
        .field("p99", round(l.p99Ms()))
        .field("p999", round(l.p999Ms()))
        .field("max", round(l.maxMs()))
        .field("mean", round(l.meanMs()))
        .endObject();
  }

  /** Three decimals are below the noise of any figure here and keep the document readable. */
  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
