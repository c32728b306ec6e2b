package io.raftq.chaos.history;

import java.util.Objects;

/**
 * One history entry, as Jepsen records it: an invocation or a completion.
 *
 * @param index position in the history, from 0
 * @param timeNanos nanoseconds since the test started, from a monotonic clock
 * @param process the logical process (worker id, or {@link #NEMESIS}); after an {@code info} completion the worker
 *     continues under a new process id, because the indeterminate op may still take effect at any time
 * @param type invoke, ok, fail (definitely did not happen) or info (indeterminate)
 * @param f the operation name, see {@link Fn}
 * @param value small maps, lists, strings, numbers, booleans or null; see the package documentation
 * @param node the node the client talked to, or null
 * @param error the error of a fail or info completion, or null
 */
public record Op(
    long index, long timeNanos, String process, OpType type, String f, Object value, String node, String error) {

  /** The process of nemesis operations, whose invocations and completions are both {@code info}. */
  public static final String NEMESIS = "nemesis";

  public Op {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
    if (index < 0 || timeNanos < 0) {
      throw new IllegalArgumentException("index and timeNanos must be >= 0: " + index + ", " + timeNanos);
    }
  }

  /** Nemesis processes: {@link #NEMESIS}, and {@code nemesis-<name>} for a second fault schedule of the run. */
  public boolean isNemesis() {
    return NEMESIS.equals(process) || process.startsWith(NEMESIS + "-");
  }

  /** This op with another index, for builders that number ops as they append them. */
  public Op withIndex(long newIndex) {
    return new Op(newIndex, timeNanos, process, type, f, value, node, error);
  }
}
