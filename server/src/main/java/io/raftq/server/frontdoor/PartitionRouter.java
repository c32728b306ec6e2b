package io.raftq.server.frontdoor;

import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Response;
import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.server.metadata.MetadataService;
import io.raftq.statemachine.metadata.ReplicaSet;
import java.util.concurrent.atomic.AtomicInteger;
import io.raftq.server.partition.PartitionReplica;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.server.quiesce.PartitionWaker;
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
  private final ClusterDirectory directory;
  private final PartitionWaker waker;
  /** Turns through a partition's nodes when redirecting, so a down one does not take every redirect. */
  private final AtomicInteger redirects = new AtomicInteger();

  PartitionRouter(MetadataService metadata, RaftNode raft, PartitionReplicas replicas, RaftErrors errors,
      ClusterDirectory directory, PartitionWaker waker) {
    this.waker = waker;
    this.metadata = metadata;
    this.raft = raft;
    this.replicas = replicas;
    this.errors = errors;
    this.directory = directory;
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
      ReplicaSet set = directory.replicaSet(q, partition);
      if (set.names(raft.nodeId())) {
        if (raft.isStoredClosed(gid)) {
          waker.wake(gid, set);
          return Route.failed(new Response.Error(ErrorCode.UNAVAILABLE, "partition " + partition + " of '"
              + q.name() + "' was quiescent (idle) and is opening; retry in a few seconds"));
        }
        return Route.failed(new Response.Error(ErrorCode.UNAVAILABLE, "partition " + partition + " is starting here"));
      }
      String node = set.members().get(Math.floorMod(redirects.getAndIncrement(), set.members().size()));
      return Route.failed(errors.hostedElsewhere(node, "partition " + partition + " of '" + q.name() + "'"));
    }
    if (!view.isLeader()) {
      if (view.leaderId() == null) {
        // Its peers may be quiescent: nobody leads until they open too.
        waker.wake(gid, directory.replicaSet(q, partition));
      }
      return Route.failed(errors.notLeader(view.leaderId()));
    }
    if (!view.isLeaderReady()) {
      return Route.failed(new Response.Error(ErrorCode.UNAVAILABLE, "partition " + partition + " leader not ready"));
    }
    return replicas.get(gid)
        .map(r -> {
          r.touch();
          return new Route(q, r, null);
        })
        .orElseGet(() -> Route.failed(new Response.Error(ErrorCode.UNAVAILABLE, "partition replica not open")));
  }
}
