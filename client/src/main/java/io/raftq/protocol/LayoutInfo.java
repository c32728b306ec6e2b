package io.raftq.protocol;

import java.util.List;

/** The cluster's nodes and where each partition's replicas are, as the metadata group holds them. */
public record LayoutInfo(List<Node> nodes, List<Replicas> replicas) {
  public LayoutInfo {
    nodes = List.copyOf(nodes);
    replicas = List.copyOf(replicas);
  }

  /** A registered node; {@code state} is ACTIVE or DRAINING. */
  public record Node(String id, String raftAddress, String clientAddress, String zone, String state) {}

  /** One partition's voters and the node being added to it ({@code null}: none). */
  public record Replicas(String queue, int partition, List<String> members, String adding) {
    public Replicas {
      members = List.copyOf(members);
    }
  }
}
