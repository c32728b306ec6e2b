package io.raftq.statemachine.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Places the replicas of partitions on nodes by rendezvous hashing: each node gets a pseudo-random score per
 * partition, and a partition's replicas are its highest-scoring nodes. Adding a node moves only the replicas for
 * which the new node now scores among the highest (about {@code replicas / (N+1)}, the least any placement can
 * move); removing one moves only its own. Two rules bend the ranking: no node takes more than {@code ceil(load *
 * replicas / N)} replicas (so an unlucky hash cannot pile partitions on one node), and replicas go to distinct
 * zones while there are zones left. Partitions are placed in key order, so the result does not depend on the order
 * they are given in. Pure logic.
 */
public final class Placement {
  /** How far above the mean a node's replica count may go: 1.25 = 25%. */
  public static final double DEFAULT_LOAD_BOUND = 1.25;

  /** A partition to place: its stable key (queue, incarnation, partition) and how many replicas it needs. */
  public record Partition(String key, int replicationFactor) {
    public Partition {
      if (replicationFactor < 1) {
        throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
      }
    }
  }

  private final double loadBound;

  public Placement(double loadBound) {
    if (loadBound < 1.0) {
      throw new IllegalArgumentException("the load bound must be at least 1.0, was " + loadBound);
    }
    this.loadBound = loadBound;
  }

  public Placement() {
    this(DEFAULT_LOAD_BOUND);
  }

  /**
   * The replicas of every partition, highest-ranked first, keyed by partition key in key order.
   *
   * @throws IllegalArgumentException when a partition needs more replicas than there are nodes
   */
  public Map<String, List<String>> place(List<PlacementNode> nodes, List<Partition> partitions) {
    List<PlacementNode> sortedNodes = new ArrayList<>(nodes);
    sortedNodes.sort(Comparator.comparing(PlacementNode::id));
    Set<String> zones = new HashSet<>();
    sortedNodes.forEach(n -> zones.add(n.zone()));
    List<Partition> sorted = new ArrayList<>(partitions);
    sorted.sort(Comparator.comparing(Partition::key));
    long replicas = 0;
    for (Partition p : sorted) {
      if (p.replicationFactor() > sortedNodes.size()) {
        throw new IllegalArgumentException("partition " + p.key() + " needs " + p.replicationFactor()
            + " replicas but there are " + sortedNodes.size() + " nodes");
      }
      replicas += p.replicationFactor();
    }
    long cap = sortedNodes.isEmpty() ? 0 : (long) Math.ceil(loadBound * replicas / sortedNodes.size());
    Map<String, Integer> load = new HashMap<>();
    Map<String, List<String>> out = new TreeMap<>();
    for (Partition p : sorted) {
      out.put(p.key(), choose(p, ranked(sortedNodes, p.key()), zones.size(), cap, load));
    }
    return out;
  }

  /** The nodes in order of their score for {@code key}, highest first (ties, which need equal hashes, by id). */
  static List<PlacementNode> ranked(List<PlacementNode> nodes, String key) {
    Map<PlacementNode, Long> score = new LinkedHashMap<>();
    for (PlacementNode n : nodes) {
      score.put(n, hash(n.id() + "\u0000" + key));
    }
    List<PlacementNode> out = new ArrayList<>(nodes);
    out.sort(Comparator.<PlacementNode>comparingLong(score::get).reversed().thenComparing(PlacementNode::id));
    return out;
  }

  /**
   * Walks the ranking up to three times: first keeping to the load cap and to zones not used yet; then to the cap
   * alone; then taking whatever is left, so that a partition always gets its replicas.
   */
  private static List<String> choose(Partition p, List<PlacementNode> ranking, int zoneCount, long cap,
      Map<String, Integer> load) {
    List<String> chosen = new ArrayList<>(p.replicationFactor());
    Set<String> usedZones = new HashSet<>();
    for (int pass = 0; pass < 3 && chosen.size() < p.replicationFactor(); pass++) {
      for (PlacementNode n : ranking) {
        if (chosen.size() == p.replicationFactor()) {
          break;
        }
        if (chosen.contains(n.id())) {
          continue;
        }
        boolean underCap = load.getOrDefault(n.id(), 0) < cap;
        boolean newZone = !usedZones.contains(n.zone()) || usedZones.size() >= zoneCount;
        if ((pass == 0 && underCap && newZone) || (pass == 1 && underCap) || pass == 2) {
          chosen.add(n.id());
          usedZones.add(n.zone());
          load.merge(n.id(), 1, Integer::sum);
        }
      }
    }
    return List.copyOf(chosen);
  }

  /** 64 bits of FNV-1a over UTF-8, then a finalizer (splitmix64) so that near keys score far apart. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** How many replicas differ between two placements of the same partitions (each one added counts once). */
  public static int moves(Map<String, List<String>> before, Map<String, List<String>> after) {
    int moved = 0;
    for (Map.Entry<String, List<String>> e : after.entrySet()) {
      Set<String> old = new HashSet<>(before.getOrDefault(e.getKey(), List.of()));
      for (String n : e.getValue()) {
        if (!old.contains(n)) {
          moved++;
        }
      }
    }
    return moved;
  }

  /** Replicas per node. */
  public static Map<String, Integer> loads(Map<String, List<String>> placement) {
    Map<String, Integer> out = new TreeMap<>();
    placement.values().forEach(rs -> rs.forEach(n -> out.merge(n, 1, Integer::sum)));
    return out;
  }
}
