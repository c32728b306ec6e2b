package io.raftq.chaos.workload;

import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryBuilder;

/**
 * The run's history as workers and the nemesis append to it concurrently: every append is serialized and stamped
 * with monotonic nanoseconds since the run started, so history order is time order.
 */
public final class Recorder {
  private final long originNanos = System.nanoTime();
  private final HistoryBuilder builder = new HistoryBuilder(this::nowNanos);

  /** Nanoseconds since the run started. */
  public long nowNanos() {
    return System.nanoTime() - originNanos;
  }

  public synchronized void invoke(String process, String f, Object value) {
    builder.invoke(process, f, value);
  }

  public synchronized void ok(String process, Object value) {
    builder.ok(process, value);
  }

  /** The op definitely did not happen. */
  public synchronized void fail(String process, String error) {
    builder.fail(process, error);
  }

  /** The outcome is unknown; the caller must continue under a new process id. */
  public synchronized void info(String process, String error) {
    builder.info(process, error);
  }

  public synchronized void nemesisStart(String f, Object value) {
    builder.nemesisStart(f, value);
  }

  public synchronized void nemesisEnd(String f, Object value, String error) {
    builder.nemesisEnd(f, value, error);
  }

  /** A nemesis op by a second fault schedule's process ({@code nemesis-<name>}). */
  public synchronized void nemesisStart(String process, String f, Object value) {
    builder.nemesisStart(process, f, value);
  }

  public synchronized void nemesisEnd(String process, String f, Object value, String error) {
    builder.nemesisEnd(process, f, value, error);
  }

  public synchronized History history() {
    return builder.build();
  }
}
