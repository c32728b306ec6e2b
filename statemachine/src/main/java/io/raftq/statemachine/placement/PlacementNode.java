package io.raftq.statemachine.placement;

/** A node replicas may be placed on, and its zone ({@code null}: none declared; all such nodes share one zone). */
public record PlacementNode(String id, String zone) {
  public PlacementNode {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a node needs an id");
    }
    zone = zone == null ? "" : zone;
  }
}
