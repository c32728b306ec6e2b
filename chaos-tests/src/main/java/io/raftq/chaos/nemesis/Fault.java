package io.raftq.chaos.nemesis;

import java.util.List;

/** What a nemesis did: the nodes it hit (indices) and a one-line description for the history. */
public record Fault(List<Integer> targets, String detail) {
  public Fault {
    targets = List.copyOf(targets);
  }
}
