package io.raftq.server.membership;

import io.raftq.raft.ClusterMembers;
import io.raftq.raft.HostPort;
import io.raftq.raft.Member;
import io.raftq.statemachine.metadata.ClusterLayout;
import io.raftq.statemachine.metadata.ClusterNode;
import io.raftq.statemachine.metadata.MetadataLogic;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.metadata.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Who is in the cluster and where each partition lives, as this node's metadata replica has applied it. Before any
 * node registered (a cluster started by an older version, or the first seconds of a new one) the seed list of
 * {@code --peers} stands in: every seed hosts every partition.
 */
public final class ClusterDirectory {
  private final MetadataLogic metadata;
  private final ClusterMembers seeds;
  private final String ownZone;

  public ClusterDirectory(MetadataLogic metadata, ClusterMembers seeds, String ownZone) {
    this.metadata = metadata;
    this.seeds = seeds;
    this.ownZone = ownZone;
  }

  /** This node's {@code --zone}. */
  public String ownZone() {
    return ownZone;
  }

  public ClusterLayout layout() {
    return metadata.layout();
  }

  public List<String> seedIds() {
    return seeds.all().stream().map(Member::id).toList();
  }

  public ClusterMembers seeds() {
    return seeds;
  }

  /** Registered nodes, or the seeds while none registered. */
  public List<Member> nodes() {
    List<ClusterNode> registered = metadata.layout().nodes();
    if (registered.isEmpty()) {
      return seeds.all();
    }
    return registered.stream().map(ClusterDirectory::toMember).toList();
  }

  public Optional<Member> member(String id) {
    Optional<Member> registered = Optional.ofNullable(metadata.node(id)).map(ClusterDirectory::toMember);
    return registered.isPresent() ? registered : seeds.get(id);
  }

  /**
   * The partition's replica set: the recorded one, or every seed. Called per partition on request paths and in
   * every reconciler pass, so it looks the one set up instead of copying the layout.
   */
  public ReplicaSet replicaSet(QueueDefinition q, int partition) {
    return Optional.ofNullable(metadata.replicaSet(q.name(), q.createIndex(), partition))
        .orElseGet(() -> new ReplicaSet(q.name(), q.createIndex(), partition, seedIds(), null));
  }

  /** Ratis peers of the nodes named, skipping any whose address is not known. */
  public List<RaftPeer> peers(List<String> ids) {
    List<RaftPeer> out = new ArrayList<>();
    for (String id : ids) {
      member(id).ifPresent(m -> out.add(
          RaftPeer.newBuilder().setId(RaftPeerId.valueOf(m.id())).setAddress(m.raftAddress().toString()).build()));
    }
    return out;
  }

  private static Member toMember(ClusterNode n) {
    return new Member(n.id(), HostPort.parse(n.raftAddress()), HostPort.parse(n.clientAddress()));
  }
}
