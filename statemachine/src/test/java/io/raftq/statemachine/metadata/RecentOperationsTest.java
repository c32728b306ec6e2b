package io.raftq.statemachine.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client operations ({@link MetadataCommand.Once}) are applied once per id and answered the same afterwards. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecentOperationsTest {
  private final MemoryStore store = new MemoryStore();
  private MetadataLogic logic = new MetadataLogic();
  private long index;

  private byte[] apply(long timeMs, MetadataCommand command) {
    KvTransaction txn = store.begin();
    byte[] reply = logic.apply(++index, timeMs, ByteBuffer.wrap(MetadataCommand.encode(command)), txn);
    store.commit(txn);
    return reply;
  }

  private static MetadataCommand create(String operationId, String name) {
    return MetadataCommand.once(operationId, new MetadataCommand.CreateQueue(name, 3, 30_000, 300_000));
  }

  private void restart() {
    logic = new MetadataLogic();
    logic.load(store);
  }

  private long keys(byte[] prefix) {
    long[] n = {0};
    store.scan(prefix, (k, v) -> ++n[0] > 0);
    return n[0];
  }

  @Test
  void aRetriedCreateGetsTheFirstAnswerAndCreatesOnce() {
    byte[] first = apply(1_000, create("op-1", "orders"));
    QueueDefinition created = logic.queue("orders");

    byte[] retry = apply(3_000, create("op-1", "orders"));

    assertThat(MetadataLogic.outcomeOf(first)).isEqualTo(MetadataLogic.Outcome.OK);
    assertThat(retry).isEqualTo(first);
    assertThat(logic.queue("orders")).isEqualTo(created);
    assertThat(logic.queue("orders").createIndex()).isEqualTo(1);
  }

  @Test
  void anotherOperationOnTheSameQueueIsAnsweredNormally() {
    apply(1_000, create("op-1", "orders"));

    assertThat(MetadataLogic.outcomeOf(apply(2_000, create("op-2", "orders"))))
        .isEqualTo(MetadataLogic.Outcome.QUEUE_EXISTS);
    assertThat(MetadataLogic.outcomeOf(apply(2_000, new MetadataCommand.CreateQueue("orders", 3, 30_000, 0))))
        .as("without an id, as before").isEqualTo(MetadataLogic.Outcome.QUEUE_EXISTS);
  }

  @Test
  void aRetriedDeleteDoesNotDeleteAQueueCreatedAgainMeanwhile() {
    apply(1_000, create("op-1", "orders"));
    MetadataCommand delete = MetadataCommand.once("op-2", new MetadataCommand.DeleteQueue("orders"));
    byte[] deleted = apply(2_000, delete);
    apply(2_500, create("op-3", "orders"));

    assertThat(apply(3_000, delete)).isEqualTo(deleted);
    assertThat(logic.queue("orders").createIndex()).as("the second queue is still there").isEqualTo(3);
  }

  @Test
  void aRetriedAlterationIsNotRefusedAsModifiedSinceItself() {
    apply(1_000, create("op-1", "orders"));
    MetadataCommand alter = MetadataCommand.once("op-2", new MetadataCommand.AlterQueue("orders", 1, 45_000,
        300_000, 0, 0, null, 0, 0, 0, 0, null));

    assertThat(MetadataLogic.outcomeOf(apply(2_000, alter))).isEqualTo(MetadataLogic.Outcome.OK);
    assertThat(MetadataLogic.outcomeOf(apply(2_100, alter))).isEqualTo(MetadataLogic.Outcome.OK);
    assertThat(logic.queue("orders").modifiedIndex()).isEqualTo(2);
  }

  @Test
  void aRetriedNodeRemovalIsNotRefusedAsAnUnknownNode() {
    apply(1_000, new MetadataCommand.RegisterSeeds(List.of(
        new MetadataCommand.RegisterNode("n1", "h:1", "h:2", ""),
        new MetadataCommand.RegisterNode("n2", "h:3", "h:4", ""))));
    MetadataCommand remove = MetadataCommand.once("op-1", new MetadataCommand.RemoveNode("n2", true));

    assertThat(MetadataLogic.outcomeOf(apply(2_000, remove))).isEqualTo(MetadataLogic.Outcome.OK);
    assertThat(MetadataLogic.outcomeOf(apply(2_100, remove))).isEqualTo(MetadataLogic.Outcome.OK);
    assertThat(logic.node("n2")).isNull();
  }

  @Test
  void aJoinRefusedBecauseTheClusterIsFormingIsAppliedWhenRetried() {
    MetadataCommand join = MetadataCommand.once("op-1",
        new MetadataCommand.JoinNode(new MetadataCommand.RegisterNode("n4", "h:1", "h:2", "")));
    assertThat(MetadataLogic.outcomeOf(apply(1_000, join))).isEqualTo(MetadataLogic.Outcome.NOT_FORMED);
    apply(1_100, new MetadataCommand.RegisterSeeds(List.of(new MetadataCommand.RegisterNode("n1", "h:3", "h:4", ""))));

    assertThat(MetadataLogic.outcomeOf(apply(1_200, join))).isEqualTo(MetadataLogic.Outcome.OK);
    assertThat(logic.node("n4")).isNotNull();
  }

  @Test
  void aRestartedReplicaAnswersTheSame() {
    byte[] first = apply(1_000, create("op-1", "orders"));
    restart();

    assertThat(apply(2_000, create("op-1", "orders"))).isEqualTo(first);
    assertThat(logic.queue("orders").createIndex()).isEqualTo(1);
  }

  @Test
  void anOperationIsForgottenAfterTheWindowOfLogTime() {
    apply(1_000, create("op-1", "orders"));
    apply(1_000 + RecentOperations.WINDOW_MS - 1, create("op-2", "other"));
    assertThat(MetadataLogic.outcomeOf(apply(1_000 + RecentOperations.WINDOW_MS - 1, create("op-1", "orders"))))
        .as("still inside the window").isEqualTo(MetadataLogic.Outcome.OK);

    apply(1_000 + RecentOperations.WINDOW_MS, create("op-3", "third"));

    assertThat(keys(RecentOperations.PREFIX)).as("op-1 expired, op-2 and op-3 kept").isEqualTo(2);
    assertThat(MetadataLogic.outcomeOf(apply(1_000 + RecentOperations.WINDOW_MS, create("op-1", "orders"))))
        .as("forgotten: applied again").isEqualTo(MetadataLogic.Outcome.QUEUE_EXISTS);
  }

  @Test
  void theTableKeepsAtMostMaxOperationsForgettingTheOldestFirst() {
    // One transaction for the lot: MemoryStore copies its data at every begin, which made this loop quadratic.
    KvTransaction txn = store.begin();
    for (int i = 0; i <= RecentOperations.MAX_OPERATIONS; i++) {
      logic.apply(++index, 1_000, ByteBuffer.wrap(MetadataCommand.encode(
          MetadataCommand.once("op-" + i, new MetadataCommand.DeleteQueue("missing")))), txn);
    }
    store.commit(txn);

    assertThat(keys(RecentOperations.PREFIX)).isEqualTo(RecentOperations.MAX_OPERATIONS);
    assertThat(store.get(new byte[] {'o', 0, 0, 0, 0, 0, 0, 0, 1})).as("the oldest went first").isNull();
    restart();
    byte[] queueCreated = apply(1_000, new MetadataCommand.CreateQueue("missing", 1, 0, 0));
    assertThat(MetadataLogic.outcomeOf(queueCreated)).isEqualTo(MetadataLogic.Outcome.OK);
    assertThat(MetadataLogic.outcomeOf(apply(1_000, MetadataCommand.once("op-1", new MetadataCommand.DeleteQueue(
        "missing"))))).as("op-1 is remembered: its first answer").isEqualTo(MetadataLogic.Outcome.QUEUE_NOT_FOUND);
    assertThat(logic.queue("missing")).isNotNull();
    assertThat(MetadataLogic.outcomeOf(apply(1_000, MetadataCommand.once("op-0", new MetadataCommand.DeleteQueue(
        "missing"))))).as("op-0 was forgotten: applied").isEqualTo(MetadataLogic.Outcome.OK);
  }

  @Test
  void replicasThatRestartAtDifferentPointsEndByteForByteEqual() {
    List<MetadataCommand> log = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      log.add(create("op-" + (i % 7), "q" + (i % 5)));
      log.add(MetadataCommand.once("del-" + (i % 4), new MetadataCommand.DeleteQueue("q" + (i % 3))));
    }
    List<String> straight = replay(log, -1);
    assertThat(replay(log, 17)).isEqualTo(straight);
    assertThat(replay(log, 41)).isEqualTo(straight);
  }

  private static List<String> replay(List<MetadataCommand> log, int restartAt) {
    RecentOperationsTest replica = new RecentOperationsTest();
    for (int i = 0; i < log.size(); i++) {
      if (i == restartAt) {
        replica.restart();
      }
      replica.apply(1_000L + i * 60_000L, log.get(i));
    }
    List<String> out = new ArrayList<>();
    replica.store.scan(new byte[0], (k, v) -> out.add(HexFormat.of().formatHex(k) + "=" + HexFormat.of().formatHex(v)));
    return out;
  }

  @Test
  void theCodecRoundTripsAndRefusesNestingAndBadIds() {
    MetadataCommand once = create("op-1", "orders");
    assertThat(MetadataCommand.decode(ByteBuffer.wrap(MetadataCommand.encode(once)))).isEqualTo(once);

    assertThatThrownBy(() -> MetadataCommand.encode(new MetadataCommand.Once("", new MetadataCommand.DeleteQueue("q"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetadataCommand.encode(new MetadataCommand.Once("x".repeat(65),
        new MetadataCommand.DeleteQueue("q")))).isInstanceOf(IllegalArgumentException.class);
    byte[] inner = MetadataCommand.encode(once);
    byte[] nested = ByteBuffer.allocate(1 + 2 + 1 + inner.length).put((byte) 13).putShort((short) 1).put((byte) 'a')
        .put(inner).array();
    assertThatThrownBy(() -> MetadataCommand.decode(ByteBuffer.wrap(nested))).isInstanceOf(
        IllegalArgumentException.class);
    byte[] truncated = java.util.Arrays.copyOf(inner, inner.length - 1);
    assertThatThrownBy(() -> MetadataCommand.decode(ByteBuffer.wrap(truncated))).isInstanceOf(
        IllegalArgumentException.class);
  }
}
