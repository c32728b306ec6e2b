package io.raftq.server.sqs.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.server.sqs.SqsError;

/** One of SQS's two wire protocols: how an answer and an error are written. */
public interface SqsWire {
  WireResponse answer(String action, ObjectNode output, String requestId);

  WireResponse error(SqsError error, String requestId);
}
