package io.raftq.chaos.report;

import io.raftq.chaos.history.FaultWindows.Window;
import io.raftq.chaos.history.FaultWindows;
import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.Values;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One inline-SVG chart over run time: axes and grid, the data a chart adds, then the run's faults drawn on top as
 * Jepsen does (one translucent lane per nemesis name at the top of the plot, a vertical line at every nemesis op),
 * and a legend on the right.
 */
final class SvgPlot {
  private static final int WIDTH = 980;
  private static final int HEIGHT = 340;
  private static final int LEFT = 70;
  private static final int RIGHT = 190;
  private static final int TOP = 30;
  private static final int BOTTOM = 44;
  private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
  /** Jepsen splits the top of the plot into twelfths, one lane per nemesis. */
  private static final int MIN_LANE_COUNT = 12;
  private static final int LEGEND_ROW_HEIGHT = 16;

  private final Axis x;
  private final Axis y;
  private final StringBuilder data = new StringBuilder();
  private final StringBuilder legend = new StringBuilder();
  private int legendRowCount;

  /** @param x the time axis, see {@link #timeAxis(History)} */
  SvgPlot(Axis x, Axis y) {
    this.x = x;
    this.y = y;
  }

  /** Seconds since the run started, up to its last op. */
  static Axis timeAxis(History history) {
    return Axis.linear("time since start (s)", endSeconds(history));
  }

  static double endSeconds(History history) {
    return history.size() == 0 ? 0 : seconds(history.ops().get(history.size() - 1).timeNanos());
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  double px(double xValue) {
    return LEFT + x.fraction(xValue) * PLOT_WIDTH;
  }

  double py(double yValue) {
    return TOP + (1 - y.fraction(yValue)) * PLOT_HEIGHT;
  }

  /** Appends raw SVG elements for the data layer. */
  void add(String svg) {
    data.append(svg);
  }

  /** A legend row: a swatch filled with {@code fill} (or none) and outlined with {@code stroke} (or none). */
  void legendEntry(String fill, String stroke, String label) {
    double top = TOP + legendRowCount++ * LEGEND_ROW_HEIGHT;
    legend.append("<rect x=\"").append(WIDTH - RIGHT + 16).append("\" y=\"").append(top)
        .append("\" width=\"10\" height=\"10\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
        .append("\"/><text x=\"").append(WIDTH - RIGHT + 32).append("\" y=\"").append(top + 9).append("\">")
        .append(Html.escape(label)).append("</text>\n");
  }

  /** The finished {@code <svg>} element with {@code history}'s faults drawn over the data. */
  String render(String title, History history) {
    StringBuilder svg = new StringBuilder();
    svg.append("<svg width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
        .append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\" font-weight=\"bold\">")
        .append(Html.escape(title)).append("</text>\n");
    axes(svg);
    svg.append(data);
    faults(svg, history);
    svg.append(legend).append("</svg>\n");
    return svg.toString();
  }

  private void axes(StringBuilder svg) {
    svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(PLOT_WIDTH)
        .append("\" height=\"").append(PLOT_HEIGHT).append("\" fill=\"none\" stroke=\"#000\"/>\n");
    for (double t : x.ticks()) {
      double at = round(px(t));
      svg.append(line(at, TOP, at, TOP + PLOT_HEIGHT, "#ddd"))
          .append(text(at, TOP + PLOT_HEIGHT + 14, "middle", Axis.format(t)));
    }
    for (double v : y.ticks()) {
      double at = round(py(v));
      svg.append(line(LEFT, at, LEFT + PLOT_WIDTH, at, "#ddd")).append(text(LEFT - 4, at + 4, "end", Axis.format(v)));
    }
    svg.append(text(LEFT + PLOT_WIDTH / 2.0, HEIGHT - 8, "middle", x.label()))
        .append("<text transform=\"translate(16 ").append(TOP + PLOT_HEIGHT / 2).append(") rotate(-90)\" ")
        .append("text-anchor=\"middle\">").append(Html.escape(y.label())).append("</text>\n");
  }

  private void faults(StringBuilder svg, History history) {
    List<Window> windows = FaultWindows.of(history);
    List<String> lanes = windows.stream().map(Window::nemesis).distinct().toList();
    double laneHeight = (double) PLOT_HEIGHT / Math.max(MIN_LANE_COUNT, lanes.size());
    Set<String> kinds = new TreeSet<>();
    for (Window w : windows) {
      double top = round(TOP + lanes.indexOf(w.nemesis()) * laneHeight);
      double left = round(px(seconds(w.startNanos())));
      double width = Math.max(1, round(px(seconds(w.endNanos())) - left));
      svg.append("<rect class=\"fault-window\" data-nemesis=\"").append(Html.escape(w.nemesis()))
          .append("\" x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(width)
          .append("\" height=\"").append(round(laneHeight)).append("\" fill=\"").append(Palette.kind(w.kind()))
          .append("\" fill-opacity=\"0.3\"><title>").append(Html.escape(w.nemesis() + " (" + w.kind() + ") "
              + Axis.format(seconds(w.startNanos())) + "–" + Axis.format(seconds(w.endNanos())) + " s"))
          .append("</title></rect>\n");
      kinds.add(w.kind());
    }
    for (int i = 0; i < lanes.size(); i++) {
      svg.append(text(LEFT + 3, round(TOP + (i + 0.5) * laneHeight + 4), "start", lanes.get(i)));
    }
    for (Op op : history.ops()) {
      if (op.isNemesis()) {
        svg.append(eventLine(op));
        kinds.add(kindOf(op));
      }
    }
    kinds.forEach(kind -> legendEntry(Palette.kind(kind), "none", "fault: " + kind));
  }

  private String eventLine(Op op) {
    double at = round(px(seconds(op.timeNanos())));
    String kind = kindOf(op);
    String detail = Values.string(op.value(), "detail");
    return "<line class=\"nemesis-event\" x1=\"" + at + "\" y1=\"" + TOP + "\" x2=\"" + at + "\" y2=\""
        + (TOP + PLOT_HEIGHT) + "\" stroke=\"" + Palette.kind(kind) + "\""
        + (Fn.HEAL.equals(op.f()) ? " stroke-dasharray=\"4 3\"" : "") + "><title>"
        + Html.escape(Axis.format(seconds(op.timeNanos())) + " s " + op.f() + " " + nemesisOf(op)
            + " (" + kind + ")" + (detail == null ? "" : ": " + detail))
        + "</title></line>\n";
  }

  private static String nemesisOf(Op op) {
    String name = Values.string(op.value(), "nemesis");
    return name == null ? "unnamed" : name;
  }

  private static String kindOf(Op op) {
    String kind = Values.string(op.value(), "kind");
    return kind == null ? "unknown" : kind;
  }

  private static String line(double x1, double y1, double x2, double y2, String stroke) {
    return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"" + stroke
        + "\"/>\n";
  }

  private static String text(double atX, double atY, String anchor, String text) {
    return "<text x=\"" + atX + "\" y=\"" + atY + "\" text-anchor=\"" + anchor + "\">" + Html.escape(text)
        + "</text>\n";
  }

  /** One decimal is plenty for pixels and keeps 20,000 points small. */
  static double round(double pixels) {
    return Math.round(pixels * 10) / 10.0;
  }
}
