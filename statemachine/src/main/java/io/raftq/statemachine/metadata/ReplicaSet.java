package io.raftq.statemachine.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The replicas of one partition group: the voters of its Raft configuration ({@code members}), and the node being
 * added to it ({@code adding}, or {@code null}), which hosts an empty replica until the group's configuration
 * takes it in. The order of a change is always: Raft first when a replica leaves, metadata first when one comes,
 * so the voters are always among {@code members} and {@code adding}.
 */
public record ReplicaSet(String queue, long createIndex, int partition, List<String> members, String adding) {
  public ReplicaSet {
    members = List.copyOf(members);
  }

  /** The placement key of a partition, also the key of its replica set. */
  public static String key(String queue, long createIndex, int partition) {
    return queue + "/" + createIndex + "/" + partition;
  }

  public String key() {
    return key(queue, createIndex, partition);
  }

  /** Nodes that host (or are about to host) a replica: the members and the one being added. */
  public List<String> hosts() {
    List<String> out = new ArrayList<>(members);
    if (adding != null && !out.contains(adding)) {
      out.add(adding);
    }
    return out;
  }

  public boolean names(String node) {
    return members.contains(node) || node.equals(adding);
  }
}
