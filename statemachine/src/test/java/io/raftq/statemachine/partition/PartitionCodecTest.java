package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartitionCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  static final List<PartitionCommand> ALL_COMMANDS =
      List.of(
          new Enqueue(
              List.of(
                  new NewMessage("id-1", "key", List.of(new MessageHeader("h", "v")), new byte[] {1, 2, 3}),
                  new NewMessage(null, null, List.of(new MessageHeader("ü", null)), new byte[0])),
              60_000),
          new Enqueue(
              List.of(
                  new NewMessage("d-1", null, List.of(), new byte[] {4}, 86_400_000),
                  new NewMessage("d-2", "k", List.of(), new byte[0], 0)),
              0),
          new Receive("gröup", 10, 30_000),
          new Ack("g", List.of(new LeaseRef(0, 1), new LeaseRef(7, 9))),
          new Nack("g", List.of(new LeaseRef(3, 4)), 1_500),
          new ChangeVisibility("g", List.of(), 45_000),
          new Enqueue(List.of(new NewMessage("m", null, List.of(), new byte[] {5}, 0, "dead-letter/q/1/0/7")), 1),
          new Receive("g", 10, 30_000, 5),
          new Nack("g", List.of(new LeaseRef(3, 4)), 0, "timeout talking to the payment service"),
          new ForwardedDeadLetters(12),
          new RemoveMessages(List.of(3L, 9L)),
          new Receive("g", 3, 1_000, 2, true),
          new ReleaseKey("g", "customer-7", false),
          new ApplyRetention(86_400_000, 1L << 30),
          new CommitOffset("stream-g", 17, true),
          new Receive("g", 3, 1_000, 0, false, false, 0, 0, 0, true),
          new Receive("g", 3, 1_000, 0, false, true, 60_000),
          new Receive("g", 3, 1_000, 0, false, false, 0, 1_000, 60_000),
          new Nack("g", List.of(new LeaseRef(3, 4)), 0, null, 500, 10_000),
          new Ack("g", List.of(new LeaseRef(1, 2), new LeaseRef(3, 4)), 60_000,
              java.util.Arrays.asList(new byte[] {7}, null)),
          new Ack("g", List.of(new LeaseRef(1, 2)), 60_000, List.of()),
          new Receive("g", 1_000, 30_000).withMaxBytes(4 << 20),
          new Receive("g", 3, 1_000, 2, true, true, 60_000, 10, 20, false, 1),
          new Purge());

  static final List<PartitionResult> ALL_RESULTS =
      List.of(
          new Enqueued(List.of(new StoredMessage("a", 0, false), new StoredMessage("b", 7, true))),
          new Leased(
              List.of(
                  new LeasedMessage("a", 0, "k", List.of(new MessageHeader("h", null)), new byte[] {9}, 5, 2, 1_000),
                  new LeasedMessage("1", 1, null, List.of(), new byte[0], 6, 1, 2_000))),
          new Settled(List.of(SettleOutcome.OK, SettleOutcome.ALREADY_ACKED, SettleOutcome.INVALID)),
          new Rejected("maxMessages must be >= 1"),
          new Removed(42));

  @Test
  void everyCommandRoundTrips() {
    byte[] body = PartitionCodec.encodeCommands(ALL_COMMANDS);

    assertThat(PartitionCodec.decodeCommands(ByteBuffer.wrap(body))).isEqualTo(ALL_COMMANDS);
  }

  @Test
  void everyResultRoundTrips() {
    byte[] body = PartitionCodec.encodeResults(ALL_RESULTS);

    assertThat(PartitionCodec.decodeResults(ByteBuffer.wrap(body))).isEqualTo(ALL_RESULTS);
  }

  @Test
  void emptyListsRoundTrip() {
    assertThat(PartitionCodec.decodeCommands(ByteBuffer.wrap(PartitionCodec.encodeCommands(List.of())))).isEmpty();
    assertThat(PartitionCodec.decodeResults(ByteBuffer.wrap(PartitionCodec.encodeResults(List.of())))).isEmpty();
  }

  /** Frozen formats: a change here breaks replay of existing logs. */
  @Test
  void goldenCommandBytes() {
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Receive("g", 5, 1_000)))))
        .isEqualTo("0001" + "02" + "00000001" + "67" + "00000005" + "00000000000003e8");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Ack("g", List.of(new LeaseRef(7, 9)))))))
        .isEqualTo("0001" + "03" + "00000001" + "67" + "00000001" + "0000000000000007" + "0000000000000009");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Nack("g", List.of(), 2)))))
        .isEqualTo("0001" + "04" + "00000001" + "67" + "00000000" + "0000000000000002");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new ChangeVisibility("g", List.of(), 3)))))
        .isEqualTo("0001" + "05" + "00000001" + "67" + "00000000" + "0000000000000003");
    NewMessage m = new NewMessage(null, "k", List.of(new MessageHeader("h", null)), new byte[] {(byte) 0xAB});
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Enqueue(List.of(m), 10)))))
        .isEqualTo(
            "0001" + "01" + "00000001" + "ffffffff" + "00000001" + "6b" + "0001" + "00000001" + "68" + "ffffffff"
                + "00000001" + "ab" + "000000000000000a");
    NewMessage delayed = new NewMessage(null, null, List.of(), new byte[] {(byte) 0xAB}, 5);
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Enqueue(List.of(delayed), 10)))))
        .isEqualTo(
            "0001" + "06" + "00000001" + "ffffffff" + "ffffffff" + "0000" + "00000001" + "ab"
                + "0000000000000005" + "000000000000000a");
    NewMessage moved = new NewMessage("i", null, List.of(), new byte[0], 0, "d");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Enqueue(List.of(moved), 10)))))
        .isEqualTo("0001" + "07" + "00000001" + "00000001" + "69" + "ffffffff" + "0000" + "00000000"
            + "0000000000000000" + "00000001" + "64" + "000000000000000a");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Receive("g", 5, 1_000, 3)))))
        .isEqualTo("0001" + "08" + "00000001" + "67" + "00000005" + "00000000000003e8" + "00000003" + "00"
            + "0000000000000000" + "0000000000000000" + "0000000000000000");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Receive("g", 5, 1_000, 0, true, true, 2)))))
        .isEqualTo("0001" + "08" + "00000001" + "67" + "00000005" + "00000000000003e8" + "00000000" + "03"
            + "0000000000000002" + "0000000000000000" + "0000000000000000");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Ack("g", List.of(), 9, List.of())))))
        .isEqualTo("0001" + "0e" + "00000001" + "67" + "00000000" + "0000000000000009" + "00000000");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new ReleaseKey("g", "k", true)))))
        .isEqualTo("0001" + "0d" + "00000001" + "67" + "00000001" + "6b" + "01");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Nack("g", List.of(), 2, "r")))))
        .isEqualTo("0001" + "09" + "00000001" + "67" + "00000000" + "0000000000000002" + "00000001" + "72"
            + "0000000000000000" + "0000000000000000");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new ForwardedDeadLetters(3), new Purge()))))
        .isEqualTo("0002" + "0a" + "0000000000000003" + "0b");
  }

  /** RECEIVE_BOUNDED is written only for a byte bound; a receive without one keeps the older layouts' bytes. */
  @Test
  void goldenBoundedReceiveBytes() {
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Receive("g", 5, 1_000).withMaxBytes(4096)))))
        .isEqualTo("0001" + "12" + "00000001" + "67" + "00000005" + "00000000000003e8" + "00000000" + "00"
            + "0000000000000000" + "0000000000000000" + "0000000000000000" + "0000000000001000");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Receive("g", 5, 1_000, 3).withMaxBytes(1)))))
        .isEqualTo("0001" + "12" + "00000001" + "67" + "00000005" + "00000000000003e8" + "00000003" + "00"
            + "0000000000000000" + "0000000000000000" + "0000000000000000" + "0000000000000001");
    assertThat(hex(PartitionCodec.encodeCommands(List.of(new Receive("g", 5, 1_000).withMaxBytes(0)))))
        .isEqualTo("0001" + "02" + "00000001" + "67" + "00000005" + "00000000000003e8");
  }

  /** Entries written before the byte bound existed decode as receives without one, and so replay as they did. */
  @Test
  void olderReceiveLayoutsDecodeWithoutAByteBound() {
    List<PartitionCommand> old = PartitionCodec.decodeCommands(ByteBuffer.wrap(unhex(
        "0002" + "02" + "00000001" + "67" + "00000005" + "00000000000003e8"
            + "08" + "00000001" + "67" + "00000005" + "00000000000003e8" + "00000003" + "00"
            + "0000000000000000" + "0000000000000000" + "0000000000000000")));

    assertThat(old).containsExactly(new Receive("g", 5, 1_000), new Receive("g", 5, 1_000, 3));
    assertThat(old).allSatisfy(c -> assertThat(((Receive) c).maxBytes()).isZero());
  }

  @Test
  void aBoundedReceiveWithoutAPositiveBoundDoesNotDecode() {
    for (String maxBytes : List.of("0000000000000000", "ffffffffffffffff")) {
      byte[] body = unhex("0001" + "12" + "00000001" + "67" + "00000005" + "00000000000003e8" + "00000000" + "00"
          + "0000000000000000" + "0000000000000000" + "0000000000000000" + maxBytes);
      assertThatThrownBy(() -> PartitionCodec.decodeCommands(ByteBuffer.wrap(body)))
          .isInstanceOf(InvalidCommandException.class).hasMessageContaining("maxBytes");
    }
    assertThatThrownBy(() -> PartitionCodec.encodeCommands(List.of(new Receive("g", 1, 1).withMaxBytes(-1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegativeDelayDoesNotDecode() {
    byte[] body = HEX.parseHex("0001" + "06" + "00000001" + "ffffffff" + "ffffffff" + "0000" + "00000001" + "ab"
        + "ffffffffffffffff" + "000000000000000a");
    assertThatThrownBy(() -> PartitionCodec.decodeCommands(ByteBuffer.wrap(body)))
        .isInstanceOf(InvalidCommandException.class).hasMessageContaining("delayMs");
  }

  @Test
  void goldenResultBytes() {
    List<PartitionResult> results =
        List.of(
            new Enqueued(List.of(new StoredMessage("a", 1, true))),
            new Settled(List.of(SettleOutcome.INVALID)),
            new Rejected("r"));
    assertThat(hex(PartitionCodec.encodeResults(results)))
        .isEqualTo(
            "0003" + "01" + "00000001" + "00000001" + "61" + "0000000000000001" + "01" + "03" + "00000001" + "02"
                + "04" + "00000001" + "72");
    LeasedMessage lm = new LeasedMessage("a", 2, null, List.of(), new byte[] {7}, 3, 4, 5);
    assertThat(hex(PartitionCodec.encodeResults(List.of(new Leased(List.of(lm))))))
        .isEqualTo(
            "0001" + "02" + "00000001" + "00000001" + "61" + "0000000000000002" + "ffffffff" + "0000" + "00000001"
                + "07" + "0000000000000003" + "00000004" + "0000000000000005");
  }

  @Test
  void decodingDoesNotMoveTheCallersBuffer() {
    ByteBuffer body = ByteBuffer.wrap(PartitionCodec.encodeCommands(ALL_COMMANDS));

    PartitionCodec.decodeCommands(body);

    assertThat(body.position()).isZero();
  }

  @Test
  void encodingRefusesWhatDecodingWouldRefuse() {
    List<LeaseRef> tooMany = Collections.nCopies(PartitionLimits.MAX_RECEIPTS + 1, new LeaseRef(0, 0));
    List<MessageHeader> headers = Collections.nCopies(PartitionLimits.MAX_HEADERS + 1, new MessageHeader("h", ""));

    assertThatThrownBy(() -> PartitionCodec.encodeCommands(List.of(new Ack("g", tooMany))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PartitionCodec.encodeCommands(
                    List.of(new Enqueue(List.of(new NewMessage(null, null, headers, new byte[0])), 0))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  static byte[] unhex(String s) {
    return HEX.parseHex(s);
  }

  /** All prefixes of {@code body} shorter than it. */
  static List<byte[]> truncations(byte[] body) {
    List<byte[]> out = new ArrayList<>();
    for (int length = 0; length < body.length; length++) {
      out.add(Arrays.copyOf(body, length));
    }
    return out;
  }
}
