package io.raftq.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftq.server.sqs.action.MessageAttributes;
import io.raftq.server.sqs.action.MessageAttributes.Attribute;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageAttributesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Attribute> parse(String json) throws Exception {
    return MessageAttributes.parse(JSON.readTree(json), "message");
  }

  @Test
  void theDigestCoversNamesTypesAndValuesInNameOrder() throws Exception {
    List<Attribute> ab = parse("{\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AAEC\"},"
        + "\"a\":{\"DataType\":\"String\",\"StringValue\":\"x\"}}");
    List<Attribute> ba = parse("{\"a\":{\"DataType\":\"String\",\"StringValue\":\"x\"},"
        + "\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AAEC\"}}");
    assertThat(MessageAttributes.md5(ab)).isEqualTo(MessageAttributes.md5(ba)).hasSize(32);
    assertThat(MessageAttributes.md5(parse("{\"a\":{\"DataType\":\"String.x\",\"StringValue\":\"x\"}}")))
        .as("the type is covered").isNotEqualTo(MessageAttributes.md5(parse(
            "{\"a\":{\"DataType\":\"String\",\"StringValue\":\"x\"}}")));
    assertThat(MessageAttributes.md5(List.of())).isNull();
  }

  @Test
  void attributesSurviveTheTripThroughHeaders() throws Exception {
    List<Attribute> sent = parse("{\"n\":{\"DataType\":\"Number.int\",\"StringValue\":\"42\"},"
        + "\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"/wA=\"},\"s\":{\"DataType\":\"String\","
        + "\"StringValue\":\"line1\\nline2\"}}");
    List<Attribute> back = MessageAttributes.fromHeaders(MessageAttributes.HEADER_PREFIX,
        MessageAttributes.toHeaders(MessageAttributes.HEADER_PREFIX, sent), true);
    assertThat(MessageAttributes.md5(back)).isEqualTo(MessageAttributes.md5(sent));
    assertThat(MessageAttributes.toJson(back)).isEqualTo(MessageAttributes.toJson(sent));
  }

  @Test
  void malformedAttributesAreRefusedWithSqsError() {
    for (String bad : List.of(
        "{\"AWS.x\":{\"DataType\":\"String\",\"StringValue\":\"v\"}}",
        "{\"a..b\":{\"DataType\":\"String\",\"StringValue\":\"v\"}}",
        "{\"a\":{\"DataType\":\"Text\",\"StringValue\":\"v\"}}",
        "{\"a\":{\"DataType\":\"String\",\"StringValue\":\"\"}}",
        "{\"a\":{\"DataType\":\"Number\",\"StringValue\":\"twelve\"}}",
        "{\"a\":{\"DataType\":\"Binary\",\"BinaryValue\":\"***\"}}",
        "{\"a\":{\"DataType\":\"String\",\"StringValue\":\"\\u0001\"}}",
        "{\"a\":{\"DataType\":\"Number\",\"StringValue\":\"1" + "0".repeat(100_000) + "\"}}")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(SqsError.class);
    }
    StringBuilder eleven = new StringBuilder("{");
    for (int i = 0; i < 11; i++) {
      eleven.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":{\"DataType\":\"String\",")
          .append("\"StringValue\":\"v\"}");
    }
    assertThatThrownBy(() -> parse(eleven + "}")).hasMessageContaining("exceeds the allowed maximum [10]");
  }

  @Test
  void headersThatOnlyLookLikeAttributesAreSkippedNotFatal() {
    List<io.raftq.protocol.Header> headers = List.of(new io.raftq.protocol.Header("sqs:x", "Binary\n!!"),
        new io.raftq.protocol.Header("plain", "a\u0001b"), new io.raftq.protocol.Header("ok", "fine"));
    assertThat(MessageAttributes.fromHeaders(MessageAttributes.HEADER_PREFIX, headers, true))
        .extracting(Attribute::name).containsExactly("ok");
  }

  @Test
  void selectionTakesAllExactNamesAndDottedPrefixes() throws Exception {
    List<Attribute> all = parse("{\"order.id\":{\"DataType\":\"String\",\"StringValue\":\"1\"},"
        + "\"orderly\":{\"DataType\":\"String\",\"StringValue\":\"2\"},\"x\":{\"DataType\":\"String\","
        + "\"StringValue\":\"3\"}}");
    assertThat(MessageAttributes.select(all, List.of("All"))).hasSize(3);
    assertThat(MessageAttributes.select(all, List.of("order.*", "x"))).extracting(Attribute::name)
        .containsExactly("order.id", "x");
    assertThat(MessageAttributes.select(all, List.of())).isEmpty();
  }
}
