"""raftq's bench summaries (`raftq bench ... --json`, one file per run) as figures comparable with the peers'."""
import json
import os
import re

# The file scripts/bench.sh writes for each workload.
SUMMARY_FILES = {
    "W1": "w1.json",
    "W2-preload": "w2-preload.json",
    "W2": "w2.json",
    "W3-1p": "w3-1p.json",
    "W3-4p": "w3-4p.json",
}
SWEEP_FILE = re.compile(r"^sweep-(\d+)\.json$")
# A sweep point that delivers less than this share of its target rate is past saturation.
SATURATION_SHARE = 0.9


def load_summary(path):
    """The JSON summary a bench run printed (its last line starting with '{'); None if it printed none."""
    try:
        with open(path, encoding="utf-8") as f:
            documents = [line for line in f if line.startswith("{")]
    except FileNotFoundError:
        return None
    try:
        return json.loads(documents[-1]) if documents else None
    except json.JSONDecodeError:
        return None


def load_summaries(directory):
    """{workload: summary} for every workload whose run left a summary."""
    loaded = {w: load_summary(os.path.join(directory, f)) for w, f in SUMMARY_FILES.items()}
    return {w: s for w, s in loaded.items() if s is not None}


def latency(histogram, prefix):
    """Percentiles in ms; None for a histogram that recorded nothing (its zeros are no measurement)."""
    histogram = histogram if histogram and histogram.get("count") else {}
    return {
        prefix + "_p50_ms": histogram.get("p50"),
        prefix + "_p99_ms": histogram.get("p99"),
        prefix + "_p999_ms": histogram.get("p999"),
    }


def summary_figures(summary):
    """The figures of one run: throughput, and latency named by what it timed (e2e runs: e2e and confirm)."""
    figures = {
        "msgs_per_sec": summary.get("msgsPerSec"),
        "mb_per_sec": summary.get("mbPerSec"),
        "complete": summary.get("complete"),
        "failed": summary.get("counts", {}).get("failed"),
    }
    if summary.get("mode") == "e2e":
        figures.update(latency(summary.get("latencyMs"), "e2e"))
        figures.update(latency(summary.get("secondaryLatencyMs"), "confirm"))
    elif summary.get("latencyMs"):
        figures.update(latency(summary.get("latencyMs"), "confirm"))
    return figures


def raftq_figures(summaries):
    return {workload: summary_figures(summary) for workload, summary in summaries.items()}


def achieved_rate(summary):
    """Messages per second that got through an e2e run (sent and consumed) over the time its producer needed.

    Neither the target nor the in-window rate says what the cluster sustained: a producer that falls behind its
    schedule either keeps sending past the window's end, by at most the largest end-to-end latency (which counts
    from the scheduled time), or stops short at the end, having sent few of the window's messages. So the run
    took warm-up + window + that overrun. 0 for a run that left no summary.
    """
    if not summary:
        return 0
    counts = summary.get("counts", {})
    got_through = min(counts.get("sent", 0), counts.get("consumed", counts.get("sent", 0)))
    overrun_seconds = ((summary.get("latencyMs") or {}).get("max") or 0) / 1000
    seconds = summary.get("warmupSeconds", 0) + summary.get("measuredSeconds", 0) + overrun_seconds
    return got_through / seconds if seconds else 0


def window_rate(summary):
    """Messages scheduled inside the measured window that arrived, per second (the bench's own msgs/s)."""
    return (summary or {}).get("msgsPerSec") or 0


def is_saturated(summary, target_rate):
    """Whether a sweep point got less than 90% of its target rate through (or left no summary at all)."""
    return achieved_rate(summary) < SATURATION_SHARE * target_rate


def sweep_point(target_rate, summary):
    return {
        "target_rate": target_rate,
        "achieved_rate": round(achieved_rate(summary)),
        "window_rate": window_rate(summary),
        "saturated": is_saturated(summary, target_rate),
        **latency(summary.get("latencyMs"), "e2e"),
        **latency(summary.get("secondaryLatencyMs"), "confirm"),
    }


def sweep_points(directory):
    """The latency-vs-rate sweep, by target rate; points whose run left no summary are left out."""
    points = []
    for name in os.listdir(directory) if os.path.isdir(directory) else []:
        match = SWEEP_FILE.match(name)
        summary = load_summary(os.path.join(directory, name)) if match else None
        if summary:
            points.append(sweep_point(int(match.group(1)), summary))
    return sorted(points, key=lambda p: p["target_rate"])
