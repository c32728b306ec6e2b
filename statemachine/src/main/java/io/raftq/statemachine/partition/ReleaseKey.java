package io.raftq.statemachine.partition;

import java.util.Objects;

/**
 * Unparks {@code key} of FIFO group {@code group}: its oldest held message becomes deliverable, or, with
 * {@code skip}, every held message of the key goes to the dead-letter outbox (in order) and the key starts afresh.
 * Answers {@link Removed} with how many messages were released (1) or skipped; 0 when the key was not parked.
 * Rejected for a group that does not exist or is not FIFO.
 */
public record ReleaseKey(String group, String key, boolean skip) implements PartitionCommand {
  public ReleaseKey {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(key, "key");
  }
}
