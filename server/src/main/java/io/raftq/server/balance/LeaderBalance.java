package io.raftq.server.balance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which partition, if any, a node should hand to another replica so that leaders spread evenly: the node counts
 * the leaders of the groups it hosts per node, and gives one group it leads to the responsive replica of that
 * group with the fewest leaders, when that replica leads at least two fewer than itself. Each hand-over narrows the
 * gap, so repeated passes on every node converge. Pure logic.
 */
public final class LeaderBalance {
  private LeaderBalance() {}

  /**
   * One partition group as this node sees it.
   *
   * @param leader its leader ({@code null}: none known)
   * @param voters the voters of its configuration
   * @param responsive the followers that answered the leader recently (known only where this node leads)
   */
  public record Group(String id, String leader, List<String> voters, Set<String> responsive) {}

  public record Transfer(String groupId, String to) {}

  public static Optional<Transfer> next(String self, List<Group> groups) {
    Map<String, Integer> leads = new HashMap<>();
    for (Group g : groups) {
      g.voters().forEach(v -> leads.putIfAbsent(v, 0));
      if (g.leader() != null) {
        leads.merge(g.leader(), 1, Integer::sum);
      }
    }
    int mine = leads.getOrDefault(self, 0);
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
        int gap = mine - leads.getOrDefault(v, 0);
        if (gap > bestGap) {
          best = new Transfer(g.id(), v);
          bestGap = gap;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
