package io.raftq.statemachine.partition;

import java.util.Objects;

/**
 * Sets stream group {@code group}'s committed offset (the next offset it will read) in this partition, creating
 * the group. A commit never moves the offset backwards (an older commit arriving late changes nothing); a
 * {@code seek} sets it to {@code offset} whatever it was. The offset is clamped to the stored range. Answers
 * {@link Removed} carrying the committed offset after the command.
 */
public record CommitOffset(String group, long offset, boolean seek) implements PartitionCommand {
  public CommitOffset {
    Objects.requireNonNull(group, "group");
  }
}
