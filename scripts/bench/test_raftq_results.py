"""raftq's bench summaries as figures, and the sweep's saturation rule (run: make bench-selftest)."""
import unittest

from raftq_results import achieved_rate, is_saturated, summary_figures


def run(measured, sent, consumed, window_rate, e2e_max_ms):
    """An e2e summary (5 s warm-up) as raftq bench --json prints it, with the fields the saturation rule reads."""
    histogram = {"count": 1, "p50": 1.0, "p99": 1.0, "p999": 1.0, "max": e2e_max_ms} if e2e_max_ms else {"count": 0}
    return {"mode": "e2e", "warmupSeconds": 5.0, "measuredSeconds": measured, "msgsPerSec": window_rate,
            "counts": {"sent": sent, "consumed": consumed}, "latencyMs": histogram}


class SaturationTest(unittest.TestCase):
    def test_a_producer_on_schedule_is_not_saturated(self):
        on_schedule = run(measured=20.0, sent=50000, consumed=50000, window_rate=2000, e2e_max_ms=700)
        self.assertFalse(is_saturated(on_schedule, 2000), "50,000 in 25.7 s: 1,946 msgs/s")

    def test_a_producer_that_overran_the_window_is_saturated(self):
        # Every message of the window arrived (in-window rate = target), but 2.9 s late: the producer lagged.
        late = run(measured=3.0, sent=64000, consumed=64000, window_rate=8000, e2e_max_ms=2886)
        self.assertEqual(5879, round(achieved_rate(late)))
        self.assertTrue(is_saturated(late, 8000))

    def test_a_producer_that_stopped_short_is_saturated(self):
        short = run(measured=3.0, sent=42765, consumed=42765, window_rate=0, e2e_max_ms=None)
        self.assertEqual(5346, round(achieved_rate(short)), "what got through, though none of the window did")
        self.assertTrue(is_saturated(short, 16000))

    def test_a_run_without_summary_is_saturated(self):
        self.assertTrue(is_saturated(None, 2000), "a run that printed no summary ends the sweep")


class SummaryFiguresTest(unittest.TestCase):
    def test_e2e_summary_gives_e2e_and_confirm_percentiles(self):
        figures = summary_figures({
            "mode": "e2e", "msgsPerSec": 2000.0, "complete": True, "counts": {"failed": 0},
            "latencyMs": {"count": 60000, "p50": 9.3, "p99": 28.9, "p999": 40.1},
            "secondaryLatencyMs": {"count": 60000, "p50": 5.0, "p99": 20.0, "p999": 30.0},
        })
        self.assertEqual((9.3, 28.9, 40.1), (figures["e2e_p50_ms"], figures["e2e_p99_ms"], figures["e2e_p999_ms"]))
        self.assertEqual(20.0, figures["confirm_p99_ms"])

    def test_an_empty_histogram_is_no_latency_figure(self):
        figures = summary_figures({"mode": "e2e", "latencyMs": {"count": 0, "p50": 0.0, "p99": 0.0, "p999": 0.0}})
        self.assertIsNone(figures["e2e_p50_ms"])


if __name__ == "__main__":
    unittest.main()
