package io.raftq.chaos.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault windows of a history, for checkers and report plots. A window runs from the completion of a nemesis
 * {@link Fn#FAULT} to the completion of the next {@link Fn#HEAL} with the same nemesis name (the value's
 * {@code nemesis}), or to the time of the history's last op when no such heal follows. A heal closes every open
 * window of its name; a heal with none open, and nemesis ops with another {@code f}, open or close nothing. A fault
 * the nemesis marked {@code "effective": false} (it changed nothing) opens no window.
 */
public final class FaultWindows {
  private FaultWindows() {}

  /**
   * One fault, from {@code startNanos} (inclusive) to {@code endNanos} (exclusive).
   *
   * @param nemesis the nemesis name shared by the fault and its heal
   * @param kind the fault kind: partition, kill, pause, clock, disk or restart
   */
  public record Window(String nemesis, String kind, long startNanos, long endNanos) {
    /** Whether {@code timeNanos} lies in {@code [startNanos, endNanos)}. */
    public boolean contains(long timeNanos) {
      return startNanos <= timeNanos && timeNanos < endNanos;
    }
  }

  /** The windows of {@code history}, in the order their faults completed. */
  public static List<Window> of(History history) {
    List<Op> ops = history.ops();
    long lastNanos = ops.isEmpty() ? 0 : ops.get(ops.size() - 1).timeNanos();
    List<Window> windows = new ArrayList<>();
    Map<String, List<Integer>> openByNemesis = new HashMap<>();
    for (Op op : ops) {
      if (!op.isNemesis() || !history.isCompletion(op)) {
        continue;
      }
      String nemesis = Values.string(op.value(), "nemesis");
      if (Fn.FAULT.equals(op.f()) && isEffective(op)) {
        openByNemesis.computeIfAbsent(nemesis, k -> new ArrayList<>()).add(windows.size());
        windows.add(new Window(nemesis, Values.string(op.value(), "kind"), op.timeNanos(), lastNanos));
      } else if (Fn.HEAL.equals(op.f())) {
        for (int i : openByNemesis.getOrDefault(nemesis, List.of())) {
          Window w = windows.get(i);
          windows.set(i, new Window(w.nemesis(), w.kind(), w.startNanos(), op.timeNanos()));
        }
        openByNemesis.remove(nemesis);
      }
    }
    return List.copyOf(windows);
  }

  /**
   * Whether a fault completion changed something: the nemesis marks one that did not (a kill of a node already
   * down, no leader to hit, nothing to cut or change) with {@code "effective": false} and a {@code reason}.
   */
  public static boolean isEffective(Op faultCompletion) {
    return !(faultCompletion.value() instanceof java.util.Map<?, ?> m && Boolean.FALSE.equals(m.get("effective")));
  }
}
