package io.raftq.statemachine.partition;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What apply produced for the entries this replica started as leader, by log index, until the batcher that
 * submitted each entry takes its results. The leader then answers from what it just applied: no decoding of its
 * own reply, and no reading leased messages back from the store (which a later entry may already have changed).
 * An entry whose submitter gave up (a timeout, a lost leadership) is never taken; the oldest are dropped beyond
 * {@value #MAX_KEPT} entries, and its callers fall back to the reply.
 */
final class LeaderResults {
  static final int MAX_KEPT = 256;

  private record Kept(long index, List<PartitionResult> results) {}

  private final ArrayDeque<Kept> kept = new ArrayDeque<>();

  /** Called by apply, in index order. */
  synchronized void keep(long index, List<PartitionResult> results) {
    if (kept.size() == MAX_KEPT) {
      kept.pollFirst();
    }
    kept.addLast(new Kept(index, results));
  }

  /** The results of entry {@code index}, once, or null when they were not kept (or were dropped). */
  synchronized List<PartitionResult> take(long index) {
    // Entries are taken roughly in index order, so the one asked for is almost always at the front.
    for (var it = kept.iterator(); it.hasNext(); ) {
      Kept k = it.next();
      if (k.index() == index) {
        it.remove();
        return k.results();
      }
      if (k.index() > index) {
        return null;
      }
    }
    return null;
  }
}
