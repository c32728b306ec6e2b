#!/usr/bin/env python3
"""Report of one `make bench` run (scripts/bench.sh), and the sweep's saturation check.

  report.py report DIR --stamp STAMP [--peers "rabbit nats"] [--setting k=v]... [--note TEXT]...
      reads DIR/peers/<peer>.log (the peers' output, RESULT lines) and DIR/raftq/*.json (raftq's summaries),
      and DIR/logs/<node>-gc.log (the nodes' GC logs), writes DIR/results.json and DIR/index.html and prints the
      summary table with each node's GC pauses.
  report.py saturated SUMMARY.json TARGET_RATE
      exit 0 when that sweep point got less than 90% of its target rate through (or left no summary), else 1.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

from comparison import all_ratios, markdown, table
from gc_pauses import describe as describe_gc, node_gc
from html_page import page
from peer_results import parse_result_lines, peer_figures
from raftq_results import (achieved_rate, is_saturated, load_summaries, load_summary, raftq_figures, sweep_points,
                           window_rate)

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def command_output(*command):
    """First line a command prints (on stdout, else stderr: java -version), or None when it fails."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0] if lines else ""


def git_state():
    """The commit measured, and whether the work tree had uncommitted changes (None: unknown)."""
    sha = command_output("git", "-C", REPO_ROOT, "rev-parse", "HEAD")
    status = command_output("git", "-C", REPO_ROOT, "status", "--porcelain", "--untracked-files=no")
    return {"sha": sha or "unknown", "dirty": None if status is None else status != ""}


def memory_mib():
    """MemTotal from /proc/meminfo; None where there is no /proc (macOS)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            total_kib = next(int(line.split()[1]) for line in f if line.startswith("MemTotal:"))
        return total_kib // 1024
    except (OSError, StopIteration):
        return None


def machine():
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"nproc": cores, "memory_mib": memory_mib(), "java": command_output("java", "-version") or "unknown"}


def read_peer_lines(directory, peers):
    """{peer: its RESULT lines}, from each peer's saved output."""
    lines = {}
    for peer in peers:
        try:
            with open(os.path.join(directory, "peers", peer + ".log"), encoding="utf-8", errors="replace") as f:
                lines[peer] = [line.strip() for line in f if line.startswith("RESULT")]
        except FileNotFoundError:
            lines[peer] = []
    return lines


def run_warnings(peers, peer_lines, figures):
    """What makes a figure doubtful: a peer that printed nothing, a run with failures or one that fell short."""
    warnings = [f"{peer}: no RESULT lines (see peers/{peer}.log)" for peer in peers if not peer_lines[peer]]
    for system, workloads in figures.items():
        for workload, values in workloads.items():
            if values.get("failed"):
                warnings.append(f"{system} {workload}: {values['failed']} failed sends")
            if values.get("complete") is False:
                warnings.append(f"{system} {workload}: incomplete (fewer messages than asked for)")
    return warnings


def collect(directory, stamp, peers, settings, notes):
    """Everything results.json holds."""
    peer_lines = read_peer_lines(directory, peers)
    summaries = load_summaries(os.path.join(directory, "raftq"))
    figures = {peer: peer_figures(parse_result_lines(peer_lines[peer])) for peer in peers}
    figures["raftq"] = raftq_figures(summaries)
    return {
        "stamp": stamp,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "git": git_state(),
        "machine": machine(),
        "settings": settings,
        "notes": notes,
        "peers": peers,
        "figures": figures,
        "ratios": all_ratios(figures, peers),
        "sweep": sweep_points(os.path.join(directory, "raftq")),
        "peer_result_lines": peer_lines,
        "raftq_summaries": summaries,
        "gc": node_gc(directory),
        "warnings": run_warnings(peers, peer_lines, figures),
    }


def write_report(directory, results):
    header, rows = table(results["figures"], results["peers"], results["ratios"])
    with open(os.path.join(directory, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    with open(os.path.join(directory, "index.html"), "w", encoding="utf-8") as f:
        f.write(page(results, header, rows))
    return header, rows


def print_summary(results, header, rows):
    print(markdown(header, rows))
    for meaning in sorted({r["meaning"] for r in results["ratios"].values() if r}):
        print(f"  ratio: {meaning}")
    for node, summary in results.get("gc", {}).items():
        print(f"  GC {describe_gc(node, summary)}")
    for note in results["notes"]:
        print(f"  note: {note}")
    for warning in results["warnings"]:
        print(f"  WARNING: {warning}")


def report(args):
    settings = dict(item.split("=", 1) for item in args.setting)
    results = collect(args.directory, args.stamp, args.peers.split(), settings, args.note)
    header, rows = write_report(args.directory, results)
    print_summary(results, header, rows)
    return 0


def saturated(args):
    summary = load_summary(args.summary)
    target = int(args.target_rate)
    print(f"sweep {target:,} msgs/s: achieved {achieved_rate(summary):,.0f} msgs/s"
          f" (in the measured window: {window_rate(summary):,.0f})")
    return 0 if is_saturated(summary, target) else 1


def parse_args(argv):
    parser = argparse.ArgumentParser(description="make bench: report and sweep check")
    commands = parser.add_subparsers(dest="command", required=True)
    report_args = commands.add_parser("report", help="write results.json and index.html, print the table")
    report_args.add_argument("directory")
    report_args.add_argument("--stamp", required=True)
    report_args.add_argument("--peers", default="", help="the peers that were run, space separated")
    report_args.add_argument("--setting", action="append", default=[], help="k=v recorded in results.json")
    report_args.add_argument("--note", action="append", default=[], help="a remark on the run")
    report_args.set_defaults(run=report)
    saturated_args = commands.add_parser("saturated", help="exit 0 if a sweep point missed 90%% of its rate")
    saturated_args.add_argument("summary")
    saturated_args.add_argument("target_rate")
    saturated_args.set_defaults(run=saturated)
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args(sys.argv[1:])
    sys.exit(arguments.run(arguments))
