"""index.html for one bench run: a self-contained page (inline CSS and SVG, nothing fetched from anywhere)."""
import html
import math

from comparison import TABLE_ROWS, display_name, figure, format_ms, format_rate

SYSTEM_COLORS = {"raftq": "#d62728", "rabbit": "#ff7f0e", "nats": "#1f77b4", "kafka": "#2ca02c"}
SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#9467bd"]
STYLE = """
body { font-family: sans-serif; margin: 2em; max-width: 70em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
svg { margin: 0.5em 1em 0.5em 0; }
svg text { font-size: 12px; }
pre { background: #f5f5f5; padding: 0.7em; overflow-x: auto; font-size: 12px; }
.charts { display: flex; flex-wrap: wrap; }
"""


def esc(value):
    return html.escape(str(value))


def page(results, header, rows):
    """The whole page: context, summary table, a chart per workload, the latency-vs-rate curve, raw figures."""
    body = [
        f"<h1>raftq bench {esc(results['stamp'])}</h1>",
        context_section(results),
        "<h2>Summary</h2>",
        html_table(header, rows),
        ratio_legend(results["ratios"]),
        "<h2>Per workload</h2>",
        '<div class="charts">' + "".join(workload_charts(results)) + "</div>",
        "<h2>raftq: W3 latency vs rate (1 partition)</h2>",
        latency_curve(results["sweep"]),
        sweep_table(results["sweep"]),
        raw_section(results),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>raftq bench {esc(results['stamp'])}</title><style>{STYLE}</style></head>"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def context_section(results):
    machine, git = results["machine"], results["git"]
    items = [
        f"date {esc(results['date'])}",
        f"git {esc(git['sha'])}{' (uncommitted changes)' if git.get('dirty') else ''}",
        f"{esc(machine['nproc'])} cores, {esc(machine['memory_mib'])} MiB, {esc(machine['java'])}",
        "settings: " + ", ".join(f"{esc(k)}={esc(v)}" for k, v in results["settings"].items()),
    ] + [esc(note) for note in results["notes"]]
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def html_table(header, rows):
    head = "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{head}{body}</table>"


def ratio_legend(ratios):
    meanings = sorted({r["meaning"] for r in ratios.values() if r})
    return "<p>Ratios: " + "; ".join(esc(m) for m in meanings) + ".</p>" if meanings else ""


def workload_charts(results):
    systems = results["peers"] + ["raftq"]
    figures = results["figures"]
    for workload, label, kind in TABLE_ROWS:
        measured = [s for s in systems if figures.get(s, {}).get(workload)]
        if kind == "throughput":
            groups = [(s, [figure(figures, s, workload, "msgs_per_sec")]) for s in measured]
            yield bar_chart(label, groups, ["msgs/s"])
        else:
            names = ["e2e_p50_ms", "e2e_p99_ms", "e2e_p999_ms"]
            groups = [(s, [figure(figures, s, workload, n) for n in names]) for s in measured]
            yield bar_chart(label.replace("p50/p99", "e2e latency,"), groups, ["p50", "p99", "p99.9"])


def nice_ceiling(value):
    """The smallest 1, 2 or 5 x 10^k at or above value: a round top for an axis."""
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= value)


def axis_divisions(top):
    """Tick intervals for an axis from 0 to a nice_ceiling top, so that every tick is round too."""
    leading_digit = round(top / 10 ** math.floor(math.log10(top)))
    return 4 if leading_digit == 2 else 5


def format_value(value):
    return format_rate(value) if value >= 100 else format_ms(value)


def bar_chart(title, groups, series):
    """Grouped bars: groups = [(system, [value per series])]; one series is coloured by system, more by series."""
    values = [v for _, vs in groups for v in vs if v]
    if not values:
        return f"<p>{esc(title)}: no figures.</p>"
    width, height, left, top, bottom = 420, 250, 60, 30, 45
    plot_w, plot_h = width - left - 10, height - top - bottom
    y_top = nice_ceiling(max(values))
    divisions = axis_divisions(y_top)
    group_w = plot_w / len(groups)
    bar_w = group_w * 0.7 / len(series)
    parts = [svg_open(width, height), svg_text(width / 2, 16, title, anchor="middle", bold=True)]
    for step in range(divisions + 1):
        tick = y_top * step / divisions
        y = top + plot_h - plot_h * step / divisions
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(svg_text(left - 5, y + 4, format_value(tick) if tick else "0", anchor="end"))
    for g, (system, vs) in enumerate(groups):
        x0 = left + g * group_w + group_w * 0.15
        for s, value in enumerate(vs):
            if not value:
                continue
            bar_h = plot_h * value / y_top
            x, y = x0 + s * bar_w, top + plot_h - bar_h
            color = SYSTEM_COLORS.get(system, "#777") if len(series) == 1 else SERIES_COLORS[s]
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.9:.1f}" height="{bar_h:.1f}" fill="{color}">'
                f"<title>{esc(display_name(system))} {esc(series[s])}: {esc(format_value(value))}</title></rect>"
            )
            parts.append(svg_text(x + bar_w * 0.45, y - 3, format_value(value), anchor="middle", size=10))
        parts.append(svg_text(left + (g + 0.5) * group_w, height - bottom + 16, display_name(system), anchor="middle"))
    if len(series) > 1:
        parts.append(legend(series, SERIES_COLORS, left, height - 12))
    return "".join(parts) + "</svg>"


