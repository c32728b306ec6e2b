package io.raftq.statemachine.metadata;

import io.raftq.statemachine.placement.Placement;
import io.raftq.statemachine.placement.PlacementNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the metadata group knows of the cluster's shape, as of one applied index: the registered nodes and the
 * replica set of every partition that has one recorded (partitions of queues created before any node registered
 * have none: every seed node hosts them). Immutable; in id and key order.
 */
public record ClusterLayout(List<ClusterNode> nodes, List<ReplicaSet> replicaSets) {
  /** Replicas a partition gets when there are enough active nodes. */
  public static final int DEFAULT_REPLICATION = 3;

  public static final ClusterLayout EMPTY = new ClusterLayout(List.of(), List.of());

  public ClusterLayout {
    nodes = List.copyOf(nodes);
    replicaSets = List.copyOf(replicaSets);
  }

  public Optional<ClusterNode> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** This layout with the nodes {@code ids} not taking replicas (draining), e.g. nodes down for too long. */
  public ClusterLayout without(java.util.Set<String> ids) {
    if (ids.isEmpty()) {
      return this;
    }
    return new ClusterLayout(nodes.stream().map(n -> ids.contains(n.id()) ? n.withState(NodeState.DRAINING) : n)
        .toList(), replicaSets);
  }

  public List<PlacementNode> activeNodes() {
    return nodes.stream().filter(n -> n.state() == NodeState.ACTIVE)
        .map(n -> new PlacementNode(n.id(), n.zone())).toList();
  }

  /**
   * Where every partition of {@code queues} should be, keyed by {@link ReplicaSet#key}, given the active nodes;
   * empty when no node is active. Pure: every node computes the same.
   */
  public static Map<String, List<String>> target(List<PlacementNode> active, List<QueueDefinition> queues) {
    if (active.isEmpty()) {
      return Map.of();
    }
    List<Placement.Partition> partitions = new ArrayList<>();
    for (QueueDefinition q : queues) {
      int rf = q.replicasWith(active.size());
      for (int p = 0; p < q.partitions(); p++) {
        partitions.add(new Placement.Partition(ReplicaSet.key(q.name(), q.createIndex(), p), rf));
      }
    }
    return new Placement().place(active, partitions);
  }

  // Codec: the stored node and replica-set records, and the whole layout as the metadata query answers it.

  static byte[] encodeNode(ClusterNode n) {
    ByteBuffer b = ByteBuffer.allocate(4 * (2 + 800) + 1);
    putString(b, n.id());
    putString(b, n.raftAddress());
    putString(b, n.clientAddress());
    putString(b, n.zone());
    b.put((byte) n.state().ordinal());
    return copy(b);
  }

  static ClusterNode decodeNode(ByteBuffer b) {
    return new ClusterNode(getString(b), getString(b), getString(b), getString(b), NodeState.values()[b.get()]);
  }

  static byte[] encodeReplicaSet(ReplicaSet r) {
    ByteBuffer b = ByteBuffer.allocate(2 + 800 + 12 + 1 + (MetadataCommand.MAX_REPLICAS + 1) * (2 + 256));
    putString(b, r.queue());
    b.putLong(r.createIndex()).putInt(r.partition());
    b.put((byte) r.members().size());
    r.members().forEach(m -> putString(b, m));
    putString(b, r.adding() == null ? "" : r.adding());
    return copy(b);
  }

  static ReplicaSet decodeReplicaSet(ByteBuffer b) {
    String queue = getString(b);
    long createIndex = b.getLong();
    int partition = b.getInt();
    int n = b.get() & 0xFF;
    List<String> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      members.add(getString(b));
    }
    String adding = getString(b);
    return new ReplicaSet(queue, createIndex, partition, members, adding.isEmpty() ? null : adding);
  }

  /** {@code i32 nodes | nodes * (i32 length | node) | i32 sets | sets * (i32 length | set)}. */
  public byte[] encode() {
    int size = 8;
    List<byte[]> ns = nodes.stream().map(ClusterLayout::encodeNode).toList();
    List<byte[]> rs = replicaSets.stream().map(ClusterLayout::encodeReplicaSet).toList();
    for (byte[] p : ns) {
      size += 4 + p.length;
    }
    for (byte[] p : rs) {
      size += 4 + p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(ns.size());
    ns.forEach(p -> b.putInt(p.length).put(p));
    b.putInt(rs.size());
    rs.forEach(p -> b.putInt(p.length).put(p));
    return b.array();
  }

  public static ClusterLayout decode(ByteBuffer b) {
    List<ClusterNode> ns = new ArrayList<>();
    for (int i = b.getInt(); i > 0; i--) {
      int len = b.getInt();
      ns.add(decodeNode(b.slice(b.position(), len)));
      b.position(b.position() + len);
    }
    List<ReplicaSet> rs = new ArrayList<>();
    for (int i = b.getInt(); i > 0; i--) {
      int len = b.getInt();
      rs.add(decodeReplicaSet(b.slice(b.position(), len)));
      b.position(b.position() + len);
    }
    return new ClusterLayout(ns, rs);
  }

  private static byte[] copy(ByteBuffer b) {
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  private static void putString(ByteBuffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.putShort((short) bytes.length).put(bytes);
  }

  private static String getString(ByteBuffer b) {
    byte[] bytes = new byte[b.getShort() & 0xFFFF];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
