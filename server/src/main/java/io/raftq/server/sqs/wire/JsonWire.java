package io.raftq.server.sqs.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.server.sqs.SqsError;
import java.io.IOException;
import java.util.Map;

/**
 * The AWS JSON 1.0 protocol, as current AWS SDKs speak it to SQS: {@code POST /} with {@code X-Amz-Target:
 * AmazonSQS.<Action>} and a JSON body; errors carry the shape name in {@code __type} (which picks the SDK's
 * exception class) and the query protocol's code in {@code x-amzn-query-error} (which SDKs report as the error
 * code, SQS being "query compatible"). Pure logic.
 */
public final class JsonWire implements SqsWire {
  public static final String TARGET_PREFIX = "AmazonSQS.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The action named by an {@code X-Amz-Target} header. */
  public static String action(String target) {
    if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
      throw new SqsError(SqsError.Code.INVALID_ACTION, "X-Amz-Target must be AmazonSQS.<Action>, was '" + target
          + "'.");
    }
    return target.substring(TARGET_PREFIX.length());
  }

  /** The input of a request body (an empty body is an empty input). */
  public static ObjectNode input(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new SqsError(SqsError.Code.INVALID_PARAMETER_VALUE, "The request body must be a JSON object.");
      }
      return (ObjectNode) n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SqsError(SqsError.Code.INVALID_PARAMETER_VALUE, "The request body is not valid JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SqsError(SqsError.Code.INVALID_PARAMETER_VALUE, "The request body could not be read: " + e);
    }
  }

  @Override
  public WireResponse answer(String action, ObjectNode output, String requestId) {
    return new WireResponse(200, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId), bytes(output));
  }

  @Override
  public WireResponse error(SqsError error, String requestId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", "com.amazonaws.sqs#" + error.code().jsonType);
    body.put("message", error.getMessage());
    return new WireResponse(error.code().httpStatus, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId,
        "x-amzn-query-error", error.code().queryCode + ";" + (error.code().senderFault ? "Sender" : "Receiver")),
        bytes(body));
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }
}
