"""Stop-the-world pauses of the raftq nodes, from their GC logs (-Xlog:gc:file=...:uptime, one per node).

A pause line ends with its duration, whatever the collector: G1 and Parallel log "Pause Young (...) ... 12.345ms",
ZGC "Pause Mark Start 0.012ms" (with gc+phases). Pauses decide the tail of W3's latency, so the report shows them
next to it.
"""
import glob
import os
import re

PAUSE = re.compile(r"^\[(?P<uptime>[\d.]+)s\].*\bPause\b.*?(?P<ms>[\d.]+)ms\s*$")


def parse_pauses(lines):
    """[(uptime seconds, pause ms)] of the pause lines among `lines`."""
    pauses = []
    for line in lines:
        match = PAUSE.match(line.strip())
        if match:
            pauses.append((float(match.group("uptime")), float(match.group("ms"))))
    return pauses


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an ascending list; None when empty."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * fraction // 1))
    return sorted_values[int(rank) - 1]


def summarize(pauses):
    """Count, total, p99 and max of one node's pauses (ms), and the share of its uptime spent paused."""
    durations = sorted(ms for _, ms in pauses)
    uptime_s = max((t for t, _ in pauses), default=0.0)
    total = sum(durations)
    return {
        "pauses": len(durations),
        "total_ms": round(total, 1),
        "p99_ms": percentile(durations, 0.99),
        "max_ms": durations[-1] if durations else None,
        "paused_share": round(total / 1000 / uptime_s, 4) if uptime_s > 0 else None,
    }


def node_gc(directory):
    """{node: summary} for every logs/<node>-gc.log under a bench run's directory."""
    result = {}
    for path in sorted(glob.glob(os.path.join(directory, "logs", "*-gc.log"))):
        node = os.path.basename(path)[: -len("-gc.log")]
        with open(path, encoding="utf-8", errors="replace") as f:
            result[node] = summarize(parse_pauses(f))
    return result


def describe(node, summary):
    """One line for the printed report."""
    if not summary["pauses"]:
        return f"{node}: no GC pauses logged"
    return (f"{node}: {summary['pauses']} GC pauses, {summary['total_ms']:,.0f} ms in all"
            f" ({summary['paused_share']:.1%} of its uptime), p99 {summary['p99_ms']:.1f} ms,"
            f" max {summary['max_ms']:.1f} ms")
