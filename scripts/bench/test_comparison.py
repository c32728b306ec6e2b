"""raftq vs the best peer, and the summary table (run: make bench-selftest)."""
import unittest

from comparison import all_ratios, markdown, ratio_vs_best_peer, table

FIGURES = {
    "rabbit": {
        "W1": {"msgs_per_sec": 12617},
        "W3-1p": {"e2e_p50_ms": 4.67, "e2e_p99_ms": 14.46},
    },
    "nats": {
        "W1": {"msgs_per_sec": 28498},
        "W3-1p": {"e2e_p50_ms": 1.69, "e2e_p99_ms": 15.11},
    },
    "raftq": {
        "W1": {"msgs_per_sec": 14249},
        "W2": {"msgs_per_sec": 10690},
        "W3-1p": {"e2e_p50_ms": 9.34, "e2e_p99_ms": 28.92},
        "W3-4p": {"e2e_p50_ms": 12.0, "e2e_p99_ms": 40.0},
    },
}
PEERS = ["rabbit", "nats"]


class RatioTest(unittest.TestCase):
    def test_throughput_is_compared_with_the_fastest_peer(self):
        comparison = ratio_vs_best_peer(FIGURES, PEERS, "W1", "throughput")
        self.assertEqual("nats", comparison["best_peer"])
        self.assertEqual(0.5, comparison["ratios"]["msgs_per_sec"])

    def test_latency_is_compared_with_the_peer_of_the_lowest_p99(self):
        comparison = ratio_vs_best_peer(FIGURES, PEERS, "W3-1p", "latency")
        self.assertEqual("rabbit", comparison["best_peer"], "rabbit's p99 is lower although nats' p50 is")
        self.assertEqual(2.0, comparison["ratios"]["e2e_p50_ms"])
        self.assertEqual(2.0, comparison["ratios"]["e2e_p99_ms"])

    def test_no_ratio_without_a_peer_figure(self):
        ratios = all_ratios(FIGURES, PEERS)
        self.assertIsNone(ratios["W2"])
        self.assertIsNone(ratios["W3-4p"])
        self.assertIsNone(ratio_vs_best_peer(FIGURES, [], "W1", "throughput"))


class TableTest(unittest.TestCase):
    def test_rows_show_figures_and_ratios_with_dashes_for_gaps(self):
        header, rows = table(FIGURES, PEERS, all_ratios(FIGURES, PEERS))
        self.assertEqual(["workload", "RabbitMQ QQ", "NATS JetStream", "raftq", "raftq vs best peer"], header)
        self.assertEqual(["W1 msg/s", "12,617", "28,498", "14,249", "0.50x (NATS JetStream)"], rows[0])
        self.assertEqual(["W2 msg/s", "-", "-", "10,690", "-"], rows[1])
        self.assertEqual(["W3 1p p50/p99 ms", "4.67 / 14.5", "1.69 / 15.1", "9.34 / 28.9", "2.00x / 2.00x (RabbitMQ QQ)"],
                         rows[2])
        self.assertIn("| W3 4p p50/p99 ms | - | - | 12.0 / 40.0 | - |", markdown(header, rows))

    def test_without_peers_only_raftq_has_a_column(self):
        header, rows = table(FIGURES, [], all_ratios(FIGURES, []))
        self.assertEqual(["workload", "raftq", "raftq vs best peer"], header)
        self.assertEqual(["W1 msg/s", "14,249", "-"], rows[0])


if __name__ == "__main__":
    unittest.main()
