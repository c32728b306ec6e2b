package io.raftq.server.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.server.balance.LeaderBalance.Group;
import io.raftq.server.balance.LeaderBalance.Transfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LeaderBalanceTest {
  private static final List<String> ALL = List.of("n1", "n2", "n3");

  private static Group group(int i, String leader) {
    return new Group("g" + i, "q", leader, ALL, Set.of("n1", "n2", "n3"));
  }

  @Test
  void aNodeLeadingEverythingHandsOneGroupToTheLeastLoadedReplica() {
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      groups.add(group(i, i < 5 ? "n1" : "n2"));
    }
    assertThat(LeaderBalance.next("n1", groups)).contains(new Transfer("g0", "n3"));
    assertThat(LeaderBalance.next("n2", groups)).isEmpty(); // n2 leads fewer than n1: nothing to give
  }

  @Test
  void aGapOfOneIsBalancedEnough() {
    List<Group> groups = List.of(group(0, "n1"), group(1, "n1"), group(2, "n2"), group(3, "n3"));
    assertThat(LeaderBalance.next("n1", groups)).isEmpty();
  }

  @Test
  void unresponsiveReplicasAreNotTargets() {
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      groups.add(new Group("g" + i, "q", "n1", ALL, Set.of("n2")));
    }
    assertThat(LeaderBalance.next("n1", groups)).contains(new Transfer("g0", "n2"));
    groups.replaceAll(g -> new Group(g.id(), g.queue(), g.leader(), g.voters(), Set.of()));
    assertThat(LeaderBalance.next("n1", groups)).isEmpty();
  }

  @Test
  void eachQueueIsBalancedOnItsOwn() {
    List<Group> groups = new ArrayList<>(List.of(group(0, "n1"), group(1, "n1"), group(2, "n1")));
    groups.add(new Group("h0", "other", "n2", ALL, Set.of("n1", "n2", "n3")));
    groups.add(new Group("h1", "other", "n2", ALL, Set.of("n1", "n2", "n3")));
    groups.add(new Group("h2", "other", "n3", ALL, Set.of("n1", "n2", "n3")));
    // Queue q has all its leaders on n1; queue "other" two on n2 and none on n1.
    assertThat(LeaderBalance.next("n1", groups)).contains(new Transfer("g0", "n2"));
    assertThat(LeaderBalance.next("n2", groups)).contains(new Transfer("h0", "n1"));
    assertThat(LeaderBalance.next("n3", groups)).isEmpty();
  }

  /** Every node applying the rule in turn, as the balancers do, reaches an even spread from any start. */
  @Test
  void repeatedPassesOnEveryNodeConverge() {
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      groups.add(group(i, "n3"));
    }
    for (int round = 0; round < 50; round++) {
      boolean moved = false;
      for (String node : ALL) {
        Optional<Transfer> t = LeaderBalance.next(node, groups);
        if (t.isPresent()) {
          moved = true;
          groups.replaceAll(g -> g.id().equals(t.get().groupId()) ? group(Integer.parseInt(g.id().substring(1)),
              t.get().to()) : g);
        }
      }
      if (!moved) {
        break;
      }
    }
    Map<String, Integer> leads = new TreeMap<>();
    groups.forEach(g -> leads.merge(g.leader(), 1, Integer::sum));
    assertThat(leads).containsExactlyInAnyOrderEntriesOf(Map.of("n1", 4, "n2", 4, "n3", 4));
  }
}
