package io.raftq.statemachine.metadata;

import io.raftq.statemachine.ratis.ReplicatedLogic;
import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Queue definitions, cluster nodes and partition replica sets. Keys: {@code 'q' name -> definition}, {@code 'n' id
 * -> node}, {@code 'r' partition key -> replica set}, {@code 'o' index -> a recent operation's answer}
 * ({@link RecentOperations}). The reply to a command is one byte of {@link Outcome}
 * followed, for a create, by the new definition. A queue created while nodes are registered gets its replica sets
 * in the same entry, placed over the active nodes ({@link ClusterLayout#target}).
 */
public final class MetadataLogic implements ReplicatedLogic {
  private static final byte[] QUEUE_PREFIX = {'q'};
  private static final byte[] NODE_PREFIX = {'n'};
  private static final byte[] REPLICAS_PREFIX = {'r'};
  /** A query body starting with this byte asks for the {@link ClusterLayout}; any other, for the queues. */
  public static final byte LAYOUT_QUERY = 'L';

  /** Result of a metadata command, frozen wire values. */
  public enum Outcome {
    OK,
    QUEUE_EXISTS,
    QUEUE_NOT_FOUND,
    DEAD_LETTER_QUEUE_NOT_FOUND,
    /** An alteration named a modification index that is no longer the queue's. */
    MODIFIED_SINCE,
    NODE_NOT_FOUND,
    /** A node still named by replica sets cannot be removed (drain it first, or force). */
    NODE_HAS_REPLICAS,
    /** A replica set for a partition that does not exist. */
    PARTITION_NOT_FOUND,
    /** A node cannot join before the seed nodes are registered (the cluster is not formed yet). */
    NOT_FORMED,
    /** The logic failed on the command (a bug); nothing changed. The reply carries the reason after this byte. */
    FAILED
  }

  private final TreeMap<String, QueueDefinition> queues = new TreeMap<>();
  private final TreeMap<String, ClusterNode> nodes = new TreeMap<>();
  private final TreeMap<String, ReplicaSet> replicaSets = new TreeMap<>();
  private final RecentOperations operations = new RecentOperations();

  @Override
  public synchronized void load(KeyValueReader store) {
    operations.load(store);
    queues.clear();
    store.scan(QUEUE_PREFIX, (k, v) -> {
      QueueDefinition q = decodeDefinition(v);
      queues.put(q.name(), q);
      return true;
    });
    nodes.clear();
    store.scan(NODE_PREFIX, (k, v) -> {
      ClusterNode n = ClusterLayout.decodeNode(ByteBuffer.wrap(v));
      nodes.put(n.id(), n);
      return true;
    });
    replicaSets.clear();
    store.scan(REPLICAS_PREFIX, (k, v) -> {
      ReplicaSet r = ClusterLayout.decodeReplicaSet(ByteBuffer.wrap(v));
      replicaSets.put(r.key(), r);
      return true;
    });
  }

  @Override
  public void validate(ByteBuffer body) {
    MetadataCommand.decode(body.duplicate());
  }

  @Override
  public synchronized byte[] apply(long index, long entryTimeMs, ByteBuffer body, KvTransaction txn) {
    MetadataCommand command = MetadataCommand.decode(body);
    if (command instanceof MetadataCommand.Once o) {
      return applyOnce(index, entryTimeMs, o, txn);
    }
    return applyCommand(index, entryTimeMs, command, txn);
  }

  /**
   * Applies a client's operation unless its id was applied before, in which case the first answer is the answer
   * and nothing changes. An answer that tells the client to retry (the cluster is not formed yet) is not kept.
   */
  private byte[] applyOnce(long index, long entryTimeMs, MetadataCommand.Once o, KvTransaction txn) {
    byte[] first = operations.answerOf(o.operationId());
    if (first != null) {
      return first;
    }
    byte[] answer = applyCommand(index, entryTimeMs, o.command(), txn);
    if (outcomeOf(answer) != Outcome.NOT_FORMED) {
      operations.remember(o.operationId(), index, entryTimeMs, answer, txn);
    }
    return answer;
  }

  private byte[] applyCommand(long index, long entryTimeMs, MetadataCommand command, KvTransaction txn) {
    if (command instanceof MetadataCommand.CreateQueue c) {
      if (queues.containsKey(c.name())) {
        return new byte[] {(byte) Outcome.QUEUE_EXISTS.ordinal()};
      }
      if (c.deadLetterQueue() != null && !queues.containsKey(c.deadLetterQueue())) {
        return new byte[] {(byte) Outcome.DEAD_LETTER_QUEUE_NOT_FOUND.ordinal()};
      }
      QueueDefinition q = new QueueDefinition(c.name(), c.partitions(), c.visibilityTimeoutMs(), c.dedupWindowMs(),
          entryTimeMs, index, c.defaultDelayMs(), c.maxReceives(), c.deadLetterQueue(), c.fifo(),
          c.consumerDedupWindowMs(), c.backoffBaseMs(), c.backoffMaxMs(), c.topic(), c.retentionMs(),
          c.retentionBytes(), c.attributes(), index, entryTimeMs, c.replicationFactor());
      byte[] reply = store(q, txn);
      placeNewPartitions(q, txn);
      return reply;
    }
    if (command instanceof MetadataCommand.AlterQueue a) {
      return alter(index, entryTimeMs, a, txn);
    }
    if (command instanceof MetadataCommand.RegisterNode r) {
      register(r, txn);
      return ok();
    }
    if (command instanceof MetadataCommand.RegisterSeeds r) {
      if (nodes.isEmpty()) {
        r.seeds().forEach(seed -> register(seed, txn));
      }
      return ok();
    }
    if (command instanceof MetadataCommand.JoinNode j) {
      if (nodes.isEmpty()) {
        return outcome(Outcome.NOT_FORMED);
      }
      register(j.node(), txn);
      return ok();
    }
    if (command instanceof MetadataCommand.SetNodeState s) {
      ClusterNode old = nodes.get(s.id());
      if (old == null) {
        return outcome(Outcome.NODE_NOT_FOUND);
      }
      putNode(old.withState(s.state()), txn);
      return ok();
    }
    if (command instanceof MetadataCommand.RemoveNode r) {
      return removeNode(r, txn);
    }
    if (command instanceof MetadataCommand.SetReplicas r) {
      return setReplicas(r, txn);
    }
    MetadataCommand.DeleteQueue d = (MetadataCommand.DeleteQueue) command;
    QueueDefinition gone = queues.remove(d.name());
    if (gone == null) {
      return outcome(Outcome.QUEUE_NOT_FOUND);
    }
    txn.delete(key(d.name()));
    for (int p = 0; p < gone.partitions(); p++) {
      String k = ReplicaSet.key(gone.name(), gone.createIndex(), p);
      if (replicaSets.remove(k) != null) {
        txn.delete(Bytes.concat(REPLICAS_PREFIX, Bytes.utf8(k)));
      }
    }
    return ok();
  }

  /** Records where a new queue's partitions live: the placement over the active nodes, if any registered. */
  private void placeNewPartitions(QueueDefinition q, KvTransaction txn) {
    ClusterLayout layout = layout();
    if (layout.activeNodes().isEmpty()) {
      return;
    }
    java.util.Map<String, List<String>> target =
        ClusterLayout.target(layout.activeNodes(), new ArrayList<>(queues.values()));
    for (int p = 0; p < q.partitions(); p++) {
      String k = ReplicaSet.key(q.name(), q.createIndex(), p);
      putReplicaSet(new ReplicaSet(q.name(), q.createIndex(), p, target.get(k), null), txn);
    }
  }

  private byte[] removeNode(MetadataCommand.RemoveNode r, KvTransaction txn) {
    if (!nodes.containsKey(r.id())) {
      return outcome(Outcome.NODE_NOT_FOUND);
    }
    if (!r.force() && replicaSets.values().stream().anyMatch(s -> s.names(r.id()))) {
      return outcome(Outcome.NODE_HAS_REPLICAS);
    }
    nodes.remove(r.id());
    txn.delete(Bytes.concat(NODE_PREFIX, Bytes.utf8(r.id())));
    return ok();
  }

  private byte[] setReplicas(MetadataCommand.SetReplicas r, KvTransaction txn) {
    QueueDefinition q = queues.get(r.queue());
    if (q == null || q.createIndex() != r.createIndex()) {
      return outcome(Outcome.QUEUE_NOT_FOUND);
    }
    if (r.partition() < 0 || r.partition() >= q.partitions()) {
      return outcome(Outcome.PARTITION_NOT_FOUND);
    }
    ReplicaSet current = replicaSets.get(ReplicaSet.key(r.queue(), r.createIndex(), r.partition()));
    List<String> currentMembers = current == null ? null : current.members();
    if (!java.util.Objects.equals(currentMembers, r.expected())) {
      return outcome(Outcome.MODIFIED_SINCE);
    }
    putReplicaSet(new ReplicaSet(r.queue(), r.createIndex(), r.partition(), r.members(), r.adding()), txn);
    return ok();
  }

  /** Adds a node, or updates its addresses and zone (keeping its state). */
  private void register(MetadataCommand.RegisterNode r, KvTransaction txn) {
    ClusterNode old = nodes.get(r.id());
    putNode(new ClusterNode(r.id(), r.raftAddress(), r.clientAddress(), r.zone(),
        old == null ? NodeState.ACTIVE : old.state()), txn);
  }

  private void putNode(ClusterNode n, KvTransaction txn) {
    nodes.put(n.id(), n);
    txn.put(Bytes.concat(NODE_PREFIX, Bytes.utf8(n.id())), ClusterLayout.encodeNode(n));
  }

  private void putReplicaSet(ReplicaSet r, KvTransaction txn) {
    replicaSets.put(r.key(), r);
    txn.put(Bytes.concat(REPLICAS_PREFIX, Bytes.utf8(r.key())), ClusterLayout.encodeReplicaSet(r));
  }

  private static byte[] ok() {
    return outcome(Outcome.OK);
  }

  private static byte[] outcome(Outcome o) {
    return new byte[] {(byte) o.ordinal()};
  }

  /** One registered node, or null; a lookup, without copying the layout. */
  public synchronized ClusterNode node(String id) {
    return nodes.get(id);
  }

  /** One partition's recorded replica set, or null; a lookup, without copying the layout. */
  public synchronized ReplicaSet replicaSet(String queue, long createIndex, int partition) {
    return replicaSets.get(ReplicaSet.key(queue, createIndex, partition));
  }

  /** The registered nodes and recorded replica sets, as this replica has applied them. */
  public synchronized ClusterLayout layout() {
    return new ClusterLayout(new ArrayList<>(nodes.values()), new ArrayList<>(replicaSets.values()));
  }

  private byte[] alter(long index, long entryTimeMs, MetadataCommand.AlterQueue a, KvTransaction txn) {
    QueueDefinition q = queues.get(a.name());
    if (q == null) {
      return new byte[] {(byte) Outcome.QUEUE_NOT_FOUND.ordinal()};
    }
    if (a.expectedModifiedIndex() >= 0 && a.expectedModifiedIndex() != q.modifiedIndex()) {
      return new byte[] {(byte) Outcome.MODIFIED_SINCE.ordinal()};
    }
    if (a.deadLetterQueue() != null && !queues.containsKey(a.deadLetterQueue())) {
      return new byte[] {(byte) Outcome.DEAD_LETTER_QUEUE_NOT_FOUND.ordinal()};
    }
    return store(new QueueDefinition(q.name(), q.partitions(), a.visibilityTimeoutMs(), a.dedupWindowMs(),
        q.createdAtMs(), q.createIndex(), a.defaultDelayMs(), a.maxReceives(), a.deadLetterQueue(), q.fifo(),
        q.consumerDedupWindowMs(), a.backoffBaseMs(), a.backoffMaxMs(), q.topic(), a.retentionMs(),
        a.retentionBytes(), a.attributes(), index, entryTimeMs, q.replicationFactor()), txn);
  }

  private byte[] store(QueueDefinition q, KvTransaction txn) {
    queues.put(q.name(), q);
    byte[] encoded = encodeDefinition(q);
    txn.put(key(q.name()), encoded);
    return Bytes.concat(new byte[] {(byte) Outcome.OK.ordinal()}, encoded);
  }

  /** {@link Outcome#FAILED} followed by the reason in UTF-8. */
  @Override
  public byte[] failedReply(ByteBuffer body, String reason) {
    return Bytes.concat(outcome(Outcome.FAILED), Bytes.utf8(reason));
  }

  public static Outcome outcomeOf(byte[] reply) {
    if (reply.length == 0) {
      throw new IllegalArgumentException("empty metadata reply");
    }
    return Outcome.values()[reply[0]];
  }

  /** Queries: a body starting with {@link #LAYOUT_QUERY} returns the layout, any other every queue, in name order. */
  @Override
  public synchronized byte[] query(ByteBuffer request) {
    if (request.hasRemaining() && request.get(request.position()) == LAYOUT_QUERY) {
      return layout().encode();
    }
    return encodeList(new ArrayList<>(queues.values()));
  }

  public synchronized List<QueueDefinition> queues() {
    return new ArrayList<>(queues.values());
  }

  public synchronized QueueDefinition queue(String name) {
    return queues.get(name);
  }

  private static byte[] key(String name) {
    return Bytes.concat(QUEUE_PREFIX, Bytes.utf8(name));
  }

  public static byte[] encodeList(List<QueueDefinition> list) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(ByteBuffer.allocate(4).putInt(list.size()).array());
    for (QueueDefinition q : list) {
      byte[] d = encodeDefinition(q);
      parts.add(ByteBuffer.allocate(4).putInt(d.length).array());
      parts.add(d);
    }
    return Bytes.concat(parts.toArray(new byte[0][]));
  }

  public static List<QueueDefinition> decodeList(ByteBuffer b) {
    int n = b.getInt();
    List<QueueDefinition> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] d = new byte[b.getInt()];
      b.get(d);
      out.add(decodeDefinition(d));
    }
    return out;
  }

  /**
   * {@code u16 len | name | i32 partitions | i64 visibility | i64 dedup | i64 createdAt | i64 createIndex}, then,
   * for a queue with settings, {@code i64 defaultDelayMs | i32 maxReceives | u16 len | deadLetterQueue | u8 flags
   * | i64 consumerDedupWindowMs | i64 backoffBaseMs | i64 backoffMaxMs | i64 retentionMs | i64 retentionBytes}
   * (flags bit 0: FIFO, bit 1: topic), then, for a queue with attributes or altered since its creation,
   * {@code i64 modifiedIndex | i64 modifiedAtMs | attributes} (as in {@link MetadataCommand}), then, for a queue
   * with a replication factor of its own, {@code u8 replicationFactor}
   * (definitions written before settings existed end after createIndex; those without the last part were never
   * altered and have no attributes).
   */
  static byte[] encodeDefinition(QueueDefinition q) {
    byte[] name = q.name().getBytes(StandardCharsets.UTF_8);
    byte[] dlq = q.deadLetterQueue() == null ? new byte[0] : q.deadLetterQueue().getBytes(StandardCharsets.UTF_8);
    boolean replication = q.replicationFactor() != 0;
    boolean trailer = replication || !q.attributes().isEmpty() || q.modifiedIndex() != q.createIndex();
    boolean settings = trailer || q.defaultDelayMs() != 0 || q.maxReceives() != 0 || dlq.length > 0 || q.fifo()
        || q.consumerDedupWindowMs() != 0 || q.backoffBaseMs() != 0 || q.topic();
    ByteBuffer b = ByteBuffer.allocate(2 + name.length + 4 + 8 * 4 + (settings ? 8 + 4 + 2 + dlq.length + 1 + 40 : 0)
            + (trailer ? 16 + MetadataCommand.MAX_ATTRIBUTES_BYTES + 1 : 0))
        .putShort((short) name.length).put(name)
        .putInt(q.partitions()).putLong(q.visibilityTimeoutMs()).putLong(q.dedupWindowMs())
        .putLong(q.createdAtMs()).putLong(q.createIndex());
    if (settings) {
      b.putLong(q.defaultDelayMs()).putInt(q.maxReceives()).putShort((short) dlq.length).put(dlq);
      b.put((byte) ((q.fifo() ? 1 : 0) | (q.topic() ? 2 : 0))).putLong(q.consumerDedupWindowMs());
      b.putLong(q.backoffBaseMs()).putLong(q.backoffMaxMs()).putLong(q.retentionMs()).putLong(q.retentionBytes());
    }
    if (trailer) {
      b.putLong(q.modifiedIndex()).putLong(q.modifiedAtMs());
      MetadataCommand.putAttributes(b, q.attributes());
      if (replication) {
        b.put((byte) q.replicationFactor());
      }
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  public static QueueDefinition decodeDefinition(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte[] name = new byte[b.getShort() & 0xFFFF];
    b.get(name);
    String n = new String(name, StandardCharsets.UTF_8);
    int partitions = b.getInt();
    long visibility = b.getLong();
    long dedup = b.getLong();
    long createdAt = b.getLong();
    long createIndex = b.getLong();
    if (!b.hasRemaining()) {
      return new QueueDefinition(n, partitions, visibility, dedup, createdAt, createIndex);
    }
    long delay = b.getLong();
    int maxReceives = b.getInt();
    byte[] dlq = new byte[b.getShort() & 0xFFFF];
    b.get(dlq);
    int flags = b.get() & 0xFF;
    long consumerWindow = b.getLong();
    long backoffBase = b.getLong();
    long backoffMax = b.getLong();
    long retentionMs = b.getLong();
    long retentionBytes = b.getLong();
    long modifiedIndex = b.hasRemaining() ? b.getLong() : createIndex;
    long modifiedAt = b.hasRemaining() ? b.getLong() : createdAt;
    SortedMap<String, String> attributes = b.hasRemaining() ? MetadataCommand.getAttributes(b) : null;
    int replicationFactor = b.hasRemaining() ? b.get() & 0xFF : 0;
    return new QueueDefinition(n, partitions, visibility, dedup, createdAt, createIndex, delay, maxReceives,
        dlq.length == 0 ? null : new String(dlq, StandardCharsets.UTF_8), (flags & 1) != 0, consumerWindow,
        backoffBase, backoffMax, (flags & 2) != 0, retentionMs, retentionBytes, attributes, modifiedIndex,
        modifiedAt, replicationFactor);
  }
}
