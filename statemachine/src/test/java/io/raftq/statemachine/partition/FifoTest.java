package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.SettleOutcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FifoTest {
  private final PartitionFixture f = new PartitionFixture();

  private void send(String id, String key) {
    NewMessage m = new NewMessage(id, key, List.of(), id.getBytes(StandardCharsets.UTF_8));
    assertThat(f.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP))).isInstanceOf(Enqueued.class);
  }

  private List<LeasedMessage> receive(String group, int max, int maxReceives) {
    PartitionResult r = f.applyOne(new Receive(group, max, 1_000, maxReceives, true));
    assertThat(r).isInstanceOf(Leased.class);
    return ((Leased) r).messages();
  }

  private List<String> ids(List<LeasedMessage> l) {
    return l.stream().map(LeasedMessage::id).toList();
  }

  @Test
  void atMostOneMessagePerKeyIsInFlightAndKeysDoNotBlockEachOther() {
    f.at(1_000);
    send("a1", "A");
    send("a2", "A");
    send("b1", "B");
    send("a3", "A");
    send("b2", "B");

    List<LeasedMessage> first = receive("g", 10, 0);
    assertThat(ids(first)).containsExactly("a1", "b1");
    assertThat(receive("g", 10, 0)).isEmpty();

    assertThat(f.ack("g", first.get(0).receipt())).containsExactly(OK); // a1 done: a2 may go, b2 still waits
    List<LeasedMessage> second = receive("g", 10, 0);
    assertThat(ids(second)).containsExactly("a2");
    f.ack("g", first.get(1).receipt());
    f.ack("g", second.get(0).receipt());
    assertThat(ids(receive("g", 10, 0))).containsExactly("a3", "b2");
  }

  @Test
  void anExpiredOrNackedHeadIsRedeliveredBeforeItsKeyMovesOn() {
    f.at(1_000);
    send("a1", "A");
    send("a2", "A");
    receive("g", 10, 0);
    f.at(3_000); // the lease of a1 expired
    List<LeasedMessage> again = receive("g", 10, 0);
    assertThat(ids(again)).containsExactly("a1");
    assertThat(again.get(0).deliveries()).isEqualTo(2);
    f.nack("g", 0, again.get(0).receipt());
    assertThat(ids(receive("g", 10, 0))).containsExactly("a1");
  }

  @Test
  void unkeyedMessagesAreNotOrdered() {
    f.at(1_000);
    send("x1", null);
    send("x2", null);
    assertThat(ids(receive("g", 10, 0))).containsExactly("x1", "x2");
  }

  @Test
  void aDeadLetteredHeadParksItsKeyUntilReleasedAndOtherKeysFlow() {
    f.at(1_000);
    send("a1", "A");
    send("a2", "A");
    send("a3", "A");
    send("b1", "B");
    assertThat(ids(receive("g", 10, 1))).containsExactly("a1", "b1");
    f.at(3_000);
    assertThat(receive("g", 10, 1)).isEmpty(); // both over their limit: both dead-lettered, both keys parked
    send("b2", "B");
    assertThat(f.logic.parkedKeys()).containsExactly(new ParkedKey("g", "A", 2), new ParkedKey("g", "B", 0));
    assertThat(f.applyOne(new ReleaseKey("g", "B", false))).isEqualTo(new Removed(0)); // nothing was held yet
    assertThat(ids(receive("g", 10, 1))).containsExactly("b2");

    f.restart(); // parking survives a restart
    assertThat(receive("g", 10, 1)).isEmpty();
    assertThat(f.applyOne(new ReleaseKey("g", "A", false))).isEqualTo(new Removed(1));
    List<LeasedMessage> a2 = receive("g", 10, 1);
    assertThat(ids(a2)).containsExactly("a2");
    f.ack("g", a2.get(0).receipt());
    assertThat(ids(receive("g", 10, 1))).containsExactly("a3");
    assertThat(f.logic.parkedKeys()).isEmpty();
  }

  @Test
  void skippingAParkedKeyDeadLettersItsHeldMessagesInOrder() {
    f.at(1_000);
    send("a1", "A");
    send("a2", "A");
    send("a3", "A");
    receive("g", 10, 1);
    f.at(3_000);
    receive("g", 10, 1); // a1 dead-lettered, A parked, a2 and a3 held
    assertThat(f.applyOne(new ReleaseKey("g", "A", true))).isEqualTo(new Removed(2));
    assertThat(PartitionLogic.readDeadLetters(f.store, 10)).extracting(d -> d.message().id())
        .containsExactly("a1", "a2", "a3");
    assertThat(f.logic.stats().depth()).isZero();
    send("a4", "A");
    assertThat(ids(receive("g", 10, 1))).containsExactly("a4");
  }

  @Test
  void heldMessagesAreNotInFlightAndTheirReceiptsSettleNothing() {
    f.at(1_000);
    send("a1", "A");
    send("a2", "A");
    receive("g", 10, 0);
    assertThat(f.logic.stats().inFlight()).isEqualTo(1);
    assertThat(f.ack("g", new LeaseRef(1, 0))).containsExactly(SettleOutcome.INVALID);
  }

  @Test
  void replicasReplayingTheSameLogWithARestartInBetweenEndIdentical() {
    PartitionFixture other = new PartitionFixture();
    List<PartitionFixture> both = List.of(f, other);
    for (PartitionFixture x : both) {
      x.at(1_000);
      for (int i = 0; i < 6; i++) {
        NewMessage m = new NewMessage("m" + i, "k" + (i % 2), List.of(), new byte[] {(byte) i});
        x.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP));
      }
    }
    List<List<LeasedMessage>> got = new ArrayList<>();
    for (PartitionFixture x : both) {
      PartitionResult r = x.applyOne(new Receive("g", 10, 1_000, 0, true));
      got.add(((Leased) r).messages());
    }
    other.restart();
    for (int i = 0; i < 2; i++) {
      PartitionFixture x = both.get(i);
      x.ack("g", got.get(i).get(0).receipt());
      x.at(1_500).applyOne(new Receive("g", 10, 1_000, 0, true));
    }
    assertThat(other.dump()).isEqualTo(f.dump());
  }
}
