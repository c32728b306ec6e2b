package io.raftq.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.server.sqs.wire.QueryWire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class QueryWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> out = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], List.of(pairs[i + 1]));
    }
    return out;
  }

  @Test
  void indexedParametersBecomeTheJsonProtocolsShapes() throws Exception {
    ObjectNode in = QueryWire.input("SendMessageBatch", form(
        "Action", "SendMessageBatch", "Version", "2012-11-05", "QueueUrl", "http://h/000000000000/q",
        "SendMessageBatchRequestEntry.2.Id", "b", "SendMessageBatchRequestEntry.2.MessageBody", "two",
        "SendMessageBatchRequestEntry.1.Id", "a", "SendMessageBatchRequestEntry.1.MessageBody", "one",
        "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name", "n",
        "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType", "Number",
        "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue", "7"));
    assertThat(in).isEqualTo(JSON.readTree("{\"QueueUrl\":\"http://h/000000000000/q\",\"Entries\":["
        + "{\"Id\":\"a\",\"MessageAttributes\":{\"n\":{\"DataType\":\"Number\",\"StringValue\":\"7\"}},"
        + "\"MessageBody\":\"one\"},{\"Id\":\"b\",\"MessageBody\":\"two\"}]}"));

    ObjectNode create = QueryWire.input("CreateQueue", form("QueueName", "q", "Attribute.1.Name",
        "VisibilityTimeout", "Attribute.1.Value", "20", "Tag.1.Key", "team", "Tag.1.Value", "pay"));
    assertThat(create).isEqualTo(JSON.readTree("{\"Attributes\":{\"VisibilityTimeout\":\"20\"},\"QueueName\":"
        + "\"q\",\"tags\":{\"team\":\"pay\"}}"));
    assertThat(QueryWire.input("ReceiveMessage", form("AttributeName.1", "All", "MessageAttributeName.2", "b",
        "MessageAttributeName.1", "a"))).isEqualTo(JSON.readTree(
            "{\"AttributeNames\":[\"All\"],\"MessageAttributeNames\":[\"a\",\"b\"]}"));
  }

  @Test
  void malformedParameterNamesAreRefused() {
    assertThatThrownBy(() -> QueryWire.input("ReceiveMessage", form("AttributeName.x", "All")))
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.MALFORMED_QUERY_STRING));
    assertThatThrownBy(() -> QueryWire.input("ReceiveMessage", form("QueueUrl..x", "u")))
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.MALFORMED_QUERY_STRING));
    String deep = "a" + ".a".repeat(100_000);
    assertThatThrownBy(() -> QueryWire.input("SendMessage", form(deep, "1")))
        .as("a name of many parts is refused before any recursion")
        .satisfies(e -> assertThat(((SqsError) e).code()).isEqualTo(SqsError.Code.MALFORMED_QUERY_STRING));
  }

  @Test
  void answersAreFlattenedXmlWithEscapedText() throws Exception {
    ObjectNode out = (ObjectNode) JSON.readTree("{\"Messages\":[{\"MessageId\":\"m1\",\"Body\":\"a<b & c\","
        + "\"Attributes\":{\"SenderId\":\"me\"},\"MessageAttributes\":{\"n\":{\"StringValue\":\"7\","
        + "\"DataType\":\"Number\"}}}]}");
    String xml = new String(new QueryWire().answer("ReceiveMessage", out, "req-1").body(), StandardCharsets.UTF_8);
    assertThat(xml).contains("<ReceiveMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
        + "<ReceiveMessageResult><Message><MessageId>m1</MessageId><Body>a&lt;b &amp; c</Body>"
        + "<Attribute><Name>SenderId</Name><Value>me</Value></Attribute>"
        + "<MessageAttribute><Name>n</Name><Value><StringValue>7</StringValue><DataType>Number</DataType></Value>"
        + "</MessageAttribute></Message></ReceiveMessageResult>"
        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ReceiveMessageResponse>");

    String error = new String(new QueryWire().error(SqsError.noQueue(), "req-2").body(), StandardCharsets.UTF_8);
    assertThat(error).contains("<Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>");
    assertThat(new QueryWire().answer("DeleteQueue", JSON.createObjectNode(), "r").body())
        .asString(StandardCharsets.UTF_8).doesNotContain("DeleteQueueResult");
  }
}
