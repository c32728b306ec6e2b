package io.raftq.raft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** The static member list of the cluster (membership changes are a later feature), in the order given. */
public final class ClusterMembers {
  private final Map<String, Member> byId = new LinkedHashMap<>();

  public ClusterMembers(List<Member> members) {
    for (Member m : members) {
      if (byId.put(m.id(), m) != null) {
        throw new IllegalArgumentException("peer id '" + m.id() + "' appears twice in --peers");
      }
    }
    if (byId.isEmpty()) {
      throw new IllegalArgumentException("--peers must name at least one node");
    }
  }

  public List<Member> all() {
    return new ArrayList<>(byId.values());
  }

  public Optional<Member> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Ratis peers of every member (with their Raft addresses). */
  public List<RaftPeer> raftPeers() {
    List<RaftPeer> peers = new ArrayList<>();
    for (Member m : byId.values()) {
      peers.add(RaftPeer.newBuilder().setId(RaftPeerId.valueOf(m.id())).setAddress(m.raftAddress().toString()).build());
    }
    return peers;
  }
}
