package io.raftq.statemachine.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Commands of the metadata group and their frozen encoding:
 *
 * <pre>
 * CREATE_QUEUE:    u8 1 | string name | i32 partitions | i64 visibilityTimeoutMs | i64 dedupWindowMs
 * DELETE_QUEUE:    u8 2 | string name
 * CREATE_QUEUE_V2: u8 3 | the fields of CREATE_QUEUE | i64 defaultDelayMs | i32 maxReceives
 *                  | string deadLetterQueue (empty: none) | u8 flags (bit 0: FIFO) | i64 consumerDedupWindowMs
 *                  | i64 backoffBaseMs | i64 backoffMaxMs | i64 retentionMs | i64 retentionBytes
 *                  (flags bit 1: topic)
 *                  (written when one of these is set)
 * CREATE_QUEUE_V3: u8 4 | the fields of CREATE_QUEUE_V2 | attributes (written when the queue has attributes)
 * CREATE_QUEUE_V4: u8 10 | the fields of CREATE_QUEUE_V3 | u8 replicationFactor (written when it is not 0)
 * ALTER_QUEUE:     u8 5 | string name | i64 expectedModifiedIndex (-1: any) | i64 visibilityTimeoutMs
 *                  | i64 dedupWindowMs | i64 defaultDelayMs | i32 maxReceives | string deadLetterQueue
 *                  | i64 backoffBaseMs | i64 backoffMaxMs | i64 retentionMs | i64 retentionBytes | attributes
 * REGISTER_NODE:   u8 6 | string id | string raftAddress | string clientAddress | string zone
 * SET_NODE_STATE:  u8 7 | string id | u8 state ({@link NodeState} ordinal)
 * REMOVE_NODE:     u8 8 | string id | u8 force (1: even while it still holds replicas)
 * SET_REPLICAS:    u8 9 | string queue | i64 createIndex | i32 partition | u8 hasExpected | nodes expected
 *                  (present when hasExpected = 1) | nodes members | string adding (empty: none)
 * REGISTER_SEEDS:  u8 11 | u8 count | count * (the fields of REGISTER_NODE after its type byte)
 * JOIN_NODE:       u8 12 | the fields of REGISTER_NODE after its type byte
 * ONCE:            u8 13 | string operationId (1-64 bytes) | a whole command of another type (not ONCE): applied
 *                  once per operation id, see {@link RecentOperations}
 * nodes = u8 count | count * string
 * attributes = u16 count | count * (u16 length + UTF-8 name | i32 length + UTF-8 value), names ascending
 * string = u16 length + UTF-8
 * </pre>
 */
public sealed interface MetadataCommand {
  int MAX_NAME_BYTES = 200;
  int MAX_PARTITIONS = 1024;

