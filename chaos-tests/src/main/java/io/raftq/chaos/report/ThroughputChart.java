package io.raftq.chaos.report;

import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jepsen's {@code rate}: ok completions per second of each client {@code f}, in 1 s buckets, as polylines. */
final class ThroughputChart {
  /** Buckets widen past this many, so a soak run's chart stays small. */
  private static final int MAX_BUCKET_COUNT = 3_600;

  private ThroughputChart() {}

  static String svg(History history) {
    double endSeconds = SvgPlot.endSeconds(history);
    int bucketSeconds = (int) Math.max(1, Math.ceil(endSeconds / MAX_BUCKET_COUNT));
    int bucketCount = (int) Math.max(1, Math.ceil(endSeconds / bucketSeconds));
    Map<String, long[]> okByF = new TreeMap<>();
    for (Op op : history.ops()) {
      if (!op.isNemesis()) {
        long[] buckets = okByF.computeIfAbsent(op.f(), f -> new long[bucketCount]);
        if (op.type() == OpType.OK) {
          buckets[Math.min(bucketCount - 1, (int) (SvgPlot.seconds(op.timeNanos()) / bucketSeconds))]++;
        }
      }
    }
    long maxCount = okByF.values().stream().flatMapToLong(Arrays::stream).max().orElse(0);
    SvgPlot plot = new SvgPlot(SvgPlot.timeAxis(history), Axis.linear("ok ops/s", (double) maxCount / bucketSeconds));
    List<String> fs = List.copyOf(okByF.keySet());
    for (int i = 0; i < fs.size(); i++) {
      plot.add(polyline(plot, fs.get(i), okByF.get(fs.get(i)), bucketSeconds, endSeconds, Palette.series(i)));
      plot.legendEntry(Palette.series(i), "none", fs.get(i));
    }
    return plot.render("Throughput: ok completions per second (" + bucketSeconds + " s buckets)", history);
  }

  /** Each bucket's rate at its midpoint; the last, partial bucket's midpoint is clamped to the end of the run. */
  private static String polyline(
      SvgPlot plot, String f, long[] buckets, int bucketSeconds, double endSeconds, String colour) {
    StringBuilder points = new StringBuilder();
    for (int b = 0; b < buckets.length; b++) {
      double midSeconds = Math.min(endSeconds, (b + 0.5) * bucketSeconds);
      points.append(SvgPlot.round(plot.px(midSeconds))).append(',')
          .append(SvgPlot.round(plot.py((double) buckets[b] / bucketSeconds))).append(' ');
    }
    return "<polyline data-f=\"" + Html.escape(f) + "\" fill=\"none\" stroke=\"" + colour
        + "\" stroke-width=\"1.5\" points=\"" + points.toString().trim() + "\"/>\n";
  }
}
