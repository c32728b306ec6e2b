package io.raftq.client;

import io.raftq.protocol.NodeInfo;
import io.raftq.protocol.PartitionStatus;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Queue and cluster administration. */
public interface Admin {

  /** Fails with QUEUE_EXISTS if the name is taken. Completes once the partitions are ready to serve. */
  default CompletableFuture<Void> createQueue(String name, int partitions, QueueOptions options) {
    return createQueue(name, partitions, options, java.util.Map.of());
  }

  /**
   * Creates a queue that carries {@code attributes}: labels stored with its definition that raftq does not
   * interpret (at most 64, names up to 256 bytes, 64 KiB in all).
   */
  CompletableFuture<Void> createQueue(String name, int partitions, QueueOptions options,
      java.util.Map<String, String> attributes);

  /**
   * Replaces a queue's default visibility timeout and settings with those of {@code altered} (start from {@link
   * #describeQueue} and change what should change). Fails with CONFLICT when the queue changed since {@code
   * altered} was read; read it again and retry. Partitions, FIFO order, topic-ness and the consumer dedup window
   * cannot change (INVALID_REQUEST).
   */
  CompletableFuture<Void> alterQueue(QueueInfo altered);

  /**
   * Creates a topic: its messages stay, whatever its groups did, until older than {@code retention} or, with
   * {@code retentionBytes > 0}, beyond that many payload bytes per partition. Queue groups receive and ack as on a
   * queue; stream groups read with {@link #browse} and commit offsets. Fails with QUEUE_EXISTS.
   */
  CompletableFuture<Void> createTopic(String name, int partitions, java.time.Duration retention, long retentionBytes);

  /** Fails with QUEUE_NOT_FOUND. Deletes the queue's messages on every node. */
  CompletableFuture<Void> deleteQueue(String name);

  CompletableFuture<List<QueueInfo>> listQueues();

  /** Partitions with leader, replicas, depth and in-flight counts. Fails with QUEUE_NOT_FOUND. */
  CompletableFuture<QueueDescription> describeQueue(String name);

  /**
   * Deletes every message the queue holds for its groups (ready, delayed and in flight; leases held become
   * invalid), partition by partition, and answers how many it deleted. Dead letters on their way to the
   * dead-letter queue still arrive there. Fails with QUEUE_NOT_FOUND.
   */
  CompletableFuture<Long> purgeQueue(String name);

  /**
   * Up to {@code max} (1..1000) stored messages of one partition from {@code fromOffset} on, as its leader holds
   * them, leasing nothing. Their receipts have epoch 0 and settle nothing. Page on from {@code nextOffset}.
   */
  CompletableFuture<Response.Browsed> browse(String queue, int partition, long fromOffset, int max);

  /**
   * Takes the messages at {@code offsets} out of one partition for every group, whatever their state; answers how
   * many were still there. A redrive uses it once the messages are safely in their new queue.
   */
  CompletableFuture<Long> removeMessages(String queue, int partition, List<Long> offsets);

  /**
   * Where the stored copies of message {@code id} are, per consumer group. {@code key}: the message's key, which
   * names its partition; null asks every partition (an unkeyed message may be in any).
   */
  CompletableFuture<List<io.raftq.protocol.MessageCopy>> messageStatus(String queue, String id, String key);

  /** Each partition's figures, per consumer group, from its leader. */
  CompletableFuture<List<io.raftq.protocol.PartitionStatsInfo>> queueStats(String queue);

  /**
   * Commits stream group {@code group}'s offset in one partition (the next offset it will read) and answers the
   * committed offset: a commit never moves it back; {@code seek} sets it wherever asked (clamped to what is
   * stored).
   */
  CompletableFuture<Long> commitOffset(String queue, String group, int partition, long offset, boolean seek);

  /** A stream group's committed offset in one partition, with the stored range (for the lag). */
  CompletableFuture<Response.Position> streamPosition(String queue, String group, int partition);

  /** The first offset of {@code partition} enqueued at or after {@code timeMs} (for a seek to a time). */
  CompletableFuture<Long> offsetForTime(String queue, int partition, long timeMs);

  /** The parked keys of a FIFO queue, over all partitions (empty for other queues). */
  CompletableFuture<List<io.raftq.protocol.ParkedKeyInfo>> parkedKeys(String queue);

  /**
   * Unparks {@code key} of FIFO group {@code group}: its next message becomes deliverable, or, with {@code skip},
   * every message it holds back goes to the dead-letter queue. Answers how many messages that released or moved
   * (0: the key was not parked).
   */
  CompletableFuture<Long> releaseKey(String queue, String group, String key, boolean skip);

  CompletableFuture<List<NodeInfo>> clusterNodes();

  /**
   * A membership change, carried out by the metadata leader: JOIN registers a node (with its Raft and client
   * addresses and zone), DRAIN moves its replicas away, ACTIVATE undoes a drain, REMOVE forgets it (refused with
   * INVALID_REQUEST while it still holds replicas, unless {@code force}).
   */
  CompletableFuture<Void> changeMembership(io.raftq.protocol.Request.ChangeMembership change);

  /** The registered nodes and every partition's replica set, as the metadata group holds them. */
  CompletableFuture<io.raftq.protocol.LayoutInfo> clusterLayout();

  /** The given node's replica of one partition (for convergence checks). */
  CompletableFuture<PartitionStatus> partitionStatus(String nodeClientAddress, String queue, int partition);
}
