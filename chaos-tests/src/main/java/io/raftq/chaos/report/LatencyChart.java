package io.raftq.chaos.report;

import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Jepsen's {@code latency-raw}: one circle per client op completion at (completion time, completion − invocation),
 * log latency axis, filled by type (ok, info, fail) and outlined by {@code f}.
 */
final class LatencyChart {
  /** Keeps report.html small on long runs. */
  static final int MAX_POINT_COUNT = 20_000;
  /** Log scales need a floor; history clocks tick in nanoseconds, far below any real latency. */
  private static final double MIN_LATENCY_MS = 0.001;

  record Point(double seconds, double latencyMs, String f, OpType type) {}

  private LatencyChart() {}

  static String svg(History history) {
    List<Point> all = points(history);
    List<Point> shown = sample(all, MAX_POINT_COUNT);
    double low = all.stream().mapToDouble(Point::latencyMs).min().orElse(1);
    double high = all.stream().mapToDouble(Point::latencyMs).max().orElse(1_000);
    SvgPlot plot = new SvgPlot(SvgPlot.timeAxis(history), Axis.log("latency (ms)", low, high));
    List<String> fs = all.stream().map(Point::f).distinct().sorted().toList();
    for (int i = 0; i < fs.size(); i++) {
      String f = fs.get(i);
      plot.add("<g data-f=\"" + Html.escape(f) + "\" stroke=\"" + Palette.series(i) + "\" stroke-width=\"0.6\">\n");
      shown.stream()
          .filter(p -> p.f().equals(f))
          .sorted(Comparator.comparing(Point::type)) // ok first, so info and fail points stay visible on top
          .forEach(p -> plot.add("<circle cx=\"" + SvgPlot.round(plot.px(p.seconds())) + "\" cy=\""
              + SvgPlot.round(plot.py(p.latencyMs())) + "\" r=\"2.5\" fill=\"" + Palette.of(p.type()) + "\"/>\n"));
      plot.add("</g>\n");
      plot.legendEntry("none", Palette.series(i), f);
    }
    for (OpType type : List.of(OpType.OK, OpType.INFO, OpType.FAIL)) {
      plot.legendEntry(Palette.of(type), "none", type.jsonName());
    }
    String title = "Latency per op" + (shown.size() < all.size()
        ? " (" + shown.size() + " of " + all.size() + " shown: every non-ok, evenly spaced ok)" : "");
    return plot.render(title, history);
  }

  /** Every client op completion in history order; invocations the run never completed have no latency. */
  static List<Point> points(History history) {
    List<Point> points = new ArrayList<>();
    for (Op op : history.ops()) {
      if (!op.isNemesis() && history.isCompletion(op)) {
        double latencyMs = (op.timeNanos() - history.invocationOf(op).timeNanos()) / 1e6;
        points.add(new Point(SvgPlot.seconds(op.timeNanos()), Math.max(MIN_LATENCY_MS, latencyMs), op.f(),
            op.type()));
      }
    }
    return points;
  }

  /**
   * At most {@code maxCount} points unless more are non-ok: every non-ok point (the ones a reader looks for) plus
   * evenly spaced ok points, in their original order. Deterministic, so two renderings of a history agree.
   */
  static List<Point> sample(List<Point> points, int maxCount) {
    long okCount = points.stream().filter(p -> p.type() == OpType.OK).count();
    long okBudget = Math.max(0, maxCount - (points.size() - okCount));
    if (okCount <= okBudget) {
      return points;
    }
    List<Point> kept = new ArrayList<>();
    long okIndex = 0;
    for (Point p : points) {
      // keep ok point i when floor(i * budget / okCount) steps up: exactly okBudget of them, evenly spaced
      if (p.type() != OpType.OK || okIndex * okBudget / okCount < (okIndex + 1) * okBudget / okCount) {
        kept.add(p);
      }
      if (p.type() == OpType.OK) {
        okIndex++;
      }
    }
    return kept;
  }
}
