package io.raftq.client.internal;

/** Where a request must go; resolved to a node address per attempt (leaders move). */
public sealed interface Route {
  /** Any node answers (reads of metadata, cluster info). */
  record AnyNode() implements Route {}

  /** The metadata group's leader (queue create/delete). */
  record MetadataLeader() implements Route {}

  /** The leader of one partition. */
  record PartitionLeader(String queue, int partition) implements Route {}

  /** This exact node and no other; not retried elsewhere. */
  record ExactNode(String address) implements Route {}
}
