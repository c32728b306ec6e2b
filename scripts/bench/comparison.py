"""raftq against the best peer on each workload, and the summary table of all systems.

Figures are {system: {workload: {figure: value}}} as peer_results and raftq_results produce them.
"""

PEER_NAMES = {"rabbit": "RabbitMQ QQ", "nats": "NATS JetStream", "kafka": "Kafka"}

# (workload, row label, kind): throughput rows compare msgs/s, latency rows W3's end-to-end p50 and p99.
TABLE_ROWS = [
    ("W1", "W1 msg/s", "throughput"),
    ("W2", "W2 msg/s", "throughput"),
    ("W3-1p", "W3 1p p50/p99 ms", "latency"),
    ("W3-4p", "W3 4p p50/p99 ms", "latency"),
]
RATIO_MEANING = {
    "throughput": "raftq msgs/s / best peer's (above 1: raftq is faster)",
    "latency": "raftq latency / best peer's (above 1: raftq is slower)",
}
MISSING = "-"


def display_name(system):
    return "raftq" if system == "raftq" else PEER_NAMES.get(system, system)


def figure(figures, system, workload, name):
    return figures.get(system, {}).get(workload, {}).get(name)


def best_peer_throughput(figures, peers, workload):
    """The peer with the most msgs/s on the workload; None when no peer has the figure."""
    measured = [p for p in peers if figure(figures, p, workload, "msgs_per_sec")]
    return max(measured, key=lambda p: figure(figures, p, workload, "msgs_per_sec"), default=None)


def best_peer_latency(figures, peers, workload):
    """The peer with the lowest end-to-end p99 (then p50): W3 is about the tail."""
    measured = [p for p in peers if figure(figures, p, workload, "e2e_p99_ms")]
    return min(
        measured,
        key=lambda p: (figure(figures, p, workload, "e2e_p99_ms"), figure(figures, p, workload, "e2e_p50_ms") or 0),
        default=None,
    )


def ratio(value, reference):
    return round(value / reference, 3) if value is not None and reference else None


def ratio_vs_best_peer(figures, peers, workload, kind):
    """{"best_peer", "kind", ratios...} for one workload; None when raftq or every peer lacks the figure."""
    if kind == "throughput":
        best = best_peer_throughput(figures, peers, workload)
        names = ["msgs_per_sec"]
    else:
        best = best_peer_latency(figures, peers, workload)
        names = ["e2e_p50_ms", "e2e_p99_ms"]
    if best is None or figure(figures, "raftq", workload, names[0]) is None:
        return None
    ratios = {
        name: ratio(figure(figures, "raftq", workload, name), figure(figures, best, workload, name)) for name in names
    }
    return {"best_peer": best, "kind": kind, "meaning": RATIO_MEANING[kind], "ratios": ratios}


def all_ratios(figures, peers):
    return {workload: ratio_vs_best_peer(figures, peers, workload, kind) for workload, _, kind in TABLE_ROWS}


def format_rate(value):
    return MISSING if value is None else f"{value:,.0f}"


def format_ms(value):
    """Three significant digits: 4.67, 14.5, 239."""
    if value is None:
        return MISSING
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def format_ratio(value):
    return MISSING if value is None else format_ms(value) + "x"


def figure_cell(figures, system, workload, kind):
    if kind == "throughput":
        return format_rate(figure(figures, system, workload, "msgs_per_sec"))
    p50 = figure(figures, system, workload, "e2e_p50_ms")
    p99 = figure(figures, system, workload, "e2e_p99_ms")
    return MISSING if p50 is None and p99 is None else f"{format_ms(p50)} / {format_ms(p99)}"


def ratio_cell(comparison):
    if comparison is None:
        return MISSING
    ratios = " / ".join(format_ratio(r) for r in comparison["ratios"].values())
    return f"{ratios} ({display_name(comparison['best_peer'])})"


def table(figures, peers, ratios):
    """(header, rows) of the summary table: one column per system, then raftq vs the best peer."""
    header = ["workload"] + [display_name(s) for s in peers + ["raftq"]] + ["raftq vs best peer"]
    rows = [
        [label]
        + [figure_cell(figures, s, workload, kind) for s in peers + ["raftq"]]
        + [ratio_cell(ratios.get(workload))]
        for workload, label, kind in TABLE_ROWS
    ]
    return header, rows


def markdown(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
