package io.raftq.chaos.workload;

/**
 * A worker's current logical process id. After an {@code info} completion the worker continues as a new process
 * (old id + worker count), because its indeterminate op may still take effect at any time (Jepsen's rule).
 */
final class ProcessIds {
  private final int stride;
  private long current;

  ProcessIds(int worker, int workers) {
    this.current = worker;
    this.stride = workers;
  }

  String current() {
    return Long.toString(current);
  }

  void retire() {
    current += stride;
  }
}
