package io.raftq.statemachine.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.statemachine.metadata.MetadataLogic.Outcome;
import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Nodes and replica sets in the metadata group: registration, drain, removal, placement at creation. */
class MembershipLogicTest {
  private final MemoryStore store = new MemoryStore();
  private final MetadataLogic logic = new MetadataLogic();
  private long index = 1;

  private Outcome apply(MetadataCommand command) {
    KvTransaction txn = store.begin();
    byte[] reply = logic.apply(index++, 1_000, ByteBuffer.wrap(MetadataCommand.encode(command)), txn);
    store.commit(txn);
    return MetadataLogic.outcomeOf(reply);
  }

  private void register(String id, String zone) {
    assertThat(apply(new MetadataCommand.RegisterNode(id, "10.0.0.1:" + id.hashCode(), "10.0.0.2:1", zone)))
        .isEqualTo(Outcome.OK);
  }

  private QueueDefinition create(String name, int partitions) {
    assertThat(apply(new MetadataCommand.CreateQueue(name, partitions, 30_000, 0))).isEqualTo(Outcome.OK);
    return logic.queue(name);
  }

  @Test
  void aQueueCreatedBeforeAnyNodeRegisteredHasNoReplicaSetsAndOneCreatedAfterGetsThreeDistinctNodes() {
    create("early", 2);
    assertThat(logic.layout().replicaSets()).isEmpty();

    for (String n : List.of("n1", "n2", "n3", "n4", "n5")) {
      register(n, "");
    }
    QueueDefinition q = create("late", 8);
    List<ReplicaSet> sets = logic.layout().replicaSets();
    assertThat(sets).hasSize(8).allSatisfy(s -> {
      assertThat(s.queue()).isEqualTo("late");
      assertThat(s.createIndex()).isEqualTo(q.createIndex());
      assertThat(new HashSet<>(s.members())).hasSize(3);
      assertThat(s.adding()).isNull();
    });
  }

  @Test
  void eachQueueGetsItsOwnReplicationFactorCappedByTheActiveNodes() {
    for (String n : List.of("n1", "n2", "n3", "n4", "n5")) {
      register(n, "");
    }
    apply(new MetadataCommand.CreateQueue("five", 2, 30_000, 0, 0, 0, null, false, 0, 0, 0, false, 0, 0, null, 5));
    apply(new MetadataCommand.CreateQueue("one", 2, 30_000, 0, 0, 0, null, false, 0, 0, 0, false, 0, 0, null, 1));
    assertThat(logic.layout().replicaSets()).allSatisfy(s ->
        assertThat(s.members()).hasSize(s.queue().equals("five") ? 5 : 1));

    MetadataLogic restarted = new MetadataLogic();
    restarted.load(store);
    assertThat(restarted.queue("five").replicationFactor()).isEqualTo(5);
    assertThat(restarted.queue("one").replicationFactor()).isEqualTo(1);
    assertThat(restarted.queue("five").replicasWith(3)).isEqualTo(3);

    byte[] four = MetadataCommand.encode(
        new MetadataCommand.CreateQueue("four", 1, 30_000, 0, 0, 0, null, false, 0, 0, 0, false, 0, 0, null, 4));
    assertThatThrownBy(() -> logic.validate(ByteBuffer.wrap(four))).hasMessageContaining("1, 3 or 5");
  }

  @Test
  void replicasGoToDistinctZonesAndDrainingNodesGetNone() {
    register("a1", "a");
    register("a2", "a");
    register("b1", "b");
    register("b2", "b");
    register("c1", "c");
    assertThat(apply(new MetadataCommand.SetNodeState("c1", NodeState.DRAINING))).isEqualTo(Outcome.OK);
    create("q", 6);
    for (ReplicaSet s : logic.layout().replicaSets()) {
      assertThat(s.members()).doesNotContain("c1");
      Set<Character> zones = new HashSet<>();
      s.members().forEach(m -> zones.add(m.charAt(0)));
      assertThat(zones).as("zones of %s", s.members()).containsExactlyInAnyOrder('a', 'b');
    }
  }

