package io.raftq.chaos.checker;

import io.raftq.chaos.history.History;

/** Checks one property over a whole history. Implementations are pure and stateless. */
public interface Checker {
  /** The name used in reports, e.g. {@code total-queue}. */
  String name();

  CheckResult check(History history);
}
