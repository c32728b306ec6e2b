package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import io.raftq.protocol.Receipt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeliveryJsonTest {

  private static Delivery delivery(byte[] payload, List<Header> headers) {
    return new Delivery("m-1", 2, 17, "k", headers, payload, new Receipt(2, 17, 42), 1, 1000);
  }

  @Test
  void printsEveryFieldWithATextPayload() {
    String json = DeliveryJson.of(delivery("héllo \"x\"".getBytes(StandardCharsets.UTF_8), List.of()));
    assertThat(json)
        .isEqualTo(
            "{\"id\":\"m-1\",\"partition\":2,\"offset\":17,\"key\":\"k\",\"headers\":{},"
                + "\"payload\":\"héllo \\\"x\\\"\",\"receipt\":\"2-17-42\",\"deliveries\":1,\"enqueuedAtMs\":1000}");
  }

  @Test
  void usesBase64WhenThePayloadIsNotValidUtf8() {
    byte[][] notUtf8 = {
      {(byte) 0xff}, // never valid
      {(byte) 0xc3}, // truncated two-byte sequence
      {(byte) 0xc0, (byte) 0x80}, // overlong NUL
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // encoded surrogate
    };
    for (byte[] payload : notUtf8) {
      String json = DeliveryJson.of(delivery(payload, List.of()));
      assertThat(json).contains("\"payloadBase64\":\"" + java.util.Base64.getEncoder().encodeToString(payload) + "\"");
      assertThat(json).doesNotContain("\"payload\":");
    }
  }

  @Test
  void validUtf8WithControlCharactersStaysText() {
    assertThat(DeliveryJson.utf8Text(new byte[] {0, 'a', '\n'})).contains("\u0000a\n");
    assertThat(DeliveryJson.of(delivery(new byte[] {0, 'a'}, List.of()))).contains("\"payload\":\"\\u0000a\"");
    assertThat(DeliveryJson.of(delivery(new byte[0], List.of()))).contains("\"payload\":\"\"");
  }

  @Test
  void headersBecomeAnObjectAndRepeatedNamesAnArray() {
    List<Header> headers = List.of(new Header("a", "1"), new Header("b", "2"), new Header("a", "3"));
    assertThat(DeliveryJson.of(delivery(new byte[0], headers))).contains("\"headers\":{\"a\":[\"1\",\"3\"],\"b\":\"2\"}");
  }

  @Test
  void aMissingKeyIsNull() {
    Delivery d = new Delivery("m", 0, 0, null, List.of(), new byte[0], new Receipt(0, 0, 1), 3, 0);
    assertThat(DeliveryJson.of(d)).contains("\"key\":null").contains("\"deliveries\":3");
  }
}
