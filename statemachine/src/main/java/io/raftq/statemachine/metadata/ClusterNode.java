package io.raftq.statemachine.metadata;

/**
 * A node as the metadata group knows it: where Raft peers and clients reach it, its zone ({@code ""}: none
 * declared) and whether it takes replicas ({@link NodeState#ACTIVE}) or is being emptied ({@link NodeState#DRAINING}).
 */
public record ClusterNode(String id, String raftAddress, String clientAddress, String zone, NodeState state) {
  public ClusterNode {
    zone = zone == null ? "" : zone;
  }

  public ClusterNode withState(NodeState s) {
    return new ClusterNode(id, raftAddress, clientAddress, zone, s);
  }
}
