package io.raftq.chaos.report;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time spans during which each nemesis had a fault in place, so charts can shade them. A window runs from the
 * completion of a {@code fault} op to the completion of the next {@code heal} op with the same nemesis name, or to
 * the last op of the history when the fault was never healed. A second fault of a nemesis whose fault is still in
 * place does not start a new window; a heal with nothing to heal is ignored.
 */
public final class FaultWindows {
  /** A fault in place from {@code startNanos} to {@code endNanos} (history time, nanoseconds since start). */
  public record Window(String nemesis, String kind, long startNanos, long endNanos) {}

  private FaultWindows() {}

  /** The windows of {@code history}, ordered by start time. */
  public static List<Window> of(History history) {
    Map<String, Op> inPlace = new LinkedHashMap<>();
    List<Window> windows = new ArrayList<>();
    for (Op op : history.ops()) {
      if (!op.isNemesis() || !history.isCompletion(op)) {
        continue;
      }
      if (Fn.FAULT.equals(op.f())) {
        inPlace.putIfAbsent(nemesisName(op), op);
      } else if (Fn.HEAL.equals(op.f())) {
        Op fault = inPlace.remove(nemesisName(op));
        if (fault != null) {
          windows.add(window(fault, op.timeNanos()));
        }
      }
    }
    long endNanos = history.size() == 0 ? 0 : history.ops().get(history.size() - 1).timeNanos();
    inPlace.values().forEach(fault -> windows.add(window(fault, endNanos)));
    windows.sort(Comparator.comparingLong(Window::startNanos));
    return List.copyOf(windows);
  }

  private static Window window(Op fault, long endNanos) {
    return new Window(nemesisName(fault), kind(fault), fault.timeNanos(), endNanos);
  }

  /** The {@code nemesis} name in a nemesis op's value, {@code "unnamed"} when absent. */
  static String nemesisName(Op op) {
    String name = Values.string(op.value(), "nemesis");
    return name == null ? "unnamed" : name;
  }

  /** The {@code kind} in a nemesis op's value (partition, kill, ...), {@code "unknown"} when absent. */
  static String kind(Op op) {
    String kind = Values.string(op.value(), "kind");
    return kind == null ? "unknown" : kind;
  }
}