  record CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs,
      long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo, long consumerDedupWindowMs,
      long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs, long retentionBytes,
      SortedMap<String, String> attributes, int replicationFactor)
      implements MetadataCommand {
    public CreateQueue {
      attributes = attributes == null ? new TreeMap<>() : new TreeMap<>(attributes);
    }

    public CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs,
        long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo, long consumerDedupWindowMs,
        long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs, long retentionBytes,
        SortedMap<String, String> attributes) {
      this(name, partitions, visibilityTimeoutMs, dedupWindowMs, defaultDelayMs, maxReceives, deadLetterQueue, fifo,
          consumerDedupWindowMs, backoffBaseMs, backoffMaxMs, topic, retentionMs, retentionBytes, attributes, 0);
    }

    public CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs) {
      this(name, partitions, visibilityTimeoutMs, dedupWindowMs, 0, 0, null, false, 0, 0, 0, false, 0, 0, null);
    }

    public CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs,
        long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo, long consumerDedupWindowMs,
        long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs, long retentionBytes) {
      this(name, partitions, visibilityTimeoutMs, dedupWindowMs, defaultDelayMs, maxReceives, deadLetterQueue, fifo,
          consumerDedupWindowMs, backoffBaseMs, backoffMaxMs, topic, retentionMs, retentionBytes, null);
    }

    boolean hasSettings() {
      return defaultDelayMs != 0 || maxReceives != 0 || deadLetterQueue != null || fifo || consumerDedupWindowMs != 0
          || backoffBaseMs != 0 || topic;
    }
  }

  record DeleteQueue(String name) implements MetadataCommand {}

  /** Replaces the settings a queue may change; see {@code Request.AlterQueue}. */
  record AlterQueue(String name, long expectedModifiedIndex, long visibilityTimeoutMs, long dedupWindowMs,
      long defaultDelayMs, int maxReceives, String deadLetterQueue, long backoffBaseMs, long backoffMaxMs,
      long retentionMs, long retentionBytes, SortedMap<String, String> attributes) implements MetadataCommand {
    public AlterQueue {
      attributes = attributes == null ? new TreeMap<>() : new TreeMap<>(attributes);
    }
  }

  /** Adds a node, or updates its addresses and zone; a node that registers again keeps its state. */
  record RegisterNode(String id, String raftAddress, String clientAddress, String zone) implements MetadataCommand {}

  /**
   * Registers the nodes the cluster was started with, all in one entry, when no node is registered yet (a no-op
   * otherwise): the cluster is formed by this entry, so a metadata leader that crashes while registering cannot
   * leave some seeds out, and a second leader's attempt changes nothing.
   */
  record RegisterSeeds(java.util.List<RegisterNode> seeds) implements MetadataCommand {
    public RegisterSeeds {
      seeds = java.util.List.copyOf(seeds);
    }
  }

  /**
   * A node joining through a member ({@code cluster join}, or a restarted member whose addresses changed): as
   * {@link RegisterNode}, but refused until the seeds are registered. A joiner registered first would otherwise
   * be taken for the whole cluster (the metadata group's voters follow the registered nodes).
   */
  record JoinNode(RegisterNode node) implements MetadataCommand {}

  /**
   * {@code command} on behalf of a client's operation {@code operationId}: a second entry with the same id (the
   * client retried a call whose answer it lost) is answered with the first one's reply and changes nothing.
   */
  record Once(String operationId, MetadataCommand command) implements MetadataCommand {}

  int MAX_OPERATION_ID_BYTES = 64;

  /** {@code command}, wrapped in {@link Once} when {@code operationId} is not null. */
  static MetadataCommand once(String operationId, MetadataCommand command) {
    return operationId == null ? command : new Once(operationId, command);
  }

  record SetNodeState(String id, NodeState state) implements MetadataCommand {}

  /** Forgets a node; refused while a replica set names it unless {@code force} (a node that is gone for good). */
  record RemoveNode(String id, boolean force) implements MetadataCommand {}

  /**
   * Replaces a partition's replica set if it is still {@code expected} ({@code null}: none recorded yet), so two
   * movers (an old and a new metadata leader) cannot interleave their steps.
   */
  record SetReplicas(String queue, long createIndex, int partition, java.util.List<String> expected,
      java.util.List<String> members, String adding) implements MetadataCommand {}

  int MAX_NODE_ID_BYTES = 64;
  int MAX_REPLICAS = 7;
  /** Seed nodes a cluster can be started with. */
  int MAX_SEEDS = 16;

  /** Bytes an encoded attribute map can take at most (names and values are bounded by the protocol limits). */
  int MAX_ATTRIBUTES_BYTES = 2 + 64 * 6 + 4 * 64 * 1024;

  static byte[] encode(MetadataCommand command) {
    if (command instanceof Once o) {
      if (o.command() instanceof Once) {
        throw new IllegalArgumentException("an operation cannot wrap another");
      }
      byte[] id = o.operationId().getBytes(StandardCharsets.UTF_8);
      checkOperationId(o.operationId());
      byte[] inner = encode(o.command());
      return ByteBuffer.allocate(1 + 2 + id.length + inner.length).put((byte) 13).putShort((short) id.length)
          .put(id).put(inner).array();
    }
    ByteBuffer b = ByteBuffer.allocate(1 + 2 * (2 + MAX_NAME_BYTES * 4) + 80 + MAX_ATTRIBUTES_BYTES);
    if (command instanceof AlterQueue a) {
      b.put((byte) 5);
      putString(b, a.name());
      b.putLong(a.expectedModifiedIndex()).putLong(a.visibilityTimeoutMs()).putLong(a.dedupWindowMs());
      b.putLong(a.defaultDelayMs()).putInt(a.maxReceives());
      putString(b, a.deadLetterQueue() == null ? "" : a.deadLetterQueue());
      b.putLong(a.backoffBaseMs()).putLong(a.backoffMaxMs()).putLong(a.retentionMs()).putLong(a.retentionBytes());
      putAttributes(b, a.attributes());
    } else if (command instanceof CreateQueue c) {
      boolean replication = c.replicationFactor() != 0;
      boolean attributes = replication || !c.attributes().isEmpty();
      b.put((byte) (replication ? 10 : attributes ? 4 : c.hasSettings() ? 3 : 1));
      putString(b, c.name());
      b.putInt(c.partitions()).putLong(c.visibilityTimeoutMs()).putLong(c.dedupWindowMs());
      if (c.hasSettings() || attributes) {
        b.putLong(c.defaultDelayMs()).putInt(c.maxReceives());
        putString(b, c.deadLetterQueue() == null ? "" : c.deadLetterQueue());
        b.put((byte) ((c.fifo() ? 1 : 0) | (c.topic() ? 2 : 0))).putLong(c.consumerDedupWindowMs());
        b.putLong(c.backoffBaseMs()).putLong(c.backoffMaxMs()).putLong(c.retentionMs()).putLong(c.retentionBytes());
      }
      if (attributes) {
        putAttributes(b, c.attributes());
      }
      if (replication) {
        b.put((byte) c.replicationFactor());
      }
    } else if (command instanceof DeleteQueue d) {
      b.put((byte) 2);
      putString(b, d.name());
    } else if (command instanceof RegisterNode r) {
      b.put((byte) 6);
      putNodeFields(b, r);
    } else if (command instanceof RegisterSeeds r) {
      b.put((byte) 11);
      if (r.seeds().isEmpty() || r.seeds().size() > MAX_SEEDS) {
        throw new IllegalArgumentException("1 to " + MAX_SEEDS + " seed nodes, not " + r.seeds().size());
      }
      b.put((byte) r.seeds().size());
      r.seeds().forEach(n -> putNodeFields(b, n));
    } else if (command instanceof JoinNode j) {
      b.put((byte) 12);
      putNodeFields(b, j.node());
    } else if (command instanceof SetNodeState s) {
      b.put((byte) 7);
      putString(b, s.id());
      b.put((byte) s.state().ordinal());
    } else if (command instanceof RemoveNode r) {
      b.put((byte) 8);
      putString(b, r.id());
      b.put((byte) (r.force() ? 1 : 0));
    } else if (command instanceof SetReplicas r) {
      b.put((byte) 9);
      putString(b, r.queue());
      b.putLong(r.createIndex()).putInt(r.partition());
      b.put((byte) (r.expected() == null ? 0 : 1));
      if (r.expected() != null) {
        putNodes(b, r.expected());
      }
      putNodes(b, r.members());
      putString(b, r.adding() == null ? "" : r.adding());
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /** @throws IllegalArgumentException when malformed or out of range */
  static MetadataCommand decode(ByteBuffer b) {
    try {
      int type = b.get() & 0xFF;
      MetadataCommand c = switch (type) {
        case 1 -> new CreateQueue(getString(b), b.getInt(), b.getLong(), b.getLong());
        case 2 -> new DeleteQueue(getString(b));
        case 5 -> new AlterQueue(getString(b), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(),
            emptyAsNull(getString(b)), b.getLong(), b.getLong(), b.getLong(), b.getLong(), getAttributes(b));
        case 3, 4, 10 -> {
          String name = getString(b);
          int partitions = b.getInt();
          long visibility = b.getLong();
          long dedup = b.getLong();
          long delay = b.getLong();
          int maxReceives = b.getInt();
          String dlq = getString(b);
          int flags = b.get() & 0xFF;
          if (flags > 3) {
            throw new IllegalArgumentException("unknown queue flags " + flags);
          }
          long consumerWindow = b.getLong();
          long backoffBase = b.getLong();
          long backoffMax = b.getLong();
          long retentionMs = b.getLong();
          long retentionBytes = b.getLong();
          yield new CreateQueue(name, partitions, visibility, dedup, delay, maxReceives, dlq.isEmpty() ? null : dlq,
              (flags & 1) != 0, consumerWindow, backoffBase, backoffMax, (flags & 2) != 0, retentionMs,
              retentionBytes, type >= 4 ? getAttributes(b) : null, type == 10 ? b.get() & 0xFF : 0);
        }
        case 6 -> getNodeFields(b);
        case 11 -> {
          int count = b.get() & 0xFF;
          if (count == 0 || count > MAX_SEEDS) {
            throw new IllegalArgumentException("1 to " + MAX_SEEDS + " seed nodes, not " + count);
          }
          java.util.List<RegisterNode> seeds = new java.util.ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            seeds.add(getNodeFields(b));
          }
          yield new RegisterSeeds(seeds);
        }
        case 12 -> new JoinNode(getNodeFields(b));
        case 13 -> {
          String id = getString(b);
          if (b.hasRemaining() && (b.get(b.position()) & 0xFF) == 13) { // refused before recursing: depth 1
            throw new IllegalArgumentException("an operation cannot wrap another");
          }
          yield new Once(id, decode(b)); // the inner command: the rest of the body, validated
        }
        case 7 -> {
          String id = getString(b);
          int state = b.get() & 0xFF;
          if (state >= NodeState.values().length) {
            throw new IllegalArgumentException("unknown node state " + state);
          }
          yield new SetNodeState(id, NodeState.values()[state]);
        }
        case 8 -> new RemoveNode(getString(b), b.get() != 0);
        case 9 -> {
          String queue = getString(b);
          long createIndex = b.getLong();
          int partition = b.getInt();
          java.util.List<String> expected = b.get() != 0 ? getNodes(b) : null;
          yield new SetReplicas(queue, createIndex, partition, expected, getNodes(b), emptyAsNull(getString(b)));
        }
        default -> throw new IllegalArgumentException("unknown metadata command " + type);
      };
      if (b.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes after metadata command");
      }
      validate(c);
      return c;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated metadata command");
    }
  }

  private static void validate(MetadataCommand c) {
    if (c instanceof Once o) {
      checkOperationId(o.operationId());
    } else if (c instanceof CreateQueue q) {
      QueueNames.check(q.name());
      if (q.partitions() < 1 || q.partitions() > MAX_PARTITIONS) {
        throw new IllegalArgumentException("partitions must be 1.." + MAX_PARTITIONS + ", got " + q.partitions());
      }
      if (q.visibilityTimeoutMs() < 0 || q.dedupWindowMs() < 0 || q.defaultDelayMs() < 0
          || q.consumerDedupWindowMs() < 0 || q.backoffBaseMs() < 0 || q.backoffMaxMs() < 0 || q.retentionMs() < 0
          || q.retentionBytes() < 0) {
        throw new IllegalArgumentException("visibility timeout, dedup window and delay must not be negative");
      }
      if (q.maxReceives() < 0 || (q.maxReceives() > 0) != (q.deadLetterQueue() != null)) {
        throw new IllegalArgumentException("maxReceives > 0 and a dead-letter queue go together");
      }
      if (q.replicationFactor() != 0 && q.replicationFactor() != 1 && q.replicationFactor() != 3
          && q.replicationFactor() != 5) {
        throw new IllegalArgumentException("replication factor must be 1, 3 or 5, not " + q.replicationFactor());
      }
      if (q.deadLetterQueue() != null) {
        QueueNames.check(q.deadLetterQueue());
        if (q.deadLetterQueue().equals(q.name())) {
          throw new IllegalArgumentException("a queue cannot be its own dead-letter queue");
        }
      }
    } else if (c instanceof DeleteQueue d) {
      QueueNames.check(d.name());
    } else if (c instanceof RegisterNode r) {
      checkNode(r);
    } else if (c instanceof JoinNode j) {
      checkNode(j.node());
    } else if (c instanceof RegisterSeeds r) {
      r.seeds().forEach(MetadataCommand::checkNode);
      if (r.seeds().stream().map(RegisterNode::id).distinct().count() != r.seeds().size()) {
        throw new IllegalArgumentException("seed node ids must be distinct");
      }
    } else if (c instanceof SetNodeState s) {
      checkNodeId(s.id());
    } else if (c instanceof RemoveNode r) {
      checkNodeId(r.id());
    } else if (c instanceof SetReplicas r) {
      QueueNames.check(r.queue());
      if (r.members().isEmpty() || new java.util.HashSet<>(r.members()).size() != r.members().size()) {
        throw new IllegalArgumentException("a replica set needs distinct members");
      }
      r.members().forEach(MetadataCommand::checkNodeId);
      if (r.adding() != null && r.members().contains(r.adding())) {
        throw new IllegalArgumentException("the node being added is already a member");
      }
    } else if (c instanceof AlterQueue a) {
      QueueNames.check(a.name());
      if (a.visibilityTimeoutMs() < 0 || a.dedupWindowMs() < 0 || a.defaultDelayMs() < 0 || a.backoffBaseMs() < 0
          || a.backoffMaxMs() < 0 || a.retentionMs() < 0 || a.retentionBytes() < 0) {
        throw new IllegalArgumentException("visibility timeout, dedup window and delay must not be negative");
      }
      if (a.maxReceives() < 0 || (a.maxReceives() > 0) != (a.deadLetterQueue() != null)) {
        throw new IllegalArgumentException("maxReceives > 0 and a dead-letter queue go together");
      }
      if (a.deadLetterQueue() != null) {
        QueueNames.check(a.deadLetterQueue());
        if (a.deadLetterQueue().equals(a.name())) {
          throw new IllegalArgumentException("a queue cannot be its own dead-letter queue");
        }
      }
    }
  }

  private static void checkOperationId(String id) {
    int bytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < 1 || bytes > MAX_OPERATION_ID_BYTES) {
      throw new IllegalArgumentException("operation id: 1 to " + MAX_OPERATION_ID_BYTES + " bytes, was " + bytes);
    }
  }

  private static void checkNode(RegisterNode r) {
    checkNodeId(r.id());
    if (r.raftAddress().isEmpty() || r.clientAddress().isEmpty()) {
      throw new IllegalArgumentException("a node needs a Raft and a client address");
    }
  }

  private static void putNodeFields(ByteBuffer b, RegisterNode r) {
    putString(b, r.id());
    putString(b, r.raftAddress());
    putString(b, r.clientAddress());
    putString(b, r.zone() == null ? "" : r.zone());
  }

  private static RegisterNode getNodeFields(ByteBuffer b) {
    return new RegisterNode(getString(b), getString(b), getString(b), getString(b));
  }

  /** Node ids: 1 to 64 of {@code [A-Za-z0-9._-]} (they name Raft peers and appear in paths and logs). */
  static void checkNodeId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9._-]{1," + MAX_NODE_ID_BYTES + "}")) {
      throw new IllegalArgumentException("bad node id '" + id + "': 1 to 64 of A-Z a-z 0-9 . _ -");
    }
  }

  private static void putNodes(ByteBuffer b, java.util.List<String> nodes) {
    if (nodes.size() > MAX_REPLICAS) {
      throw new IllegalArgumentException("more than " + MAX_REPLICAS + " replicas");
    }
    b.put((byte) nodes.size());
    nodes.forEach(n -> putString(b, n));
  }

  private static java.util.List<String> getNodes(ByteBuffer b) {
    int n = b.get() & 0xFF;
    if (n > MAX_REPLICAS) {
      throw new IllegalArgumentException("more than " + MAX_REPLICAS + " replicas");
    }
    java.util.List<String> out = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(getString(b));
    }
    return out;
  }

  private static String emptyAsNull(String s) {
    return s.isEmpty() ? null : s;
  }

  static void putAttributes(ByteBuffer b, SortedMap<String, String> attributes) {
    b.putShort((short) attributes.size());
    for (var e : attributes.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      b.putShort((short) name.length).put(name).putInt(value.length).put(value);
    }
  }

  /** Reads what {@link #putAttributes} wrote, refusing a map that is not in strictly ascending name order. */
  static SortedMap<String, String> getAttributes(ByteBuffer b) {
    int count = b.getShort() & 0xFFFF;
    SortedMap<String, String> out = new TreeMap<>();
    String previous = null;
    for (int i = 0; i < count; i++) {
      byte[] name = new byte[b.getShort() & 0xFFFF];
      b.get(name);
      int valueLength = b.getInt();
      if (valueLength < 0 || valueLength > b.remaining()) {
        throw new IllegalArgumentException("bad attribute value length " + valueLength);
      }
      byte[] value = new byte[valueLength];
      b.get(value);
      String n = new String(name, StandardCharsets.UTF_8);
      if (previous != null && previous.compareTo(n) >= 0) {
        throw new IllegalArgumentException("attributes out of order at '" + n + "'");
      }
      previous = n;
      out.put(n, new String(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void putString(ByteBuffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("name longer than " + MAX_NAME_BYTES + " bytes");
    }
    b.putShort((short) bytes.length).put(bytes);
  }

  private static String getString(ByteBuffer b) {
    int n = b.getShort() & 0xFFFF;
    if (n > MAX_NAME_BYTES || n > b.remaining()) {
      throw new IllegalArgumentException("bad name length " + n);
    }
    byte[] bytes = new byte[n];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
