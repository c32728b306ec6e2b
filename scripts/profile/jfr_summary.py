#!/usr/bin/env python3
"""Where CPU goes in JFR recordings of raftq nodes: `jfr_summary.py n1.jfr n2.jfr ...`.

Prints, over all recordings together: the share of Java execution samples by top frame, by thread (numbers and
group ids folded, so that 300 partitions' apply threads are one line), and by the first raftq frame on the stack;
then the busiest native frames (RocksDB, fsync), excluding threads that only wait. Uses the JDK's `jfr` tool.
"""
import collections
import json
import re
import subprocess
import sys

WAITING = ("epoll", "park", "accept", "Thread.sleep", "Object.wait", "poll")


def events(path, kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, path],
                         capture_output=True, text=True, check=True).stdout
    for ev in json.loads(out)["recording"]["events"]:
        stack = ev["values"].get("stackTrace")
        if stack and stack["frames"]:
            yield ev["values"].get("sampledThread") or {}, stack["frames"]


def frame_name(frame):
    return frame["method"]["type"]["name"].replace("/", ".") + "." + frame["method"]["name"]


def thread_name(thread):
    name = thread.get("javaName") or thread.get("osName") or "?"
    return re.sub(r"[0-9]+", "N", re.sub(r"group-[0-9A-F]+", "group-*", name))


def first_raftq_frame(frames):
    return next((frame_name(f) for f in frames if frame_name(f).startswith("io.raftq")), None)


def print_shares(title, counter, total, limit):
    print(f"-- {title}")
    for name, count in counter.most_common(limit):
        print(f"{count * 100 / total:5.1f}%  {name}")


def main(paths):
    top, threads, ours, native = (collections.Counter() for _ in range(4))
    java_total = 0
    for path in paths:
        for thread, frames in events(path, "jdk.ExecutionSample"):
            java_total += 1
            top[frame_name(frames[0])] += 1
            threads[thread_name(thread)] += 1
            ours[first_raftq_frame(frames) or "(no raftq frame)"] += 1
        for thread, frames in events(path, "jdk.NativeMethodSample"):
            name = frame_name(frames[0])
            if not any(w.lower() in name.lower() for w in WAITING):
                native[f"{thread_name(thread)}  {name}"] += 1
    print(f"Java execution samples: {java_total}")
    print_shares("top frames", top, java_total, 20)
    print_shares("threads", threads, java_total, 12)
    print_shares("first raftq frame", ours, java_total, 20)
    print(f"-- native samples outside waits (count; sampled half as often as Java by the profile settings)")
    for name, count in native.most_common(10):
        print(f"{count:6d}  {name}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: jfr_summary.py RECORDING.jfr [...]")
    main(sys.argv[1:])
