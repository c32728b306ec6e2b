package io.raftq.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
  private static final List<Receipt> ONE_RECEIPT = List.of(new Receipt(0, 0, 1));

  private static Request.Send send(OutgoingMessage... messages) {
    return new Request.Send("orders", 0, List.of(messages));
  }

  private static OutgoingMessage message(String id, String key, List<Header> headers) {
    return new OutgoingMessage(id, key, headers, new byte[1]);
  }

  @Test
  void requestsWithinLimitsPass() {
    assertThat(RequestLimits.send(send(message("id-1", "k", List.of(new Header("h", "v")))))).isNull();
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "billing", 10, -1, 0))).isNull();
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "billing", 10_000,
        Duration.ofDays(7).toMillis(), 0))).isNull();
    assertThat(RequestLimits.nack(new Request.Nack("orders", 0, "billing", Duration.ofDays(30).toMillis(),
        ONE_RECEIPT))).isNull();
  }

  @Test
  void eachViolationNamesItsField() {
    assertThat(RequestLimits.send(new Request.Send("bad name", 0, List.of(message("i", null, List.of())))))
        .startsWith("queue: ");
    assertThat(RequestLimits.send(send(message("ok", null, List.of()), message("", null, List.of()))))
        .startsWith("messages[1].id: ");
    assertThat(RequestLimits.send(send(message("i", "k".repeat(1025), List.of())))).startsWith("messages[0].key: ");
    List<Header> many = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      many.add(new Header("h" + i, "v"));
    }
    assertThat(RequestLimits.send(send(message("i", null, many)))).startsWith("messages[0].headers: at most 64");
    assertThat(RequestLimits.send(send(message("i", null, List.of(new Header("", "v"))))))
        .startsWith("messages[0].headers: a name");
    assertThat(RequestLimits.send(send(message("i", null, List.of(new Header("h", "v".repeat(16 * 1024 + 1)))))))
        .contains("the value of 'h'");
    List<Header> big = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      big.add(new Header("h" + i, "v".repeat(16 * 1024)));
    }
    assertThat(RequestLimits.send(send(message("i", null, big)))).contains("in all");

    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "", 1, -1, 0))).startsWith("group: ");
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "a/b", 1, -1, 0))).startsWith("group: ");
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "g", 0, -1, 0))).startsWith("max: ");
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "g", 10_001, -1, 0))).startsWith("max: ");
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "g", 1, -1, 0, false, -1)))
        .startsWith("maxBytes: ");
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "g", 1, -1, 0, false, Integer.MAX_VALUE)))
        .as("a bound above the node's is cut, not refused").isNull();
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "g", 1, -2, 0))).startsWith("visibility: ");
    assertThat(RequestLimits.receive(new Request.Receive("orders", 0, "g", 1, Duration.ofDays(8).toMillis(), 0)))
        .startsWith("visibility: ");
    assertThat(RequestLimits.nack(new Request.Nack("orders", 0, "g", -1, ONE_RECEIPT))).startsWith("delay: ");
    assertThat(RequestLimits.nack(new Request.Nack("orders", 0, "g", Duration.ofDays(366).toMillis(), ONE_RECEIPT)))
        .startsWith("delay: ");
    assertThat(RequestLimits.ack(new Request.Ack("orders", 0, "g", List.of()))).startsWith("receipts: ");
    assertThat(RequestLimits.changeVisibility(new Request.ChangeVisibility("orders", 0, "g",
        Duration.ofDays(8).toMillis(), ONE_RECEIPT))).startsWith("visibility: ");
    assertThat(RequestLimits.queueVisibility(Duration.ofDays(8).toMillis())).startsWith("visibility: ");
    assertThat(RequestLimits.queueVisibility(-1)).isNull();
  }
}
