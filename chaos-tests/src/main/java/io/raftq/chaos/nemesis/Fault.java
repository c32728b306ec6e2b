package io.raftq.chaos.nemesis;

import java.util.List;

/**
 * What a nemesis did: the nodes it hit (indices; heal acts on them) and a one-line description for the history.
 * A fault that changed nothing (the node was already down, no leader was known, nothing left to cut or change)
 * is not {@code effective}: the history records it with its {@code reason}, and it opens no fault window and
 * counts towards no scenario minimum.
 */
public record Fault(List<Integer> targets, String detail, boolean effective) {
  public Fault {
    targets = List.copyOf(targets);
  }

  /** An effective fault. */
  public Fault(List<Integer> targets, String detail) {
    this(targets, detail, true);
  }

  /** A fault that changed nothing, for {@code reason}; heal has nothing to undo. */
  public static Fault noop(String reason) {
    return new Fault(List.of(), reason, false);
  }

  /** A fault that hit {@code targets} (heal restores them) but not in the way its nemesis is named for. */
  public static Fault noop(List<Integer> targets, String reason) {
    return new Fault(targets, reason, false);
  }
}
