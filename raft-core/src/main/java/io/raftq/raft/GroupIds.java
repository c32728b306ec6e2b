package io.raftq.raft;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroupId;

/** Deterministic Raft group ids: every node computes the same id for the same thing. */
public final class GroupIds {
  public static final RaftGroupId METADATA = named("raftq/metadata");

  private GroupIds() {}

  /** The group of one partition of one incarnation of a queue. */
  public static RaftGroupId partition(String queue, long createIndex, int partition) {
    return named("queue/" + queue + "/" + createIndex + "/" + partition);
  }

  private static RaftGroupId named(String name) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }
}
