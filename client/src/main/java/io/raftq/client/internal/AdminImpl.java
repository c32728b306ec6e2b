package io.raftq.client.internal;

import io.raftq.client.Admin;
import io.raftq.client.QueueOptions;
import io.raftq.protocol.NodeInfo;
import io.raftq.protocol.PartitionStatus;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Admin}: metadata writes go to the metadata leader, reads to any node, partition status to one node. Every
 * metadata write, purge and key release carries an operation id, so retrying it never applies it twice (see
 * {@link Request.Identified}); removing messages by offset is idempotent without one.
 */
public final class AdminImpl implements Admin {
  private final ClientCore core;

  public AdminImpl(ClientCore core) {
    this.core = core;
  }

  /**
   * A fresh id for one logical administrative call. The call's retries resend the same request object, so they
   * carry the same id, and the node answers a retry of an applied write with its first answer.
   */
  private static String newOperationId() {
    return java.util.UUID.randomUUID().toString();
  }

  @Override
  public CompletableFuture<Void> createQueue(String name, int partitions, QueueOptions options,
      java.util.Map<String, String> attributes) {
    QueueOptions o = options == null ? QueueOptions.defaults() : options;
    Request request = new Request.CreateQueue(name, partitions, o.visibilityTimeout().toMillis(),
        o.dedupWindow().toMillis(), o.settings().withAttributes(attributes), newOperationId());
    return core.call(new Route.MetadataLeader(), request, r -> {
      Responses.expect(r, Response.Ok.class);
      core.directory().invalidate(name);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> createTopic(String name, int partitions, java.time.Duration retention,
      long retentionBytes) {
    Request request = new Request.CreateQueue(name, partitions, -1, -1,
        io.raftq.protocol.QueueSettings.topic(retention == null ? 0 : retention.toMillis(), retentionBytes),
        newOperationId());
    return core.call(new Route.MetadataLeader(), request, r -> {
      Responses.expect(r, Response.Ok.class);
      core.directory().invalidate(name);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> alterQueue(QueueInfo altered) {
    Request request = new Request.AlterQueue(altered.name(), altered.modifiedIndex(),
        altered.visibilityTimeoutMs(), altered.dedupWindowMs(), altered.settings(), newOperationId());
    return core.call(new Route.MetadataLeader(), request, r -> {
      Responses.expect(r, Response.Ok.class);
      core.directory().invalidate(altered.name());
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> deleteQueue(String name) {
    return core.call(new Route.MetadataLeader(), new Request.DeleteQueue(name, newOperationId()), r -> {
      Responses.expect(r, Response.Ok.class);
      core.directory().invalidate(name);
      return null;
    });
  }

  @Override
  public CompletableFuture<List<QueueInfo>> listQueues() {
    return core.call(new Route.AnyNode(), new Request.ListQueues(),
        r -> Responses.expect(r, Response.QueueList.class).queues());
  }

  @Override
  public CompletableFuture<QueueDescription> describeQueue(String name) {
    return core.call(new Route.AnyNode(), new Request.DescribeQueue(name), r -> {
      QueueDescription d = Responses.expect(r, Response.Described.class).description();
      core.directory().remember(d);
      return d;
    });
  }

  @Override
  public CompletableFuture<Long> purgeQueue(String name) {
    return core.directory().describe(name).thenCompose(d -> {
      List<CompletableFuture<Long>> parts = new java.util.ArrayList<>();
      for (int p = 0; p < d.queue().partitions(); p++) {
        parts.add(core.call(new Route.PartitionLeader(name, p),
            new Request.PurgePartition(name, p, newOperationId()),
            r -> Responses.expect(r, Response.Purged.class).removed()));
      }
      return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> parts.stream().mapToLong(CompletableFuture::join).sum());
    });
  }

  @Override
  public CompletableFuture<Response.Browsed> browse(String queue, int partition, long fromOffset, int max) {
    return core.call(new Route.PartitionLeader(queue, partition), new Request.Browse(queue, partition, fromOffset, max),
        r -> Responses.expect(r, Response.Browsed.class));
  }

  @Override
  public CompletableFuture<Long> removeMessages(String queue, int partition, List<Long> offsets) {
    return core.call(new Route.PartitionLeader(queue, partition),
        new Request.RemoveMessages(queue, partition, offsets), r -> Responses.expect(r, Response.Purged.class).removed());
  }

  @Override
  public CompletableFuture<List<io.raftq.protocol.MessageCopy>> messageStatus(String queue, String id, String key) {
    return core.directory().describe(queue).thenCompose(d -> {
      int n = d.queue().partitions();
      List<Integer> partitions = new java.util.ArrayList<>();
      if (key != null) {
        partitions.add(ProducerImpl.partitionOf(key, n));
      } else {
        for (int p = 0; p < n; p++) {
          partitions.add(p);
        }
      }
      List<CompletableFuture<List<io.raftq.protocol.MessageCopy>>> parts = new java.util.ArrayList<>();
      for (int p : partitions) {
        parts.add(core.call(new Route.PartitionLeader(queue, p), new Request.MessageStatus(queue, p, id),
            r -> Responses.expect(r, Response.MessageCopies.class).copies()));
      }
      return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> parts.stream().flatMap(f -> f.join().stream()).toList());
    });
  }

  @Override
  public CompletableFuture<List<io.raftq.protocol.PartitionStatsInfo>> queueStats(String queue) {
    return core.directory().describe(queue).thenCompose(d -> {
      List<CompletableFuture<io.raftq.protocol.PartitionStatsInfo>> parts = new java.util.ArrayList<>();
      for (int p = 0; p < d.queue().partitions(); p++) {
        parts.add(core.call(new Route.PartitionLeader(queue, p), new Request.PartitionStats(queue, p),
            r -> Responses.expect(r, Response.PartitionStatsAnswer.class).stats()));
      }
      return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
    });
  }

  @Override
  public CompletableFuture<Long> commitOffset(String queue, String group, int partition, long offset, boolean seek) {
    return core.call(new Route.PartitionLeader(queue, partition),
        new Request.CommitOffset(queue, partition, group, offset, seek),
        r -> Responses.expect(r, Response.Offset.class).offset());
  }

  @Override
  public CompletableFuture<Response.Position> streamPosition(String queue, String group, int partition) {
    return core.call(new Route.PartitionLeader(queue, partition), new Request.StreamPosition(queue, partition, group),
        r -> Responses.expect(r, Response.Position.class));
  }

  @Override
  public CompletableFuture<Long> offsetForTime(String queue, int partition, long timeMs) {
    return core.call(new Route.PartitionLeader(queue, partition), new Request.OffsetForTime(queue, partition, timeMs),
        r -> Responses.expect(r, Response.Offset.class).offset());
  }

  @Override
  public CompletableFuture<List<io.raftq.protocol.ParkedKeyInfo>> parkedKeys(String queue) {
    return core.directory().describe(queue).thenCompose(d -> {
      List<CompletableFuture<List<io.raftq.protocol.ParkedKeyInfo>>> parts = new java.util.ArrayList<>();
      for (int p = 0; p < d.queue().partitions(); p++) {
        parts.add(core.call(new Route.PartitionLeader(queue, p), new Request.ListParked(queue, p),
            r -> Responses.expect(r, Response.ParkedKeys.class).keys()));
      }
      return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> parts.stream().flatMap(f -> f.join().stream()).toList());
    });
  }

  @Override
  public CompletableFuture<Long> releaseKey(String queue, String group, String key, boolean skip) {
    return core.directory().describe(queue).thenCompose(d -> {
      int partition = ProducerImpl.partitionOf(key, d.queue().partitions());
      return core.call(new Route.PartitionLeader(queue, partition),
          new Request.ReleaseKey(queue, partition, group, key, skip, newOperationId()),
          r -> Responses.expect(r, Response.Purged.class).removed());
    });
  }

  @Override
  public CompletableFuture<List<NodeInfo>> clusterNodes() {
    return core.call(new Route.AnyNode(), new Request.ClusterInfo(),
        r -> Responses.expect(r, Response.Cluster.class).nodes());
  }

  @Override
  public CompletableFuture<Void> changeMembership(Request.ChangeMembership change) {
    Request request = change.operationId() != null ? change : change.withOperationId(newOperationId());
    return core.call(new Route.MetadataLeader(), request, r -> {
      Responses.expect(r, Response.Ok.class);
      return null;
    });
  }

  @Override
  public CompletableFuture<io.raftq.protocol.LayoutInfo> clusterLayout() {
    return core.call(new Route.AnyNode(), new Request.ClusterLayout(),
        r -> Responses.expect(r, Response.Layout.class).layout());
  }

  @Override
  public CompletableFuture<PartitionStatus> partitionStatus(String nodeClientAddress, String queue, int partition) {
    return core.call(new Route.ExactNode(nodeClientAddress), new Request.GetPartitionStatus(queue, partition),
        r -> Responses.expect(r, Response.Status.class).status());
  }
}