  @Test
  void registeringAgainKeepsTheStateAndUpdatesTheAddresses() {
    register("n1", "");
    apply(new MetadataCommand.SetNodeState("n1", NodeState.DRAINING));
    assertThat(apply(new MetadataCommand.RegisterNode("n1", "h:9", "h:10", "z"))).isEqualTo(Outcome.OK);
    assertThat(logic.layout().node("n1")).contains(new ClusterNode("n1", "h:9", "h:10", "z", NodeState.DRAINING));
    assertThat(apply(new MetadataCommand.SetNodeState("nope", NodeState.DRAINING))).isEqualTo(Outcome.NODE_NOT_FOUND);
  }

  @Test
  void aNodeNamedByAReplicaSetIsRemovedOnlyWithForce() {
    for (String n : List.of("n1", "n2", "n3")) {
      register(n, "");
    }
    create("q", 1);
    assertThat(apply(new MetadataCommand.RemoveNode("n1", false))).isEqualTo(Outcome.NODE_HAS_REPLICAS);
    assertThat(logic.layout().node("n1")).isPresent();
    assertThat(apply(new MetadataCommand.RemoveNode("n1", true))).isEqualTo(Outcome.OK);
    assertThat(logic.layout().node("n1")).isEmpty();
    assertThat(apply(new MetadataCommand.RemoveNode("n1", true))).isEqualTo(Outcome.NODE_NOT_FOUND);
  }

  @Test
  void replicaSetsChangeOnlyFromTheExpectedMembersAndSurviveARestart() {
    for (String n : List.of("n1", "n2", "n3", "n4")) {
      register(n, "");
    }
    QueueDefinition q = create("q", 1);
    ReplicaSet s = logic.layout().replicaSets().get(0);
    List<String> wrong = List.of("x1");
    assertThat(apply(new MetadataCommand.SetReplicas("q", q.createIndex(), 0, wrong, s.members(), "n9")))
        .isEqualTo(Outcome.MODIFIED_SINCE);
    assertThat(apply(new MetadataCommand.SetReplicas("q", q.createIndex(), 0, s.members(), s.members(), "n4x")))
        .isEqualTo(Outcome.OK);
    assertThat(apply(new MetadataCommand.SetReplicas("q", q.createIndex() + 1, 0, s.members(), s.members(), null)))
        .isEqualTo(Outcome.QUEUE_NOT_FOUND);
    assertThat(apply(new MetadataCommand.SetReplicas("q", q.createIndex(), 5, s.members(), s.members(), null)))
        .isEqualTo(Outcome.PARTITION_NOT_FOUND);

    MetadataLogic restarted = new MetadataLogic();
    restarted.load(store);
    assertThat(restarted.layout()).isEqualTo(logic.layout());
    assertThat(restarted.layout().replicaSets().get(0).adding()).isEqualTo("n4x");
  }

  @Test
  void deletingAQueueDeletesItsReplicaSets() {
    for (String n : List.of("n1", "n2", "n3")) {
      register(n, "");
    }
    create("q", 3);
    create("keep", 1);
    assertThat(apply(new MetadataCommand.DeleteQueue("q"))).isEqualTo(Outcome.OK);
    assertThat(logic.layout().replicaSets()).extracting(ReplicaSet::queue).containsExactly("keep");
    MetadataLogic restarted = new MetadataLogic();
    restarted.load(store);
    assertThat(restarted.layout().replicaSets()).extracting(ReplicaSet::queue).containsExactly("keep");
  }

  private static MetadataCommand.RegisterNode node(String id, String zone) {
    return new MetadataCommand.RegisterNode(id, "10.0.0.1:" + id.hashCode(), "10.0.0.2:1", zone);
  }

