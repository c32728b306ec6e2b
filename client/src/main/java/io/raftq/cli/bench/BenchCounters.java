package io.raftq.cli.bench;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** Everything a run counts, shared by its workers (all thread-safe). Latencies are in nanoseconds. */
final class BenchCounters {
  final LongAdder sent = new LongAdder();
  final LongAdder sentMeasured = new LongAdder();
  final Meter confirmed = new Meter();
  final Meter consumed = new Meter();
  final Meter endToEnd = new Meter();
  final LongAdder received = new LongAdder();
  final LongAdder receivedBytes = new LongAdder();
  /** Sends, receives and acks that failed after the client's retries. */
  final LongAdder failed = new LongAdder();
  /** Acks answered INVALID: the lease was lost (visibility timeout) and the message will come again. */
  final LongAdder ackInvalid = new LongAdder();
  /** End-to-end runs: deliveries after the first, and messages that were not sent by this run. */
  final LongAdder redelivered = new LongAdder();
  final LongAdder foreign = new LongAdder();
  final Recorder confirmLatencyNs = new Recorder(3);
  final Recorder endToEndLatencyNs = new Recorder(3);
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  void fail(long count, String reason) {
    failed.add(count);
    firstFailure.compareAndSet(null, reason);
  }

  /** The first failure's description, to tell the user why {@code failed} is not zero. */
  String firstFailure() {
    return firstFailure.get();
  }
}
