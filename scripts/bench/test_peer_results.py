"""Parser of the peer harness's RESULT lines (run: make bench-selftest)."""
import unittest

from peer_results import parse_result_line, parse_result_lines, peer_figures

W1 = ("RESULT nats W1 producers=4 window=1000 size=1024 secs=30 msgs/s=17185 MB/s=17.60 confirm n=515550"
      " p50=221.90ms p99=486.54ms p99.9=579.34ms max=722.99ms mean=231.61ms failed=0 sent=545459")
W2 = ("RESULT rabbit W2 consumers=4 target=500000 got=500733 complete=true first-to-last=3.71s msgs/s=135077"
      " (incl. subscribe setup: 5.10s, 98154 msgs/s)")
W3 = ("RESULT rabbit W3 rate=2000 secs=30 sentInWindow=60000 receivedInWindow=60000 producerLate>1ms=6013 e2e"
      " n=60000 p50=13.08ms p99=51.71ms p99.9=70.19ms max=85.85ms mean=15.16ms | confirm n=60000 p50=12.09ms"
      " p99=49.87ms p99.9=68.62ms max=83.43ms mean=14.04ms failed=0")
PRELOAD = "RESULT nats preload count=500000 acked=500000 failed=0 in 19.0s = 26275 msgs/s"


class ParseResultLineTest(unittest.TestCase):
    def test_w1_has_throughput_and_confirm_percentiles_in_ms(self):
        result = parse_result_line(W1)
        self.assertEqual(("nats", "W1"), (result["system"], result["workload"]))
        fields = result["fields"]
        self.assertEqual(17185, fields["msgs/s"])
        self.assertEqual(17.6, fields["MB/s"])
        self.assertEqual(221.9, fields["confirm.p50"])
        self.assertEqual(579.34, fields["confirm.p99.9"])
        self.assertEqual(0, fields["failed"], "failed and sent belong to the run, not to the histogram")
        self.assertEqual(545459, fields["sent"])

    def test_w2_keeps_the_parenthesis_as_a_note(self):
        fields = parse_result_line(W2)["fields"]
        self.assertEqual(135077, fields["msgs/s"])
        self.assertIs(True, fields["complete"])
        self.assertEqual(3.71, fields["first-to-last"])
        self.assertEqual("incl. subscribe setup: 5.10s, 98154 msgs/s", fields["note"])

    def test_w3_separates_the_e2e_and_confirm_histograms(self):
        fields = parse_result_line(W3)["fields"]
        self.assertEqual(13.08, fields["e2e.p50"])
        self.assertEqual(70.19, fields["e2e.p99.9"])
        self.assertEqual(12.09, fields["confirm.p50"])
        self.assertEqual(6013, fields["producerLate>1ms"])
        self.assertEqual(0, fields["failed"])

    def test_preload_rate_becomes_fields(self):
        fields = parse_result_line(PRELOAD)["fields"]
        self.assertEqual(19.0, fields["secs"])
        self.assertEqual(26275, fields["msgs/s"])

    def test_other_lines_are_not_results(self):
        self.assertIsNone(parse_result_line("[main] INFO connected"))
        self.assertEqual(1, len(parse_result_lines(["progress 5s", W1 + "\n", ""])))


class PeerFiguresTest(unittest.TestCase):
    def test_maps_each_workload_to_its_figures(self):
        figures = peer_figures(parse_result_lines([W1, PRELOAD, W2, W3]))
        self.assertEqual({"W1", "W2-preload", "W2", "W3-1p"}, set(figures))
        self.assertEqual(17185, figures["W1"]["msgs_per_sec"])
        self.assertEqual(486.54, figures["W1"]["confirm_p99_ms"])
        self.assertEqual(26275, figures["W2-preload"]["msgs_per_sec"])
        self.assertEqual(135077, figures["W2"]["msgs_per_sec"])
        self.assertEqual((13.08, 51.71, 70.19),
                         tuple(figures["W3-1p"][k] for k in ("e2e_p50_ms", "e2e_p99_ms", "e2e_p999_ms")))
        self.assertEqual(49.87, figures["W3-1p"]["confirm_p99_ms"])


if __name__ == "__main__":
    unittest.main()
