package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.PartitionFixture.offsets;
import static io.raftq.statemachine.partition.SettleOutcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.store.KvTransaction;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A RECEIVE with {@code maxBytes} leases what fits the bound, in order, and at least one message. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReceiveByteBoundTest {
  private final PartitionFixture f = new PartitionFixture();

  /** Sends one message per size, id {@code "m<offset>"}, payload of that many bytes; returns their sizes. */
  private long[] send(int... payloadBytes) {
    long[] sizes = new long[payloadBytes.length];
    long first = f.logic.offsetRange()[1];
    for (int i = 0; i < payloadBytes.length; i++) {
      NewMessage m = new NewMessage("m" + (first + i), null, List.of(), new byte[payloadBytes[i]]);
      f.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP));
      sizes[i] = DeliverySize.of(new LeasedMessage(m.id(), 0, null, List.of(), m.payload(), 0, 0, 0));
    }
    return sizes;
  }

  private List<LeasedMessage> receive(long maxBytes) {
    return receive(new Receive("g", 1_000, 30_000).withMaxBytes(maxBytes));
  }

  private List<LeasedMessage> receive(Receive r) {
    PartitionResult result = f.applyOne(r);
    assertThat(result).isInstanceOf(Leased.class);
    return ((Leased) result).messages();
  }

  @Test
  void theSizeOfADeliveryCountsItsStringsHeadersAndPayloadPlusTheFixedFields() {
    LeasedMessage m = new LeasedMessage("ü1", 0, "key", List.of(new MessageHeader("h", "vv"),
        new MessageHeader("n", null)), new byte[10], 1, 1, 1);

    // id 3 bytes (ü is 2), key 3, payload 10, headers (8 + 1 + 2) + (8 + 1 + 0), fixed 60
    assertThat(DeliverySize.of(m)).isEqualTo(3 + 3 + 10 + 11 + 9 + 60);
  }

  @Test
  void theReplyStopsExactlyBeforeTheFirstMessageThatWouldPassTheBound() {
    long[] size = send(100, 200, 300, 400);

    assertThat(offsets(receive(size[0] + size[1]))).containsExactly(0L, 1L);
    assertThat(offsets(receive(size[2] + size[3] - 1))).containsExactly(2L);
    assertThat(offsets(receive(size[3]))).containsExactly(3L);
    assertThat(f.logic.stats().inFlight()).isEqualTo(4);
  }

  @Test
  void aMessageLargerThanTheBoundIsDeliveredAloneSoItIsNeverStuck() {
    send(5_000, 5_000, 10);

    assertThat(offsets(receive(100))).containsExactly(0L);
    assertThat(offsets(receive(1))).containsExactly(1L);
    assertThat(offsets(receive(1))).containsExactly(2L);
    assertThat(receive(1)).isEmpty();
  }

  @Test
  void theCutIsFinalSoASmallerMessageBehindItDoesNotOvertakeIt() {
    long[] size = send(10, 5_000, 10);

    assertThat(offsets(receive(size[0] + size[2]))).containsExactly(0L);
    assertThat(offsets(receive(size[1] + size[2]))).containsExactly(1L, 2L);
  }

  @Test
  void withoutABoundEverythingUpToMaxMessagesIsLeasedAsBefore() {
    send(5_000, 5_000, 5_000);

    assertThat(offsets(receive(0))).containsExactly(0L, 1L, 2L);
  }

  @Test
  void redeliveriesComeFirstAndCountAgainstTheBoundAndWhatIsCutStaysVisible() {
    long[] size = send(100, 100, 100, 100);
    assertThat(offsets(receive(new Receive("g", 2, 1_000)))).containsExactly(0L, 1L);
    f.at(5_000); // both leases ran out

    assertThat(offsets(receive(size[0]))).containsExactly(0L);
    List<LeasedMessage> next = receive(size[1] + size[2]);
    assertThat(offsets(next)).containsExactly(1L, 2L);
    assertThat(next.get(0).deliveries()).isEqualTo(2);
    assertThat(offsets(receive(0))).containsExactly(3L);
  }

  @Test
  void deadLetteredMessagesDoNotCountAgainstTheBound() {
    long[] size = send(50_000, 50_000, 100);
    Receive withDeadLetters = new Receive("g", 2, 1_000, 1);
    assertThat(offsets(receive(withDeadLetters))).containsExactly(0L, 1L);
    f.at(5_000); // delivered once each (maxReceives 1), leases ran out: both go to the outbox now

    List<LeasedMessage> got = receive(withDeadLetters.withMaxBytes(size[2]));

    assertThat(offsets(got)).containsExactly(2L);
    assertThat(f.logic.stats().deadLettersPending()).isEqualTo(2);
    assertThat(PartitionLogic.readDeadLetters(f.store, 10)).extracting(d -> d.message().offset())
        .containsExactly(0L, 1L);
  }

  @Test
  void delayedMessagesAreParkedWithoutCountingAndTheNextReadyOneIsDelivered() {
    NewMessage delayed = new NewMessage("d", null, List.of(), new byte[50_000], 60_000);
    f.applyOne(new Enqueue(List.of(delayed), PartitionFixture.NO_DEDUP));
    send(100, 100);

    assertThat(offsets(receive(1))).containsExactly(1L);
    assertThat(offsets(receive(1))).containsExactly(2L);
    f.at(70_000);
    assertThat(offsets(receive(1))).containsExactly(0L);
  }

  @Test
  void aFifoMessageCutByTheBoundIsNotIndexedUntilItIsTaken() {
    Receive fifo = new Receive("g", 10, 30_000, 0, true);
    sendKeyed("a1", "A", 10);
    sendKeyed("b1", "B", 5_000);
    sendKeyed("a2", "A", 10);

    List<LeasedMessage> first = receive(fifo.withMaxBytes(100));
    assertThat(ids(first)).containsExactly("a1");
    assertThat(ids(receive(fifo.withMaxBytes(100)))).containsExactly("b1"); // a2 waits for a1
    assertThat(f.ack("g", first)).containsExactly(OK);
    assertThat(ids(receive(fifo.withMaxBytes(100)))).containsExactly("a2");
  }

  @Test
  void anAtMostOnceReplyIsBoundedAndKeepsItsContent() {
    long[] size = send(1_000, 1_000, 1_000);
    PartitionReplicatedLogic replicated = new PartitionReplicatedLogic();
    replicated.load(f.store);
    Receive atMostOnce = new Receive("g", 10, 30_000, 0, false, true, 0).withMaxBytes(size[0] + size[1]);

    KvTransaction txn = f.store.begin();
    byte[] reply = replicated.apply(1, 2_000, ByteBuffer.wrap(PartitionCodec.encodeCommands(List.of(atMostOnce))),
        txn);
    f.store.commit(txn);

    List<LeasedMessage> got = ((Leased) PartitionCodec.decodeResults(ByteBuffer.wrap(reply)).get(0)).messages();
    assertThat(offsets(got)).containsExactly(0L, 1L);
    assertThat(got).allSatisfy(m -> assertThat(m.payload()).hasSize(1_000));
  }

  @Test
  void aNegativeBoundIsRejectedAndChangesNothing() {
    send(10);

    assertThat(f.applyOne(new Receive("g", 1, 1_000).withMaxBytes(-1))).isInstanceOf(Rejected.class);
    assertThat(f.logic.stats().groups()).isZero();
    assertThat(f.logic.stats().inFlight()).isZero();
  }

  /** A RECEIVE logged before the bound existed replays unbounded: the same leases as when it was first applied. */
  @Test
  void anOldLayoutReceiveReplaysWithoutABound() {
    send(5_000, 5_000, 5_000);
    byte[] oldEntry = HexFormat.of().parseHex("0001" + "02" + "00000001" + "67" + "00000005" + "0000000000007530");

    List<PartitionCommand> decoded = PartitionCodec.decodeCommands(ByteBuffer.wrap(oldEntry));
    PartitionResult r = f.apply(decoded.toArray(PartitionCommand[]::new)).get(0);

    assertThat(offsets(((Leased) r).messages())).containsExactly(0L, 1L, 2L);
  }

  private void sendKeyed(String id, String key, int payloadBytes) {
    NewMessage m = new NewMessage(id, key, List.of(), new byte[payloadBytes]);
    assertThat(f.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP))).isInstanceOf(Enqueued.class);
  }

  private static List<String> ids(List<LeasedMessage> leased) {
    return leased.stream().map(LeasedMessage::id).toList();
  }
}
