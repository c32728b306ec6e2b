package io.raftq.server.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.server.membership.MetadataRoles.Roles;
import io.raftq.statemachine.metadata.ClusterNode;
import io.raftq.statemachine.metadata.NodeState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetadataRolesTest {
  private static List<ClusterNode> nodes(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> node("n" + i, NodeState.ACTIVE)).toList();
  }

  private static ClusterNode node(String id, NodeState state) {
    return new ClusterNode(id, "h:" + id, "c:" + id, "", state);
  }

  /** Applies next() until it answers null, checking that each step changes one node's role and keeps a voter. */
  private static Roles settle(Roles start, List<ClusterNode> registered, Set<String> down, List<Roles> steps) {
    Roles r = start;
    for (int i = 0; i < 50; i++) {
      Roles n = MetadataRoles.next(r, registered, down);
      if (n == null) {
        return r;
      }
      assertThat(n.voters()).isNotEmpty();
      assertThat(changedNodes(r, n)).as("one node changes role per step: %s -> %s", r, n).isEqualTo(1);
      assertThat(n.voters()).allSatisfy(v -> assertThat(n.listeners()).doesNotContain(v));
      steps.add(n);
      r = n;
    }
    throw new AssertionError("did not settle: " + r);
  }

  private static int changedNodes(Roles a, Roles b) {
    Set<String> all = new HashSet<>(a.voters());
    all.addAll(a.listeners());
    all.addAll(b.voters());
    all.addAll(b.listeners());
    int changed = 0;
    for (String id : all) {
      if (a.voters().contains(id) != b.voters().contains(id) || a.listeners().contains(id) != b.listeners().contains(id)) {
        changed++;
      }
    }
    return changed;
  }

  @Test
  void voterCountIsOddFromThreeNodesAndAtMostFive() {
    assertThat(IntStream.rangeClosed(1, 8).map(MetadataRoles::targetVoters).toArray())
        .containsExactly(1, 2, 3, 3, 5, 5, 5, 5);
  }

  @Test
  void threeSeedsGrowingToSixNodesEndWithFiveVotersAndOneListener() {
    List<Roles> steps = new ArrayList<>();
    Roles r = new Roles(List.of("n1", "n2", "n3"), List.of());
    assertThat(MetadataRoles.next(r, nodes(3), Set.of())).isNull();
    r = settle(r, nodes(4), Set.of(), steps);
    assertThat(r).isEqualTo(new Roles(List.of("n1", "n2", "n3"), List.of("n4")));
    r = settle(r, nodes(6), Set.of(), steps);
    assertThat(r.voters()).containsExactlyInAnyOrder("n1", "n2", "n3", "n4", "n5");
    assertThat(r.listeners()).containsExactly("n6");
    // A node joins as a listener before it can vote.
    assertThat(steps.get(0)).isEqualTo(new Roles(List.of("n1", "n2", "n3"), List.of("n4")));
  }

  @Test
  void removingVotersPromotesListenersAndFourNodesKeepThreeVoters() {
    List<Roles> steps = new ArrayList<>();
    Roles r = new Roles(List.of("n1", "n2", "n3", "n4", "n5"), List.of("n6"));
    List<ClusterNode> withoutN1 = nodes(6).subList(1, 6);
    r = settle(r, withoutN1, Set.of(), steps);
    assertThat(r.voters()).containsExactlyInAnyOrder("n2", "n3", "n4", "n5", "n6");
    assertThat(r.listeners()).isEmpty();
    r = settle(r, withoutN1.subList(0, 4), Set.of(), steps);
    assertThat(r.voters()).hasSize(3).doesNotContain("n6");
    assertThat(r.listeners()).hasSize(1);
  }

  @Test
  void aDownVoterIsReplacedByPromotingAListenerFirst() {
    List<Roles> steps = new ArrayList<>();
    Roles r = new Roles(List.of("n1", "n2", "n3"), List.of("n4"));
    r = settle(r, nodes(4), Set.of("n2"), steps);
    assertThat(r).isEqualTo(new Roles(List.of("n1", "n3", "n4"), List.of("n2")));
    assertThat(steps.get(0).voters()).containsExactly("n1", "n2", "n3", "n4"); // grow, then demote
  }

  @Test
  void drainingNodesStopVotingWhenOthersCanAndAHealthyConfigurationStays() {
    List<ClusterNode> registered = new ArrayList<>(nodes(4));
    registered.set(0, node("n1", NodeState.DRAINING));
    Roles r = settle(new Roles(List.of("n1", "n2", "n3"), List.of("n4")), registered, Set.of(), new ArrayList<>());
    assertThat(r.voters()).containsExactlyInAnyOrder("n2", "n3", "n4");
    // Current voters are kept over lower ids: no churn once settled.
    Roles settled = new Roles(List.of("n3", "n4", "n5"), List.of("n1", "n2"));
    assertThat(MetadataRoles.next(settled, nodes(5).subList(0, 5), Set.of())).isNotNull(); // five nodes: five voters
    Roles three = new Roles(List.of("n2", "n3", "n4"), List.of("n1"));
    assertThat(MetadataRoles.next(three, nodes(4), Set.of())).isNull();
  }

  @Test
  void aSingleNodeKeepsItsVoteEvenWhenDown() {
    Roles r = new Roles(List.of("n1"), List.of());
    assertThat(MetadataRoles.next(r, nodes(1), Set.of("n1"))).isNull();
  }
}
