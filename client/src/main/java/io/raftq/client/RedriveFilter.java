package io.raftq.client;

import io.raftq.protocol.DeadLetterHeaders;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import java.time.Duration;
import java.util.Set;

/**
 * Which dead letters a redrive moves: all, or those with one of {@code ids}, with {@code key}, and/or that have
 * been in the dead-letter queue longer than {@code olderThan} (by the time the dead-letter queue stored them).
 * Null or empty criteria match everything. Pure.
 */
public record RedriveFilter(Set<String> ids, String key, Duration olderThan) {
  public static final RedriveFilter ALL = new RedriveFilter(Set.of(), null, null);

  public RedriveFilter {
    ids = ids == null ? Set.of() : Set.copyOf(ids);
  }

  public boolean matches(Delivery m, long nowMs) {
    if (!ids.isEmpty() && !ids.contains(m.id())) {
      return false;
    }
    if (key != null && !key.equals(m.key())) {
      return false;
    }
    return olderThan == null || nowMs - m.enqueuedAtMs() >= olderThan.toMillis();
  }

  /** The queue a dead letter came from, from its {@code raftq-dead-letter-source} header, or null. */
  public static String sourceOf(Delivery m) {
    for (Header h : m.headers()) {
      if (h.name().equals(DeadLetterHeaders.SOURCE)) {
        return h.value();
      }
    }
    return null;
  }
}
