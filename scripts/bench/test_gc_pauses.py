"""GC log parsing for the bench report (run: make bench-selftest)."""
import unittest

from gc_pauses import describe, parse_pauses, summarize

G1_LOG = """\
[0.012s] Using G1
[1.500s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->9M(1024M) 12.500ms
[2.000s] GC(1) Concurrent Mark Cycle
[2.100s] GC(1) Pause Remark 30M->30M(1024M) 3.250ms
[2.200s] GC(1) Pause Cleanup 30M->30M(1024M) 0.100ms
[2.300s] GC(1) Concurrent Mark Cycle 300.000ms
[10.000s] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 600M->200M(1024M) 433.000ms
"""


class ParseTest(unittest.TestCase):
    def test_takes_every_pause_and_no_concurrent_phase(self):
        pauses = parse_pauses(G1_LOG.splitlines())
        self.assertEqual([(1.5, 12.5), (2.1, 3.25), (2.2, 0.1), (10.0, 433.0)], pauses)

    def test_zgc_pause_lines_count_too(self):
        line = "[5.000s] GC(7) Pause Mark Start 0.021ms"
        self.assertEqual([(5.0, 0.021)], parse_pauses([line]))


class SummaryTest(unittest.TestCase):
    def test_summary_of_a_node(self):
        summary = summarize(parse_pauses(G1_LOG.splitlines()))
        self.assertEqual(4, summary["pauses"])
        self.assertEqual(448.9, summary["total_ms"])
        self.assertEqual(433.0, summary["max_ms"])
        self.assertEqual(433.0, summary["p99_ms"], "nearest rank: the 99th percentile of 4 values is the largest")
        self.assertAlmostEqual(0.0449, summary["paused_share"], places=4)
        self.assertIn("4 GC pauses", describe("n1", summary))

    def test_no_pauses(self):
        summary = summarize([])
        self.assertEqual(0, summary["pauses"])
        self.assertIsNone(summary["max_ms"])
        self.assertEqual("n2: no GC pauses logged", describe("n2", summary))


if __name__ == "__main__":
    unittest.main()
