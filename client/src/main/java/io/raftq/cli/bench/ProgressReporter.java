package io.raftq.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints a progress line to stderr every {@link #INTERVAL_SECONDS} while a run is going: per-second rates of
 * the given counters over the last interval, and the failure count. Runs on its own daemon thread.
 */
final class ProgressReporter implements AutoCloseable {
  static final int INTERVAL_SECONDS = 5;

  private final PrintWriter err;
  private final RunWindow window;
  private final Map<String, LongSupplier> rates;
  private final LongSupplier failed;
  private final List<Long> previous = new ArrayList<>();
  private final ScheduledExecutorService timer;

  private ProgressReporter(PrintWriter err, RunWindow window, Map<String, LongSupplier> rates, LongSupplier failed) {
    this.err = err;
    this.window = window;
    this.rates = new LinkedHashMap<>(rates);
    this.failed = failed;
    this.rates.values().forEach(counter -> previous.add(counter.getAsLong()));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-progress");
              t.setDaemon(true);
              return t;
            });
  }

  static ProgressReporter start(
      PrintWriter err, RunWindow window, Map<String, LongSupplier> rates, LongSupplier failed) {
    ProgressReporter reporter = new ProgressReporter(err, window, rates, failed);
    reporter.timer.scheduleAtFixedRate(reporter::report, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    return reporter;
  }

  private void report() {
    long elapsedS = Math.round((System.nanoTime() - window.startNs()) / 1e9);
    StringBuilder line = new StringBuilder("t=" + elapsedS + "s");
    if (System.nanoTime() < window.measureStartNs()) {
      line.append(" (warm-up)");
    }
    int i = 0;
    for (Map.Entry<String, LongSupplier> rate : rates.entrySet()) {
      long now = rate.getValue().getAsLong();
      line.append(' ').append(rate.getKey()).append("/s=").append((now - previous.get(i)) / INTERVAL_SECONDS);
      previous.set(i++, now);
    }
    line.append(" failed=").append(failed.getAsLong());
    err.println(line);
    err.flush();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
