package io.raftq.server.frontdoor;

import io.raftq.client.QueueOptions;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.NodeInfo;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.PartitionStatus;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.QueueSettings;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.netty.RequestContext;
import io.raftq.raft.GroupIds;
import io.raftq.raft.Member;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.statemachine.metadata.MetadataCommand;
import io.raftq.statemachine.metadata.MetadataLogic;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.metadata.QueueNames;
import io.raftq.statemachine.partition.PartitionStats;
import io.raftq.statemachine.ratis.RocksStateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;

/** Queue administration and cluster introspection. */
final class AdminRequests {
  private static final long READY_WAIT_MS = 20_000;

  private final MetadataService metadata;
  private final RaftNode raft;
  private final ClusterDirectory directory;
  private final PartitionReplicas replicas;
  private final RaftErrors errors;
  private final FailureReplies replies;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("admin-poller"));

  AdminRequests(MetadataService metadata, RaftNode raft, ClusterDirectory directory, PartitionReplicas replicas,
      RaftErrors errors) {
    this.metadata = metadata;
    this.raft = raft;
    this.directory = directory;
    this.replicas = replicas;
    this.errors = errors;
    this.replies = new FailureReplies(errors);
  }

  void createQueue(RequestContext ctx, Request.CreateQueue r) {
    try {
      QueueNames.check(r.name());
      if (r.partitions() < 1 || r.partitions() > MetadataCommand.MAX_PARTITIONS) {
        throw new IllegalArgumentException("partitions: must be 1.." + MetadataCommand.MAX_PARTITIONS);
      }
      String invalid = RequestLimits.queueVisibility(r.visibilityTimeoutMs());
      if (invalid == null) {
        invalid = RequestLimits.queueSettings(r.name(), r.settings());
      }
      if (invalid == null) {
        invalid = tooFewNodes(r.settings().replicationFactor());
      }
      if (invalid != null) {
        throw new IllegalArgumentException(invalid);
      }
    } catch (IllegalArgumentException e) {
      ctx.reply(new Response.Error(ErrorCode.INVALID_REQUEST, e.getMessage()));
      return;
    }
    long visibility = r.visibilityTimeoutMs() < 0
        ? QueueOptions.DEFAULT_VISIBILITY_TIMEOUT.toMillis() : r.visibilityTimeoutMs();
    long dedup = r.dedupWindowMs() < 0 ? QueueOptions.DEFAULT_DEDUP_WINDOW.toMillis() : r.dedupWindowMs();
    QueueSettings s = r.settings();
    long consumerWindow = s.consumerDedupWindowMs() < 0
        ? QueueOptions.DEFAULT_CONSUMER_DEDUP_WINDOW.toMillis() : s.consumerDedupWindowMs();
    metadata.write(MetadataCommand.once(r.operationId(), new MetadataCommand.CreateQueue(r.name(), r.partitions(),
            visibility, dedup, s.defaultDelayMs(), s.maxReceives(), s.deadLetterQueue(), s.fifo(), consumerWindow,
            s.backoffBaseMs(), s.backoffMaxMs(), s.topic(), s.retentionMs(), s.retentionBytes(), s.attributes(),
            s.replicationFactor())))
        .whenComplete(replies.guarded(ctx, (result, error) -> {
          if (error != null) {
            ctx.reply(errors.toError(error));
          } else if (result.outcome() == MetadataLogic.Outcome.QUEUE_EXISTS) {
            ctx.reply(new Response.Error(ErrorCode.QUEUE_EXISTS, "queue '" + r.name() + "' already exists"));
          } else if (result.outcome() == MetadataLogic.Outcome.DEAD_LETTER_QUEUE_NOT_FOUND) {
            ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "deadLetterQueue: queue '"
                + s.deadLetterQueue() + "' does not exist; create it first (nothing was created)"));
          } else {
            whenReady(ctx, result.created(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WAIT_MS),
                () -> ctx.reply(new Response.Ok()));
          }
        }));
  }

  /** Why a queue cannot get {@code rf} replicas per partition, or null: there must be that many active nodes. */
  private String tooFewNodes(int rf) {
    long active = directory.layout().activeNodes().size();
    if (rf > 0 && active > 0 && rf > active) {
      return "replicationFactor: " + rf + " replicas need " + rf + " active nodes; the cluster has " + active;
    }
    return null;
  }

  /**
   * Answers once every partition hosted here has a leader, so the first send does not meet an election (the
   * others are not visible from here).
   */
  private void whenReady(RequestContext ctx, QueueDefinition q, long deadlineNanos, Runnable then) {
    boolean ready = true;
    for (int p = 0; p < q.partitions() && ready; p++) {
      ready = !directory.replicaSet(q, p).names(raft.nodeId())
          || raft.leaderOf(GroupIds.partition(q.name(), q.createIndex(), p)).leaderId() != null;
    }
    if (ready || System.nanoTime() - deadlineNanos > 0) {
      then.run();
    } else {
      // Guarded: a throw on the poller thread must still answer the client (a refused schedule throws to the
      // caller, which is guarded already).
      poller.schedule(() -> replies.guard(ctx, () -> whenReady(ctx, q, deadlineNanos, then)), 50,
          TimeUnit.MILLISECONDS);
    }
  }

  void alterQueue(RequestContext ctx, Request.AlterQueue r) {
    metadata.find(r.name()).whenComplete(replies.guarded(ctx, (def, error) -> {
      if (error != null) {
        ctx.reply(errors.toError(error));
      } else if (def.isEmpty()) {
        ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "queue '" + r.name() + "' does not exist"));
      } else {
        String invalid = invalidAlteration(def.get(), r);
        if (invalid != null) {
          ctx.reply(new Response.Error(ErrorCode.INVALID_REQUEST, invalid));
        } else {
          writeAlteration(ctx, r);
        }
      }
    }));
  }

  private static String invalidAlteration(QueueDefinition q, Request.AlterQueue r) {
    QueueSettings s = r.settings();
    if (s.fifo() != q.fifo()) {
      return "fifo: a queue's FIFO order is fixed when it is created";
    }
    if (s.topic() != q.topic()) {
      return "topic: a queue cannot become a topic or stop being one";
    }
    if (s.consumerDedupWindowMs() != QueueSettings.DEFAULT_WINDOW
        && s.consumerDedupWindowMs() != q.consumerDedupWindowMs()) {
      return "consumerDedupWindow: fixed when the queue is created";
    }
    if (s.replicationFactor() != 0 && s.replicationFactor() != q.replicationFactor()) {
      return "replicationFactor: fixed when the queue is created";
    }
    String invalid = RequestLimits.queueVisibility(r.visibilityTimeoutMs());
    if (invalid == null && (r.dedupWindowMs() < 0 || r.dedupWindowMs() > io.raftq.protocol.Limits.MAX_DEDUP_WINDOW.toMillis())) {
      invalid = "dedupWindow: must be 0.." + io.raftq.protocol.Limits.MAX_DEDUP_WINDOW.toMillis() + " ms";
    }
    return invalid != null ? invalid : RequestLimits.queueSettings(r.name(), s);
  }

  private void writeAlteration(RequestContext ctx, Request.AlterQueue r) {
    QueueSettings s = r.settings();
    metadata.write(MetadataCommand.once(r.operationId(), new MetadataCommand.AlterQueue(r.name(),
            r.expectedModifiedIndex(), r.visibilityTimeoutMs(), r.dedupWindowMs(), s.defaultDelayMs(),
            s.maxReceives(), s.deadLetterQueue(), s.backoffBaseMs(), s.backoffMaxMs(), s.retentionMs(),
            s.retentionBytes(), s.attributes())))
        .whenComplete(replies.guarded(ctx, (result, error) -> {
          if (error != null) {
            ctx.reply(errors.toError(error));
          } else if (result.outcome() == MetadataLogic.Outcome.QUEUE_NOT_FOUND) {
            ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "queue '" + r.name() + "' does not exist"));
          } else if (result.outcome() == MetadataLogic.Outcome.MODIFIED_SINCE) {
            ctx.reply(new Response.Error(ErrorCode.CONFLICT, "queue '" + r.name()
                + "' was changed since it was read (modification " + r.expectedModifiedIndex()
                + "); read it again and retry"));
          } else if (result.outcome() == MetadataLogic.Outcome.DEAD_LETTER_QUEUE_NOT_FOUND) {
            ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "deadLetterQueue: queue '"
                + s.deadLetterQueue() + "' does not exist (nothing was changed)"));
          } else {
            ctx.reply(new Response.Ok());
          }
        }));
  }

  void deleteQueue(RequestContext ctx, Request.DeleteQueue r) {
    MetadataCommand delete = MetadataCommand.once(r.operationId(), new MetadataCommand.DeleteQueue(r.name()));
    metadata.write(delete).whenComplete(replies.guarded(ctx, (result, error) -> {
      if (error != null) {
        ctx.reply(errors.toError(error));
      } else if (result.outcome() == MetadataLogic.Outcome.QUEUE_NOT_FOUND) {
        ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "queue '" + r.name() + "' does not exist"));
      } else {
        ctx.reply(new Response.Ok());
      }
    }));
  }

  void listQueues(RequestContext ctx) {
    metadata.listLinearizable().whenComplete(replies.guarded(ctx, (queues, error) -> ctx.reply(error != null
        ? errors.toError(error)
        : new Response.QueueList(queues.stream().map(AdminRequests::toInfo).toList()))));
  }

  void describeQueue(RequestContext ctx, Request.DescribeQueue r) {
    metadata.find(r.name()).whenComplete(replies.guarded(ctx, (def, error) -> {
      if (error != null) {
        ctx.reply(errors.toError(error));
      } else if (def.isEmpty()) {
        ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "queue '" + r.name() + "' does not exist"));
      } else {
        ctx.reply(new Response.Described(describe(def.get())));
      }
    }));
  }

  private QueueDescription describe(QueueDefinition q) {
    List<PartitionInfo> partitions = new ArrayList<>();
    for (int p = 0; p < q.partitions(); p++) {
      partitions.add(partitionInfo(q, p, GroupIds.partition(q.name(), q.createIndex(), p)));
    }
    return new QueueDescription(toInfo(q), partitions);
  }

  /**
   * One partition as this node sees it. Figures come from the local replica; a partition not hosted here shows
   * its replica set from the metadata and no figures.
   */
  private PartitionInfo partitionInfo(QueueDefinition q, int partition, RaftGroupId gid) {
    String leaderId = raft.leaderOf(gid).leaderId();
    String leaderAddress = leaderId == null ? null
        : directory.member(leaderId).map(Member::clientAddress).map(Object::toString).orElse(null);
    List<String> replicaIds = raft.division(gid)
        .map(d -> d.getRaftConf().getCurrentPeers().stream().map(peer -> peer.getId().toString()).sorted().toList())
        .orElseGet(() -> directory.replicaSet(q, partition).members().stream().sorted().toList());
    PartitionStats stats = replicas.get(gid).map(r -> r.logic().stats()).orElse(null);
    long applied = replicas.get(gid).map(r -> r.stateMachine().appliedIndex()).orElse(-1L);
    return new PartitionInfo(partition, leaderId, leaderAddress, replicaIds,
        stats == null ? 0 : stats.depth(), stats == null ? 0 : stats.inFlight(),
        stats == null ? 0 : stats.nextOffset(), applied, stats == null ? 0 : stats.delayed(),
        stats == null ? 0 : stats.deadLettersPending(), stats == null ? 0 : stats.deadLettersTotal());
  }

  void clusterInfo(RequestContext ctx) {
    List<NodeInfo> nodes = directory.nodes().stream()
        .map(m -> new NodeInfo(m.id(), m.clientAddress().toString())).toList();
    ctx.reply(new Response.Cluster(nodes));
  }

  /**
   * Answers from this node's own replica and metadata, never routed: it is for comparing replicas. The digest
   * scans the whole partition, so it runs on the admin thread, not on the connection's event loop.
   */
  void partitionStatus(RequestContext ctx, Request.GetPartitionStatus r) {
    poller.execute(() -> {
      try {
        answerPartitionStatus(ctx, r);
      } catch (RuntimeException e) {
        // A replica closing or quiescing under the scan: say so rather than leave the caller waiting.
        ctx.reply(new Response.Error(ErrorCode.UNAVAILABLE, "partition status failed here: " + e));
      }
    });
  }

  private void answerPartitionStatus(RequestContext ctx, Request.GetPartitionStatus r) {
    if (PartitionStatus.METADATA_GROUP.equals(r.queue())) {
      ctx.reply(metadataStatus(r.partition()));
      return;
    }
    Optional<QueueDefinition> def = metadata.local(r.queue());
    if (def.isEmpty()) {
      ctx.reply(new Response.Error(ErrorCode.QUEUE_NOT_FOUND, "queue '" + r.queue() + "' is not known here"));
      return;
    }
    RaftGroupId gid = GroupIds.partition(r.queue(), def.get().createIndex(), r.partition());
    ctx.reply(replicas.get(gid)
        .<Response>map(rep -> {
          RocksStateMachine.DigestAtIndex d = rep.stateMachine().digestAtIndex();
          return new Response.Status(
              new PartitionStatus(raft.nodeId(), d.appliedIndex(), d.digestHex(), rep.logic().lastTimeMs(),
                  raft.leaderOf(gid).leaderId()));
        })
        .orElseGet(() -> raft.isStoredClosed(gid)
            ? new Response.Error(ErrorCode.QUIESCENT, "the replica here is quiescent (idle); a request opens it")
            : new Response.Error(ErrorCode.PARTITION_NOT_FOUND, "no replica of that partition here")));
  }

  /** This node's metadata replica: its applied index and state digest, for convergence checks. */
  private Response metadataStatus(int partition) {
    if (partition != 0) {
      return new Response.Error(ErrorCode.PARTITION_NOT_FOUND, "the metadata group has partition 0 only");
    }
    return raft.division(GroupIds.METADATA)
        .filter(d -> d.getStateMachine() instanceof RocksStateMachine)
        .<Response>map(d -> {
          RocksStateMachine.DigestAtIndex digest = ((RocksStateMachine) d.getStateMachine()).digestAtIndex();
          return new Response.Status(new PartitionStatus(raft.nodeId(), digest.appliedIndex(), digest.digestHex(),
              0, raft.leaderOf(GroupIds.METADATA).leaderId()));
        })
        .orElseGet(() -> new Response.Error(ErrorCode.PARTITION_NOT_FOUND, "no metadata replica here"));
  }

  static QueueInfo toInfo(QueueDefinition q) {
    return new QueueInfo(q.name(), q.partitions(), q.visibilityTimeoutMs(), q.dedupWindowMs(), q.createdAtMs(),
        new QueueSettings(q.defaultDelayMs(), q.maxReceives(), q.deadLetterQueue(), q.fifo(),
            q.consumerDedupWindowMs(), q.backoffBaseMs(), q.backoffMaxMs(), q.topic(), q.retentionMs(),
            q.retentionBytes(), q.attributes(), q.replicationFactor()), q.modifiedIndex(), q.modifiedAtMs());
  }

  void close() {
    poller.shutdownNow();
  }
}