def latency_curve(points):
    """p50 and p99 end-to-end latency (log y) against the target rate (log x); saturated points hollow, and a
    rate that delivered nothing in its window is marked on the axis."""
    measured = [p for p in points if p["e2e_p50_ms"] and p["e2e_p99_ms"]]
    if not measured:
        return "<p>No sweep points.</p>"
    width, height, left, top, bottom, right = 640, 320, 70, 20, 60, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    rates = [p["target_rate"] for p in points]
    x_lo, x_hi = math.log2(min(rates)), math.log2(max(rates))
    latencies = [p[k] for p in measured for k in ("e2e_p50_ms", "e2e_p99_ms")]
    y_lo, y_hi = math.floor(math.log10(min(latencies))), math.ceil(math.log10(max(latencies)))
    y_hi = max(y_hi, y_lo + 1)

    def x_of(rate):
        return left + (plot_w / 2 if x_hi == x_lo else plot_w * (math.log2(rate) - x_lo) / (x_hi - x_lo))

    def y_of(ms):
        return top + plot_h - plot_h * (math.log10(ms) - y_lo) / (y_hi - y_lo)

    parts = [svg_open(width, height)]
    for tick in log_ticks(y_lo, y_hi):
        y = y_of(tick)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(svg_text(left - 5, y + 4, f"{tick:,g} ms", anchor="end"))
    for point in points:
        x = x_of(point["target_rate"])
        parts.append(svg_text(x, top + plot_h + 16, f"{point['target_rate']:,}", anchor="middle"))
        if point not in measured:
            parts.append(svg_text(x, top + plot_h - 6, "saturated", anchor="middle", size=10))
    parts.append(svg_text(left + plot_w / 2, height - 26, "target rate, msgs/s", anchor="middle"))
    for name, color in (("e2e_p50_ms", SERIES_COLORS[0]), ("e2e_p99_ms", SERIES_COLORS[1])):
        line = " ".join(f"{x_of(p['target_rate']):.1f},{y_of(p[name]):.1f}" for p in measured)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="2"/>')
        parts.extend(curve_marker(p, x_of(p["target_rate"]), y_of(p[name]), name, color) for p in measured)
    parts.append(legend(["p50", "p99", "(hollow: below 90% of the target rate)"], SERIES_COLORS[:2] + ["none"],
                        left, height - 8))
    return "".join(parts) + "</svg>"


def log_ticks(lowest_decade, highest_decade):
    """1, 2 and 5 x 10^k from 10^lowest to 10^highest: a log axis readable without counting gridlines."""
    ticks = [m * 10.0**d for d in range(lowest_decade, highest_decade) for m in (1, 2, 5)]
    return ticks + [10.0**highest_decade]


def curve_marker(point, x, y, name, color):
    fill = "white" if point["saturated"] else color
    tip = (f"target {point['target_rate']:,} msgs/s, achieved {format_rate(point['achieved_rate'])}: "
           f"{name.split('_')[1]} {format_ms(point[name])} ms")
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="{color}" stroke-width="2">'
            f"<title>{esc(tip)}</title></circle>")


def sweep_table(points):
    header = ["target msgs/s", "achieved msgs/s", "in window msgs/s", "e2e p50 ms", "e2e p99 ms", "e2e p99.9 ms",
              "confirm p99 ms"]
    rows = [
        [format_rate(p["target_rate"]), format_rate(p["achieved_rate"]) + (" (saturated)" if p["saturated"] else ""),
         format_rate(p["window_rate"]), format_ms(p["e2e_p50_ms"]), format_ms(p["e2e_p99_ms"]),
         format_ms(p["e2e_p999_ms"]), format_ms(p["confirm_p99_ms"])]
        for p in points
    ]
    if not rows:
        return ""
    return html_table(header, rows) + (
        "<p>achieved: messages sent and consumed over the time the producer needed (a producer behind its schedule"
        " overruns the window); in window: messages scheduled inside the measured window that arrived, per second;"
        " saturated: achieved below 90% of the target, where the sweep stops.</p>")


def raw_section(results):
    peer_lines = [line for peer in results["peers"] for line in results["peer_result_lines"].get(peer, [])]
    parts = ["<h2>Raw figures</h2>"]
    if peer_lines:
        parts.append("<h3>Peer RESULT lines</h3><pre>" + esc("\n".join(peer_lines)) + "</pre>")
    parts.append("<p>raftq's JSON summaries, every figure and the warnings are in <code>results.json</code> beside"
                 " this page.</p>")
    if results["warnings"]:
        parts.append("<h3>Warnings</h3><ul>" + "".join(f"<li>{esc(w)}</li>" for w in results["warnings"]) + "</ul>")
    return "\n".join(parts)


def svg_open(width, height):
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'


def svg_text(x, y, text, anchor="start", size=12, bold=False):
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{weight}>'
            f"{esc(text)}</text>")


def legend(names, colors, x, y):
    parts, offset = [], 0
    for name, color in zip(names, colors):
        if color != "none":
            parts.append(f'<rect x="{x + offset}" y="{y - 9}" width="10" height="10" fill="{color}"/>')
            offset += 14
        parts.append(svg_text(x + offset, y, name))
        offset += 8 * len(name) + 16
    return "".join(parts)
