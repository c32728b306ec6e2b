package io.raftq.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.protocol.Limits;
import io.raftq.protocol.ProtocolCodec;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.ResponseFrame;
import io.raftq.statemachine.partition.DeliverySize;
import io.raftq.statemachine.partition.LeasedMessage;
import io.raftq.statemachine.partition.MessageHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The state machine's count of a reply's bytes ({@link DeliverySize}) is the Received frame the node sends, so a
 * bound within a frame keeps every answer within one frame.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReceiveReplySizeTest {
  private static final int RECEIVED_FRAME_FIELDS = ProtocolCodec.HEADER_BYTES + 4; // opcode, request id, count

  @Test
  void aDeliveryCountsExactlyWhatItsEncodingTakesInAReceivedFrame() {
    List<LeasedMessage> leased = List.of(
        new LeasedMessage("m-1", 0, null, List.of(), new byte[0], 1, 1, 1_000),
        new LeasedMessage("ü-größe-€", 7, "clé", List.of(new MessageHeader("h", "v"),
            new MessageHeader("sqs:Attr", "x".repeat(300))), new byte[4_321], 99, 3, 2_000),
        new LeasedMessage("i".repeat(1_024), Long.MAX_VALUE, "k".repeat(1_024), List.of(), new byte[1 << 20],
            Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE));

    long counted = 0;
    for (LeasedMessage m : leased) {
      counted += DeliverySize.of(m);
      assertThat(frameBytes(List.of(m))).as(m.toString()).isEqualTo(RECEIVED_FRAME_FIELDS + DeliverySize.of(m));
    }
    assertThat(frameBytes(leased)).isEqualTo(RECEIVED_FRAME_FIELDS + counted);
  }

  @Test
  void aReplyAtTheLargestBoundAndTheLargestSingleMessageEachFitOneFrame() {
    assertThat(RECEIVED_FRAME_FIELDS + (long) Limits.MAX_RECEIVE_BYTES).isLessThanOrEqualTo(Limits.MAX_FRAME_BYTES);

    List<MessageHeader> headers = new ArrayList<>();
    for (int i = 0; i < Limits.MAX_HEADERS; i++) { // 64 KiB of names and values in all
      headers.add(new MessageHeader(String.format("h%03d", i), "v".repeat(Limits.MAX_HEADERS_BYTES / 64 - 4)));
    }
    for (int i = 0; i < Limits.MAX_RESERVED_HEADERS; i++) {
      headers.add(new MessageHeader(String.format("raftq-%02d", i),
          "r".repeat(Limits.MAX_RESERVED_HEADERS_BYTES / Limits.MAX_RESERVED_HEADERS - 8)));
    }
    LeasedMessage largest = new LeasedMessage("i".repeat(Limits.MAX_ID_BYTES), 0, "k".repeat(Limits.MAX_KEY_BYTES),
        headers, new byte[3 << 20], 1, 1, 1);

    assertThat(frameBytes(List.of(largest))).isLessThanOrEqualTo(Limits.MAX_FRAME_BYTES);
  }

  private static long frameBytes(List<LeasedMessage> leased) {
    Response.Received received = new Response.Received(leased.stream().map(m -> Conversions.toDelivery(3, m)).toList());
    return ProtocolCodec.encodeResponse(
        ResponseFrame.answering(5, new Request.Receive("q", 3, "g", 10, -1, 0), received)).remaining();
  }
}