  @Test
  void aNodeCannotJoinBeforeTheSeedsAreRegisteredAndTheSeedsAreRegisteredInOneEntryOnce() {
    assertThat(apply(new MetadataCommand.JoinNode(node("n4", "")))).isEqualTo(Outcome.NOT_FORMED);
    assertThat(logic.layout().nodes()).isEmpty();

    assertThat(apply(new MetadataCommand.RegisterSeeds(List.of(node("n1", "a"), node("n2", ""), node("n3", "")))))
        .isEqualTo(Outcome.OK);
    assertThat(logic.layout().nodes()).extracting(ClusterNode::id).containsExactly("n1", "n2", "n3");

    // A second metadata leader registering the seeds again (or after some were drained) changes nothing.
    apply(new MetadataCommand.SetNodeState("n2", NodeState.DRAINING));
    assertThat(apply(new MetadataCommand.RegisterSeeds(List.of(node("n1", "b"), node("n5", ""))))).isEqualTo(Outcome.OK);
    assertThat(logic.layout().nodes()).extracting(ClusterNode::id).containsExactly("n1", "n2", "n3");
    assertThat(logic.layout().node("n1").orElseThrow().zone()).isEqualTo("a");
    assertThat(logic.layout().node("n2").orElseThrow().state()).isEqualTo(NodeState.DRAINING);

    assertThat(apply(new MetadataCommand.JoinNode(node("n4", "z")))).isEqualTo(Outcome.OK);
    assertThat(logic.layout().node("n4").orElseThrow().zone()).isEqualTo("z");
  }

  @Test
  void seedAndJoinCommandsSurviveTheirEncodingAndBadOnesAreRefused() {
    MetadataCommand seeds = new MetadataCommand.RegisterSeeds(List.of(node("n1", "a"), node("n2", "")));
    assertThat(MetadataCommand.decode(ByteBuffer.wrap(MetadataCommand.encode(seeds)))).isEqualTo(seeds);
    MetadataCommand join = new MetadataCommand.JoinNode(node("n9", "z"));
    assertThat(MetadataCommand.decode(ByteBuffer.wrap(MetadataCommand.encode(join)))).isEqualTo(join);

    byte[] twice = MetadataCommand.encode(new MetadataCommand.RegisterSeeds(List.of(node("n1", ""), node("n1", ""))));
    assertThatThrownBy(() -> logic.validate(ByteBuffer.wrap(twice))).hasMessageContaining("distinct");
    assertThatThrownBy(() -> MetadataCommand.encode(new MetadataCommand.RegisterSeeds(List.of())))
        .hasMessageContaining("seed nodes");
    byte[] noSeeds = {11, 0};
    assertThatThrownBy(() -> logic.validate(ByteBuffer.wrap(noSeeds))).hasMessageContaining("seed nodes");
    byte[] badJoin = MetadataCommand.encode(new MetadataCommand.JoinNode(node("bad id", "")));
    assertThatThrownBy(() -> logic.validate(ByteBuffer.wrap(badJoin))).hasMessageContaining("bad node id");
  }

  @Test
  void malformedMembershipCommandsAreRefused() {
    byte[] badId = MetadataCommand.encode(new MetadataCommand.RegisterNode("bad id", "h:1", "h:2", ""));
    assertThatThrownBy(() -> logic.validate(ByteBuffer.wrap(badId))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad node id");
    byte[] duplicates = MetadataCommand.encode(
        new MetadataCommand.SetReplicas("q", 1, 0, null, List.of("n1", "n1"), null));
    assertThatThrownBy(() -> logic.validate(ByteBuffer.wrap(duplicates))).hasMessageContaining("distinct");
    byte[] truncated = java.util.Arrays.copyOf(badId, 5);
    assertThatThrownBy(() -> logic.validate(ByteBuffer.wrap(truncated))).isInstanceOf(IllegalArgumentException.class);
  }
}
