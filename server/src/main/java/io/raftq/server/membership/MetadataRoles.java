package io.raftq.server.membership;

import io.raftq.statemachine.metadata.ClusterNode;
import io.raftq.statemachine.metadata.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which registered nodes vote in the metadata group and which only listen (Ratis listeners: they receive and apply
 * the log, so every node has the metadata locally, but do not count towards quorums). Pure logic.
 *
 * <p>At most {@value #MAX_VOTERS} voters, an odd number from three nodes up (a fourth voter adds no fault
 * tolerance, only a larger quorum). Voters are chosen among nodes that answer, then active ones, then current
 * voters (so a healthy configuration does not churn), then by id. The configuration moves one node at a time:
 * a new node listens first; a voter is replaced by promoting its successor before demoting it, so the group never
 * has fewer voters than it needs.
 */
public final class MetadataRoles {
  public static final int MAX_VOTERS = 5;

  private MetadataRoles() {}

  /** One configuration of the metadata group, by node id. */
  public record Roles(List<String> voters, List<String> listeners) {
    public Roles {
      voters = List.copyOf(voters);
      listeners = List.copyOf(listeners);
    }
  }

  /** How many voters {@code registered} nodes should have. */
  static int targetVoters(int registered) {
    if (registered >= MAX_VOTERS) {
      return MAX_VOTERS;
    }
    return registered >= 3 ? 3 : Math.max(1, registered);
  }

  /**
   * The next configuration towards the wanted one, or null when {@code current} is it.
   *
   * @param registered the registered nodes (metadata), in any order
   * @param down nodes that have not answered the metadata leader for long
   */
  public static Roles next(Roles current, List<ClusterNode> registered, Set<String> down) {
    List<String> ids = registered.stream().map(ClusterNode::id).toList();
    // Forget nodes that are no longer registered: listeners first (free), then voters (never the last).
    for (String l : current.listeners()) {
      if (!ids.contains(l)) {
        return new Roles(current.voters(), without(current.listeners(), l));
      }
    }
    for (String v : current.voters()) {
      if (!ids.contains(v) && current.voters().size() > 1) {
        return new Roles(without(current.voters(), v), current.listeners());
      }
    }
    // Every registered node takes part, as a listener first.
    for (String id : sortedIds(ids)) {
      if (!current.voters().contains(id) && !current.listeners().contains(id)) {
        return new Roles(current.voters(), with(current.listeners(), id));
      }
    }
    List<String> ranked = ranked(current, registered, down);
    List<String> wanted = ranked.subList(0, targetVoters(ranked.size()));
    // Grow to the target, or one beyond it while a voter is being replaced...
    if (current.voters().size() <= wanted.size()) {
      for (String w : wanted) {
        if (!current.voters().contains(w)) {
          return new Roles(with(current.voters(), w), without(current.listeners(), w));
        }
      }
    }
    // ...then demote the least wanted voter outside the wanted set.
    for (int i = ranked.size() - 1; i >= wanted.size(); i--) {
      String v = ranked.get(i);
      if (current.voters().contains(v) && current.voters().size() > 1) {
        return new Roles(without(current.voters(), v), with(current.listeners(), v));
      }
    }
    return null;
  }

  /** The registered nodes, the best voters first. */
  static List<String> ranked(Roles current, List<ClusterNode> registered, Set<String> down) {
    Comparator<ClusterNode> best = Comparator
        .comparing((ClusterNode n) -> down.contains(n.id()))
        .thenComparing(n -> n.state() != NodeState.ACTIVE)
        .thenComparing(n -> !current.voters().contains(n.id()))
        .thenComparing(ClusterNode::id);
    return registered.stream().sorted(best).map(ClusterNode::id).toList();
  }

  private static List<String> sortedIds(List<String> ids) {
    return ids.stream().sorted().toList();
  }

  private static List<String> with(List<String> list, String id) {
    List<String> out = new ArrayList<>(list);
    out.add(id);
    return out;
  }

  private static List<String> without(List<String> list, String id) {
    List<String> out = new ArrayList<>(list);
    out.remove(id);
    return out;
  }
}
