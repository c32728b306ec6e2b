package io.raftq.server.frontdoor;

import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Response;
import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.partition.PartitionReplica;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.statemachine.metadata.QueueDefinition;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftGroupId;

/** Finds the local leader replica of a queue's partition, or the error that tells the client where to go. */
final class PartitionRouter {

  /** Either a routed partition or an error; exactly one is non-null. */
  record Route(QueueDefinition queue, PartitionReplica replica, Response.Error error) {
    static Route failed(Response.Error e) {
      return new Route(null, null, e);
    }
  }

  private final MetadataService metadata;
  private final RaftNode raft;
  private final PartitionReplicas replicas;
  private final RaftErrors errors;

  PartitionRouter(MetadataService metadata, RaftNode raft, PartitionReplicas replicas, RaftErrors errors) {
    this.metadata = metadata;
    this.raft = raft;
    this.replicas = replicas;
    this.errors = errors;
  }

  CompletableFuture<Route> toLeader(String queue, int partition) {
    return metadata.find(queue).thenApply(def -> {
      if (def.isEmpty()) {
        return Route.failed(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "queue '" + queue + "' does not exist"));
      }
      return toLeader(def.get(), partition);
    });
  }

  Route toLeader(QueueDefinition q, int partition) {
    if (partition < 0 || partition >= q.partitions()) {
      return Route.failed(new Response.Error(ErrorCode.PARTITION_NOT_FOUND,
          "queue '" + q.name() + "' has partitions 0.." + (q.partitions() - 1) + ", not " + partition));
    }
    RaftGroupId gid = GroupIds.partition(q.name(), q.createIndex(), partition);
    RaftNode.LeaderView view = raft.leaderOf(gid);
    if (!view.isHosted()) {
      return Route.failed(new Response.Error(ErrorCode.UNAVAILABLE, "partition " + partition + " is starting here"));
    }
    if (!view.isLeader()) {
      return Route.failed(errors.notLeader(view.leaderId()));
    }
    if (!view.isLeaderReady()) {
      return Route.failed(new Response.Error(ErrorCode.UNAVAILABLE, "partition " + partition + " leader not ready"));
    }
    return replicas.get(gid)
        .map(r -> new Route(q, r, null))
        .orElseGet(() -> Route.failed(new Response.Error(ErrorCode.UNAVAILABLE, "partition replica not open")));
  }
}
