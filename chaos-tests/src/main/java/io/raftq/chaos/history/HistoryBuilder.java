package io.raftq.chaos.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Appends ops in order, numbering them and stamping them from a clock; completions take the {@code f} of the
 * process's outstanding invocation. Not thread-safe: a recorder serializes appends.
 */
public final class HistoryBuilder {
  private final List<Op> ops = new ArrayList<>();
  private final Map<String, String> outstandingF = new HashMap<>();
  private final LongSupplier clockNanos;

  /** @param clockNanos nanoseconds since the test started, never decreasing */
  public HistoryBuilder(LongSupplier clockNanos) {
    this.clockNanos = clockNanos;
  }

  /** A builder whose clock advances by one microsecond per op: logical time for hand-written histories. */
  public static HistoryBuilder withLogicalClock() {
    long[] ticks = {0};
    return new HistoryBuilder(() -> 1_000L * ticks[0]++);
  }

  public HistoryBuilder invoke(String process, String f, Object value) {
    return invokeOn(null, process, f, value);
  }

  public HistoryBuilder invokeOn(String node, String process, String f, Object value) {
    outstandingF.put(process, f);
    return append(process, OpType.INVOKE, f, value, node, null);
  }

  public HistoryBuilder ok(String process, Object value) {
    return complete(process, OpType.OK, value, null);
  }

  public HistoryBuilder fail(String process, String error) {
    return complete(process, OpType.FAIL, null, error);
  }

  public HistoryBuilder info(String process, String error) {
    return complete(process, OpType.INFO, null, error);
  }

  /** A nemesis invocation and its completion, both {@code info}. */
  public HistoryBuilder nemesis(String f, Object value) {
    append(Op.NEMESIS, OpType.INFO, f, value, null, null);
    return append(Op.NEMESIS, OpType.INFO, f, value, null, null);
  }

  /** A nemesis invocation; its completion follows when the fault or heal has been carried out. */
  public HistoryBuilder nemesisStart(String f, Object value) {
    return nemesisStart(Op.NEMESIS, f, value);
  }

  /** The completion of the nemesis invocation {@code nemesisStart(f, ...)}. */
  public HistoryBuilder nemesisEnd(String f, Object value, String error) {
    return nemesisEnd(Op.NEMESIS, f, value, error);
  }

  /** As {@link #nemesisStart(String, Object)}, by nemesis process {@code process} (see {@link Op#isNemesis}). */
  public HistoryBuilder nemesisStart(String process, String f, Object value) {
    return append(process, OpType.INFO, f, value, null, null);
  }

  public HistoryBuilder nemesisEnd(String process, String f, Object value, String error) {
    return append(process, OpType.INFO, f, value, null, error);
  }

  private HistoryBuilder complete(String process, OpType type, Object value, String error) {
    String f = outstandingF.remove(process);
    if (f == null) {
      throw new IllegalStateException("process " + process + " has no outstanding invocation");
    }
    return append(process, type, f, value, null, error);
  }

  private HistoryBuilder append(String process, OpType type, String f, Object value, String node, String error) {
    ops.add(new Op(ops.size(), clockNanos.getAsLong(), process, type, f, value, node, error));
    return this;
  }

  /** Validates and returns the history so far. */
  public History build() {
    return History.of(ops);
  }
}
