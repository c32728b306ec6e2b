package io.raftq.server.balance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which partition, if any, a node should hand to another replica so that the leaders of each queue spread evenly
 * (a busy queue then uses every node, and the cluster as a whole is balanced too): per queue, the node counts the
 * leaders of the groups it hosts per node, and gives one group it leads to the responsive replica of that group
 * with the fewest leaders of that queue, when that replica leads at least two fewer than itself. Each hand-over
 * narrows a gap, so repeated passes on every node converge. Pure logic.
 */
public final class LeaderBalance {
  private LeaderBalance() {}

  /**
   * One partition group as this node sees it.
   *
   * @param leader its leader ({@code null}: none known)
   * @param voters the voters of its configuration
   * @param responsive the followers that answered the leader recently and hold nearly its whole log (known only
   *     where this node leads)
   */
  public record Group(String id, String queue, String leader, List<String> voters, Set<String> responsive) {}

  public record Transfer(String groupId, String to) {}

  public static Optional<Transfer> next(String self, List<Group> groups) {
    Map<String, Integer> leads = new HashMap<>(); // "queue\0node" -> leaders
    for (Group g : groups) {
      if (g.leader() != null) {
        leads.merge(g.queue() + "\0" + g.leader(), 1, Integer::sum);
      }
    }
    Transfer best = null;
    int bestGap = 1;
    for (Group g : groups.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
      if (!self.equals(g.leader())) {
        continue;
      }
      for (String v : g.voters().stream().sorted().toList()) {
        if (v.equals(self) || !g.responsive().contains(v)) {
          continue;
        }
        int gap = leads.getOrDefault(g.queue() + "\0" + self, 0) - leads.getOrDefault(g.queue() + "\0" + v, 0);
        if (gap > bestGap) {
          best = new Transfer(g.id(), v);
          bestGap = gap;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
