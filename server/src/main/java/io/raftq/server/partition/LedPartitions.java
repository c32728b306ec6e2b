package io.raftq.server.partition;

import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.metadata.MetadataService;
import io.raftq.statemachine.metadata.QueueDefinition;
import java.util.function.Predicate;
import org.apache.ratis.protocol.RaftGroupId;

/** The partitions this node leads (leader ready, replica open), for the leader-side loops that commit commands. */
public final class LedPartitions {
  /** One led partition. */
  public interface Visitor {
    void visit(QueueDefinition queue, int partition, RaftGroupId groupId, PartitionReplica replica);
  }

  private LedPartitions() {}

  /** Visits every partition of the queues {@code which} accepts that this node leads now. */
  public static void forEach(MetadataService metadata, RaftNode raft, PartitionReplicas replicas,
      Predicate<QueueDefinition> which, Visitor visitor) {
    for (QueueDefinition q : metadata.localQueues()) {
      if (!which.test(q)) {
        continue;
      }
      for (int p = 0; p < q.partitions(); p++) {
        RaftGroupId gid = GroupIds.partition(q.name(), q.createIndex(), p);
        RaftNode.LeaderView view = raft.leaderOf(gid);
        PartitionReplica replica = replicas.get(gid).orElse(null);
        if (replica != null && view.isLeader() && view.isLeaderReady()) {
          visitor.visit(q, p, gid, replica);
        }
      }
    }
  }
}
