package io.raftq.chaos.nemesis;

import java.util.SplittableRandom;

/**
 * One kind of fault: {@link #inject} starts it and returns what it did, {@link #heal} ends it. Both are called from
 * the single nemesis thread, so a nemesis never overlaps with another.
 */
public interface Nemesis {
  /** The scenario name, e.g. {@code kill-leader}; fault windows in reports are labelled with it. */
  String name();

  /** partition, kill, pause, clock, disk or restart. */
  String kind();

  /** Whether this fault needs network namespaces (root). */
  default boolean needsNetwork() {
    return false;
  }

  /** Whether this fault needs the nodes' data directories on lazyfs (root, FUSE). */
  default boolean needsLazyDataDirs() {
    return false;
  }

  Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception;

  void heal(NemesisContext ctx, Fault fault) throws Exception;
}
