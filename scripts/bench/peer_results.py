"""The peer harness's RESULT lines, parsed into flat fields and then into figures comparable with raftq's.

A line looks like
  RESULT nats W1 producers=4 ... msgs/s=17185 MB/s=17.60 confirm n=515550 p50=221.90ms ... failed=0 sent=545459
  RESULT rabbit W3 rate=2000 ... e2e n=60000 p50=13.08ms ... | confirm n=60000 p50=12.09ms ... failed=0
  RESULT rabbit W2 consumers=4 ... msgs/s=135077 (incl. subscribe setup: 5.10s, 98154 msgs/s)
  RESULT nats preload count=500000 acked=500000 failed=0 in 19.0s = 26275 msgs/s
"""
import re

RESULT_LINE = re.compile(r"^RESULT (\S+) (\S+) (.*)$")
TRAILING_NOTE = re.compile(r"\s*\((.*)\)\s*$")
PRELOAD_RATE = re.compile(r"\bin ([\d.]+)s = ([\d.]+) msgs/s")
# Keys of a latency histogram; a bare word before them ("e2e", "confirm") names the histogram.
HISTOGRAM_KEYS = {"n", "p50", "p99", "p99.9", "max", "mean"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

# The harness's W3 uses one queue / stream: raftq's 1-partition W3 is the like-for-like figure.
WORKLOAD_KEYS = {"W1": "W1", "W2": "W2", "W3": "W3-1p", "preload": "W2-preload"}


def parse_result_line(line):
    """One RESULT line -> {"system", "workload", "fields", "raw"}; None for any other line."""
    match = RESULT_LINE.match(line.strip())
    if not match:
        return None
    system, workload, rest = match.groups()
    fields = {}
    note = TRAILING_NOTE.search(rest)
    if note:
        fields["note"] = note.group(1)
        rest = rest[: note.start()]
    rest = PRELOAD_RATE.sub(r"secs=\1 msgs/s=\2", rest)
    fields.update(parse_key_values(rest))
    return {"system": system, "workload": workload, "fields": fields, "raw": line.strip()}


def parse_key_values(text):
    """key=value tokens into a dict; histogram keys get the histogram's name as prefix ("e2e.p99")."""
    fields, histogram = {}, ""
    for token in text.split():
        if "=" not in token:
            histogram = "" if token == "|" else token + "."
            continue
        key, value = token.split("=", 1)
        fields[(histogram if key in HISTOGRAM_KEYS else "") + key] = parse_value(value)
    return fields


def parse_value(text):
    """'221.90ms' -> 221.9 (latencies are in ms), '3.71s' -> 3.71, 'true' -> True, '17185' -> 17185."""
    if text in ("true", "false"):
        return text == "true"
    number = re.sub(r"(ms|s)$", "", text)
    if NUMBER.match(number):
        return float(number) if "." in number else int(number)
    return text


def parse_result_lines(lines):
    """The parsed RESULT lines among any output lines, in order."""
    return [r for r in (parse_result_line(line) for line in lines) if r is not None]


def peer_figures(results):
    """Parsed RESULT lines of one peer -> {workload: figures}; a later line for a workload wins."""
    figures = {}
    for result in results:
        workload = WORKLOAD_KEYS.get(result["workload"])
        if workload:
            figures[workload] = FIGURES_OF[result["workload"]](result["fields"])
    return figures


def latency(fields, histogram, prefix):
    return {
        prefix + "_p50_ms": fields.get(histogram + ".p50"),
        prefix + "_p99_ms": fields.get(histogram + ".p99"),
        prefix + "_p999_ms": fields.get(histogram + ".p99.9"),
    }


def w1_figures(fields):
    return {
        "msgs_per_sec": fields.get("msgs/s"),
        "mb_per_sec": fields.get("MB/s"),
        **latency(fields, "confirm", "confirm"),
        "failed": fields.get("failed"),
    }


def w2_figures(fields):
    return {"msgs_per_sec": fields.get("msgs/s"), "complete": fields.get("complete")}


def w3_figures(fields):
    return {
        **latency(fields, "e2e", "e2e"),
        **latency(fields, "confirm", "confirm"),
        "sent_in_window": fields.get("sentInWindow"),
        "received_in_window": fields.get("receivedInWindow"),
        "failed": fields.get("failed"),
    }


def preload_figures(fields):
    return {"msgs_per_sec": fields.get("msgs/s"), "failed": fields.get("failed")}


FIGURES_OF = {"W1": w1_figures, "W2": w2_figures, "W3": w3_figures, "preload": preload_figures}
