package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.client.BatchEntryResult;
import io.raftq.client.Producer;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.QueueInfo;
import io.raftq.server.sqs.SqsError;
import io.raftq.server.sqs.action.MessageAttributes.Attribute;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** SendMessage and SendMessageBatch: SQS's rules for a message, then a raftq send (see {@link MessageMapping}). */
final class SendActions {
  private final Producer producer;
  private final QueueLookup lookup;

  SendActions(Producer producer, QueueLookup lookup) {
    this.producer = producer;
    this.lookup = lookup;
  }

  /** A checked send: the raftq message and what the answer reports of it. */
  private record Prepared(OutgoingMessage message, String bodyMd5, String attributesMd5, String systemMd5,
      boolean fifo) {}

  CompletableFuture<ObjectNode> sendMessage(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    return lookup.info(call, queue).thenCompose(q -> {
      Prepared p = prepare(call, q, call.params());
      return producer.send(queue, p.message()).handle((r, t) -> {
        if (t != null) {
          throw Failures.toSqs(t);
        }
        return sent(QueueActions.object(), p, r.id(), r.offset());
      });
    });
  }

  private static ObjectNode sent(ObjectNode out, Prepared p, String id, long offset) {
    out.put("MessageId", id);
    out.put("MD5OfMessageBody", p.bodyMd5());
    if (p.attributesMd5() != null) {
      out.put("MD5OfMessageAttributes", p.attributesMd5());
    }
    if (p.systemMd5() != null) {
      out.put("MD5OfMessageSystemAttributes", p.systemMd5());
    }
    if (p.fifo()) {
      out.put("SequenceNumber", MessageMapping.sequenceNumber(offset));
    }
    return out;
  }


  private Prepared prepare(SqsCall call, QueueInfo q, Params in) {
    String body = in.optionalString("MessageBody");
    if (body == null || body.isEmpty()) {
      throw SqsError.missing("MessageBody");
    }
    MessageBodies.checkCharacters(body, "The message body");
    List<Attribute> attributes = MessageAttributes.parse(in.get("MessageAttributes"), "message");
    List<Attribute> system = MessageAttributes.parse(in.get("MessageSystemAttributes"), "message system");
    for (Attribute a : system) {
      if (!a.name().equals("AWSTraceHeader") || !a.dataType().equals("String")) {
        throw SqsError.invalidParameter("Message system attribute '" + a.name() + "' is not supported: only "
            + "AWSTraceHeader, of type String.");
      }
    }
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    int size = payload.length + MessageAttributes.size(attributes);
    int max = QueueAttributes.maximumMessageSize(q.settings());
    if (size > max) {
      throw SqsError.invalidParameter("One or more parameters are invalid. Reason: Message must be shorter than "
          + max + " bytes.");
    }
    boolean fifo = q.settings().fifo();
    Integer delaySeconds = in.optionalInt("DelaySeconds", 0, 900);
    String groupId = in.optionalString("MessageGroupId");
    String dedupId = in.optionalString("MessageDeduplicationId");
    if (groupId != null) {
      checkToken("MessageGroupId", groupId);
    }
    if (fifo) {
      if (delaySeconds != null && delaySeconds != 0) {
        throw SqsError.invalidParameter("Value " + delaySeconds + " for parameter DelaySeconds is invalid. Reason: "
            + "The request include parameter that is not valid for this queue type.");
      }
      if (groupId == null) {
        throw SqsError.missing("MessageGroupId");
      }
      if (dedupId == null) {
        if (!QueueAttributes.stored(q.settings(), "ContentBasedDeduplication", "false").equals("true")) {
          throw SqsError.invalidParameter("The queue should either have ContentBasedDeduplication enabled or "
              + "MessageDeduplicationId provided explicitly");
        }
        dedupId = Digests.sha256Hex(payload);
      }
      checkToken("MessageDeduplicationId", dedupId);
    } else if (dedupId != null) {
      throw SqsError.invalidParameter("Value " + dedupId + " for parameter MessageDeduplicationId is invalid. "
          + "Reason: The request include parameter that is not valid for this queue type.");
    }
    List<Header> headers = new ArrayList<>(MessageAttributes.toHeaders(MessageAttributes.HEADER_PREFIX,
        attributes));
    headers.addAll(MessageAttributes.toHeaders(MessageMapping.SYSTEM_PREFIX, system));
    headers.add(new Header(MessageMapping.SENDER_HEADER, call.senderId()));
    if (fifo) {
      headers.add(new Header(MessageMapping.DEDUP_HEADER, dedupId));
    }
    String invalid = io.raftq.protocol.Limits.message("message", new OutgoingMessage("x", groupId, headers,
        new byte[0]));
    if (invalid != null) {
      throw SqsError.invalidParameter("The message attributes do not fit raftq's headers: " + invalid);
    }
    long delayMs = delaySeconds == null ? 0 : delaySeconds * 1000L;
    OutgoingMessage m = new OutgoingMessage(UUID.randomUUID().toString(), groupId, headers, payload, delayMs,
        fifo ? MessageMapping.FIFO_DEDUP_PREFIX + dedupId : null);
    return new Prepared(m, Digests.md5Hex(body), MessageAttributes.md5(attributes), MessageAttributes.md5(system),
        fifo);
  }

  private static void checkToken(String name, String value) {
    if (value.isEmpty() || value.length() > 128 || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
      throw SqsError.invalidParameter("Value " + value + " for parameter " + name + " is invalid. Reason: must be "
          + "1 to 128 characters from the printable ASCII range !-~.");
    }
  }

  CompletableFuture<ObjectNode> sendMessageBatch(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    List<Params> entries = BatchEntries.check(call.params(), "SendMessageBatchRequestEntry");
    return lookup.info(call, queue).thenCompose(q -> {
      long total = 0;
      for (Params e : entries) {
        String body = e.optionalString("MessageBody");
        total += body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
      }
      int max = QueueAttributes.maximumMessageSize(q.settings());
      if (total > max) {
        throw new SqsError(SqsError.Code.BATCH_REQUEST_TOO_LONG, "Batch requests cannot be longer than " + max
            + " bytes. You have sent " + total + " bytes.");
      }
      ObjectNode out = QueueActions.object();
      ArrayNode ok = out.putArray("Successful");
      ArrayNode failed = out.putArray("Failed");
      List<Prepared> prepared = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Params e : entries) {
        try {
          prepared.add(prepare(call, q, e));
          ids.add(e.string("Id"));
        } catch (SqsError error) {
          BatchEntries.fail(failed, e.optionalString("Id"), error);
        }
      }
      if (prepared.isEmpty()) {
        return CompletableFuture.completedFuture(out);
      }
      return producer.sendBatch(queue, prepared.stream().map(Prepared::message).toList()).handle((results, t) -> {
        if (t != null) {
          throw Failures.toSqs(t);
        }
        for (int i = 0; i < results.size(); i++) {
          BatchEntryResult r = results.get(i);
          if (r.error() != null) {
            BatchEntries.fail(failed, ids.get(i), Failures.toSqs(r.error()));
          } else {
            sent(ok.addObject().put("Id", ids.get(i)), prepared.get(i), r.result().id(), r.result().offset());
          }
        }
        return out;
      });
    });
  }

}
