package io.raftq.statemachine.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetadataLogicTest {
  private final MemoryStore store = new MemoryStore();
  private final MetadataLogic logic = new MetadataLogic();

  private MetadataLogic.Outcome apply(long index, long timeMs, MetadataCommand command) {
    KvTransaction txn = store.begin();
    byte[] reply = logic.apply(index, timeMs, ByteBuffer.wrap(MetadataCommand.encode(command)), txn);
    store.commit(txn);
    return MetadataLogic.outcomeOf(reply);
  }

  private static MetadataCommand.CreateQueue create(String name, Map<String, String> attributes) {
    return new MetadataCommand.CreateQueue(name, 2, 30_000, 300_000, 0, 0, null, false, 300_000, 0, 0, false, 0, 0,
        new TreeMap<>(attributes));
  }

  private static MetadataCommand.AlterQueue alter(String name, long expected, String dlq, Map<String, String> attrs) {
    return new MetadataCommand.AlterQueue(name, expected, 45_000, 300_000, 2_000, dlq == null ? 0 : 3, dlq, 0, 0, 0,
        0, new TreeMap<>(attrs));
  }

  @Test
  void aQueueKeepsItsAttributesAcrossARestart() {
    assertThat(apply(5, 1_000, create("orders", Map.of("sqs.tag.team", "pay", "sqs.DelaySeconds", "0"))))
        .isEqualTo(MetadataLogic.Outcome.OK);

    MetadataLogic restarted = new MetadataLogic();
    restarted.load(store);

    QueueDefinition q = restarted.queue("orders");
    assertThat(q.attributes()).containsExactly(Map.entry("sqs.DelaySeconds", "0"), Map.entry("sqs.tag.team", "pay"));
    assertThat(q.modifiedIndex()).isEqualTo(5);
    assertThat(q.modifiedAtMs()).isEqualTo(1_000);
  }

  @Test
  void anAlterationReplacesWhatMayChangeAndKeepsTheRest() {
    apply(5, 1_000, create("dlq", Map.of()));
    apply(6, 1_000, create("orders", Map.of("old", "1")));

    assertThat(apply(9, 2_000, alter("orders", 6, "dlq", Map.of("new", "2")))).isEqualTo(MetadataLogic.Outcome.OK);

    MetadataLogic restarted = new MetadataLogic();
    restarted.load(store);
    QueueDefinition q = restarted.queue("orders");
    assertThat(q.visibilityTimeoutMs()).isEqualTo(45_000);
    assertThat(q.defaultDelayMs()).isEqualTo(2_000);
    assertThat(q.deadLetterQueue()).isEqualTo("dlq");
    assertThat(q.maxReceives()).isEqualTo(3);
    assertThat(q.attributes()).containsExactly(Map.entry("new", "2"));
    assertThat(q.partitions()).isEqualTo(2);
    assertThat(q.createIndex()).isEqualTo(6);
    assertThat(q.createdAtMs()).isEqualTo(1_000);
    assertThat(q.modifiedIndex()).isEqualTo(9);
    assertThat(q.modifiedAtMs()).isEqualTo(2_000);
  }

  @Test
  void anAlterationOfAVersionNoLongerCurrentIsRefusedAndChangesNothing() {
    apply(6, 1_000, create("orders", Map.of()));
    apply(7, 1_500, alter("orders", 6, null, Map.of("first", "1")));

    assertThat(apply(8, 2_000, alter("orders", 6, null, Map.of("second", "2"))))
        .isEqualTo(MetadataLogic.Outcome.MODIFIED_SINCE);
    assertThat(logic.queue("orders").attributes()).containsOnlyKeys("first");
    assertThat(apply(9, 2_000, alter("orders", -1, null, Map.of("second", "2"))))
        .as("-1 alters whatever is current").isEqualTo(MetadataLogic.Outcome.OK);
  }

  @Test
  void anAlterationNeedsTheQueueAndItsDeadLetterQueue() {
    assertThat(apply(3, 1_000, alter("missing", -1, null, Map.of()))).isEqualTo(MetadataLogic.Outcome.QUEUE_NOT_FOUND);
    apply(4, 1_000, create("orders", Map.of()));
    assertThat(apply(5, 1_000, alter("orders", -1, "nowhere", Map.of())))
        .isEqualTo(MetadataLogic.Outcome.DEAD_LETTER_QUEUE_NOT_FOUND);
    assertThat(logic.queue("orders").modifiedIndex()).isEqualTo(4);
  }

  @Test
  void definitionsWrittenBeforeAttributesExistedStillLoad() {
    QueueDefinition old = new QueueDefinition("old", 1, 30_000, 0, 500, 2, 1_000, 0, null, false, 0, 0, 0, false,
        0, 0);
    QueueDefinition back = MetadataLogic.decodeDefinition(MetadataLogic.encodeDefinition(old));
    assertThat(back).isEqualTo(old);
    assertThat(back.modifiedIndex()).isEqualTo(2);
    assertThat(back.attributes()).isEmpty();
  }

  @Test
  void commandsRoundTripAndMalformedAttributesAreRefused() {
    MetadataCommand.AlterQueue a = alter("orders", 6, "dlq", Map.of("b", "2", "a", "1"));
    assertThat(MetadataCommand.decode(ByteBuffer.wrap(MetadataCommand.encode(a)))).isEqualTo(a);
    MetadataCommand.CreateQueue c = create("orders", Map.of("x", "y"));
    assertThat(MetadataCommand.decode(ByteBuffer.wrap(MetadataCommand.encode(c)))).isEqualTo(c);

    byte[] wire = MetadataCommand.encode(alter("orders", 6, null, Map.of("a", "1", "b", "2")));
    // Swap the two names: the map is then out of order, which no encoder writes.
    int at = indexOf(wire, (byte) 'a');
    wire[at] = 'b';
    wire[indexOf(wire, at + 1, (byte) 'b')] = 'a';
    assertThatThrownBy(() -> MetadataCommand.decode(ByteBuffer.wrap(wire)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order");
  }

  private static int indexOf(byte[] bytes, byte b) {
    return indexOf(bytes, bytes.length - 20, b);
  }

  private static int indexOf(byte[] bytes, int from, byte b) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("no " + (char) b);
  }
}
