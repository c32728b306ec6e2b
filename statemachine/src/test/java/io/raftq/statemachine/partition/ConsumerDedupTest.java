package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.SettleOutcome.ALREADY_ACKED;
import static io.raftq.statemachine.partition.SettleOutcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerDedupTest {
  private static final long WINDOW = 60_000;
  private final PartitionFixture f = new PartitionFixture();

  /** Sends without producer dedup, so the same id is stored twice. */
  private void sendTwice(String id) {
    NewMessage m = new NewMessage(id, null, List.of(), id.getBytes(StandardCharsets.UTF_8));
    f.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP));
    f.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP));
  }

  private List<LeasedMessage> receive(String group, boolean ackOnReceive) {
    PartitionResult r = f.applyOne(new Receive(group, 10, 30_000, 0, false, ackOnReceive, WINDOW));
    return ((Leased) r).messages();
  }

  private List<SettleOutcome> ack(String group, LeaseRef ref, byte[] result) {
    return ((Settled) f.applyOne(new Ack(group, List.of(ref), WINDOW, Arrays.asList(result)))).outcomes();
  }

  @Test
  void aMessageWhoseIdTheGroupAckedIsNotDeliveredToItAgainWithinTheWindow() {
    f.at(1_000);
    sendTwice("order-1");
    List<LeasedMessage> first = f.receive("g", 1); // no window on this receive: plain lease
    assertThat(first).extracting(LeasedMessage::offset).containsExactly(0L);
    assertThat(ack("g", first.get(0).receipt(), "charged".getBytes(StandardCharsets.UTF_8))).containsExactly(OK);
    assertThat(ack("g", first.get(0).receipt(), null)).containsExactly(ALREADY_ACKED);

    assertThat(receive("g", false)).isEmpty(); // offset 1, the second copy, is skipped as consumed
    assertThat(f.logic.stats().depth()).isZero();
    Consumed c = f.logic.consumed(f.store, "g", "order-1", WINDOW, 1_000);
    assertThat(c.ackedAtMs()).isEqualTo(1_000);
    assertThat(new String(c.result(), StandardCharsets.UTF_8)).isEqualTo("charged");
    assertThat(f.logic.consumed(f.store, "other-group", "order-1", WINDOW, 1_000)).isNull();
  }

  @Test
  void anotherGroupStillGetsBothCopiesAndTheWindowEnds() {
    f.at(1_000);
    sendTwice("m");
    f.receive("other", 10); // registers "other" so the copies are kept for it
    LeasedMessage first = receive("g", false).get(0);
    ack("g", first.receipt(), null);
    f.at(1_000 + WINDOW + 1);
    assertThat(f.logic.consumed(f.store, "g", "m", WINDOW, 1_000 + WINDOW + 1)).isNull();
    // Past the window the id is forgotten: the second copy is delivered.
    assertThat(receive("g", false)).extracting(LeasedMessage::offset).containsExactly(1L);
  }

  @Test
  void consumedIdsSurviveARestart() {
    f.at(1_000);
    sendTwice("m");
    ack("g", receive("g", false).get(0).receipt(), null);
    f.restart();
    assertThat(receive("g", false)).isEmpty();
  }

  @Test
  void atMostOnceReceivesTakeNoLeaseAndNeverRedeliver() {
    f.at(1_000);
    f.send("a", "b");
    List<LeasedMessage> got = receive("g", true);
    assertThat(got).extracting(LeasedMessage::id).containsExactly("a", "b");
    assertThat(f.logic.stats().inFlight()).isZero();
    assertThat(f.logic.stats().depth()).isZero();
    assertThat(f.ack("g", got.get(0).receipt())).containsExactly(ALREADY_ACKED);
    assertThat(f.logic.consumed(f.store, "g", "a", WINDOW, 1_000)).isNotNull();
    f.at(100_000);
    assertThat(receive("g", true)).isEmpty();
  }

  @Test
  void anOversizedResultIsRejectedAndAcksNothing() {
    f.at(1_000);
    f.send("a");
    LeasedMessage m = receive("g", false).get(0);
    PartitionResult r = f.applyOne(new Ack("g", List.of(m.receipt()), WINDOW,
        Arrays.asList(new byte[PartitionLimits.MAX_RESULT_BYTES + 1])));
    assertThat(r).isInstanceOf(Rejected.class);
    assertThat(f.ack("g", m.receipt())).containsExactly(OK);
  }
}
