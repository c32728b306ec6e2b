package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.client.Admin;
import io.raftq.client.BatchEntryResult;
import io.raftq.client.Consumer;
import io.raftq.client.Producer;
import io.raftq.protocol.DeadLetterHeaders;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import io.raftq.protocol.MessageCopy;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import io.raftq.server.sqs.SqsError;
import io.raftq.server.sqs.action.MessageAttributes.Attribute;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The SQS actions on messages. Every SQS queue is read by one raftq consumer group, {@link #GROUP}; a message's
 * MessageGroupId is its raftq key (so a FIFO queue keeps each group in order), its attributes ride in headers.
 */
final class MessageActions {
  /** The raftq consumer group SQS receives use. */
  static final String GROUP = "sqs";
  static final String SENDER_HEADER = "sqs-sender";
  static final String DEDUP_HEADER = "sqs-dedup-id";
  static final String SYSTEM_PREFIX = "sqs-system:";

  private final Producer producer;
  private final Consumer consumer;
  private final Admin admin;
  private final QueueLookup lookup;
  private final QueueAddress address;
  private final LongSupplier clockMs;

  MessageActions(Producer producer, Consumer consumer, Admin admin, QueueLookup lookup, QueueAddress address,
      LongSupplier clockMs) {
    this.producer = producer;
    this.consumer = consumer;
    this.admin = admin;
    this.lookup = lookup;
    this.address = address;
    this.clockMs = clockMs;
  }

  // ---- send

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
      out.put("SequenceNumber", sequenceNumber(offset));
    }
    return out;
  }

  private static String sequenceNumber(long offset) {
    return String.format("%020d", offset);
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
    headers.addAll(MessageAttributes.toHeaders(SYSTEM_PREFIX, system));
    headers.add(new Header(SENDER_HEADER, call.senderId()));
    if (fifo) {
      headers.add(new Header(DEDUP_HEADER, dedupId));
    }
    String invalid = io.raftq.protocol.Limits.message("message", new OutgoingMessage("x", groupId, headers,
        new byte[0]));
    if (invalid != null) {
      throw SqsError.invalidParameter("The message attributes do not fit raftq's headers: " + invalid);
    }
    long delayMs = delaySeconds == null ? 0 : delaySeconds * 1000L;
    OutgoingMessage m = new OutgoingMessage(UUID.randomUUID().toString(), groupId, headers, payload, delayMs,
        fifo ? "sqs-fifo:" + dedupId : null);
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

  // ---- receive

  CompletableFuture<ObjectNode> receiveMessage(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    Params in = call.params();
    int max = orDefault(in.optionalInt("MaxNumberOfMessages", 1, 10), 1);
    Integer visibility = in.optionalInt("VisibilityTimeout", 0, 43_200);
    Integer wait = in.optionalInt("WaitTimeSeconds", 0, 20);
    List<String> system = new ArrayList<>(in.strings("AttributeNames"));
    system.addAll(in.strings("MessageSystemAttributeNames"));
    List<String> names = in.strings("MessageAttributeNames");
    return lookup.info(call, queue).thenCompose(q -> {
      int waitSeconds = wait != null ? wait
          : Integer.parseInt(QueueAttributes.stored(q.settings(), "ReceiveMessageWaitTimeSeconds", "0"));
      return consumer.receive(queue, GROUP, max, visibility == null ? null : Duration.ofSeconds(visibility),
          Duration.ofSeconds(waitSeconds)).handle((deliveries, t) -> {
            if (t != null) {
              throw Failures.toSqs(t);
            }
            return deliveries;
          }).thenCompose(deliveries -> render(queue, q, deliveries, system, names));
    });
  }

  private CompletableFuture<ObjectNode> render(String queue, QueueInfo q, List<Delivery> deliveries,
      List<String> system, List<String> names) {
    long receivedAt = clockMs.getAsLong();
    ObjectNode out = QueueActions.object();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    if (!deliveries.isEmpty()) {
      ArrayNode messages = out.putArray("Messages");
      for (Delivery d : deliveries) {
        ObjectNode m = messages.addObject();
        String body = ReceivedBodies.text(d.payload());
        m.put("MessageId", d.id());
        m.put("ReceiptHandle", ReceiptHandles.encode(d.receipt()));
        m.put("MD5OfBody", Digests.md5Hex(body));
        m.put("Body", body);
        if (!system.isEmpty()) {
          ObjectNode a = m.putObject("Attributes");
          pending.add(systemAttributes(queue, q, d, system, receivedAt, a));
        }
        List<Attribute> attributes = MessageAttributes.select(
            MessageAttributes.fromHeaders(MessageAttributes.HEADER_PREFIX, d.headers(), true), names);
        if (!attributes.isEmpty()) {
          m.put("MD5OfMessageAttributes", MessageAttributes.md5(attributes));
          m.set("MessageAttributes", MessageAttributes.toJson(attributes));
        }
      }
    }
    return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).thenApply(v -> out);
  }

  private CompletableFuture<Void> systemAttributes(String queue, QueueInfo q, Delivery d, List<String> names,
      long receivedAt, ObjectNode out) {
    boolean all = names.contains("All");
    if (all || names.contains("SenderId")) {
      out.put("SenderId", header(d, SENDER_HEADER, address.accountId()));
    }
    if (all || names.contains("SentTimestamp")) {
      out.put("SentTimestamp", Long.toString(d.enqueuedAtMs()));
    }
    if (all || names.contains("ApproximateReceiveCount")) {
      out.put("ApproximateReceiveCount", Integer.toString(d.deliveries()));
    }
    if (d.key() != null && (all || names.contains("MessageGroupId"))) {
      out.put("MessageGroupId", d.key());
    }
    if (q.settings().fifo()) {
      if (all || names.contains("MessageDeduplicationId")) {
        out.put("MessageDeduplicationId", header(d, DEDUP_HEADER, ""));
      }
      if (all || names.contains("SequenceNumber")) {
        out.put("SequenceNumber", sequenceNumber(d.offset()));
      }
    }
    String trace = header(d, SYSTEM_PREFIX + "AWSTraceHeader", null);
    if (trace != null && (all || names.contains("AWSTraceHeader"))) {
      out.put("AWSTraceHeader", trace.substring(trace.indexOf('\n') + 1));
    }
    String source = header(d, DeadLetterHeaders.SOURCE, null);
    if (source != null && (all || names.contains("DeadLetterQueueSourceArn"))) {
      out.put("DeadLetterQueueSourceArn", address.arn(source));
    }
    if (!all && !names.contains("ApproximateFirstReceiveTimestamp")) {
      return CompletableFuture.completedFuture(null);
    }
    if (d.deliveries() <= 1) {
      out.put("ApproximateFirstReceiveTimestamp", Long.toString(receivedAt));
      return CompletableFuture.completedFuture(null);
    }
    // A redelivery: the first delivery's time is in the message's delivery history.
    return admin.messageStatus(queue, d.id(), d.key()).handle((copies, t) -> {
      long first = receivedAt;
      if (t == null) {
        for (MessageCopy c : copies) {
          if (c.partition() == d.partition() && c.offset() == d.offset()) {
            for (MessageCopy.GroupState g : c.groups()) {
              if (g.group().equals(GROUP) && !g.history().isEmpty()) {
                first = g.history().get(0).deliveredAtMs();
              }
            }
          }
        }
      }
      synchronized (out) {
        out.put("ApproximateFirstReceiveTimestamp", Long.toString(first));
      }
      return null;
    });
  }

  private static String header(Delivery d, String name, String otherwise) {
    for (Header h : d.headers()) {
      if (h.name().equals(name)) {
        return h.value();
      }
    }
    return otherwise;
  }

  private static int orDefault(Integer v, int otherwise) {
    return v == null ? otherwise : v;
  }

  // ---- delete and visibility

  CompletableFuture<ObjectNode> deleteMessage(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    Receipt receipt = ReceiptHandles.decode(call.params().string("ReceiptHandle"));
    return lookup.info(call, queue).thenCompose(q -> consumer.ack(queue, GROUP, List.of(receipt)))
        .handle((outcomes, t) -> {
          if (t != null) {
            throw Failures.toSqs(t);
          }
          // A stale handle (the message was received again since) succeeds without deleting, as in SQS.
          return QueueActions.object();
        });
  }

  CompletableFuture<ObjectNode> deleteMessageBatch(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    List<Params> entries = BatchEntries.check(call.params(), "DeleteMessageBatchRequestEntry");
    return lookup.info(call, queue).thenCompose(q -> {
      ObjectNode out = QueueActions.object();
      ArrayNode ok = out.putArray("Successful");
      ArrayNode failed = out.putArray("Failed");
      List<String> ids = new ArrayList<>();
      List<Receipt> receipts = new ArrayList<>();
      for (Params e : entries) {
        try {
          receipts.add(ReceiptHandles.decode(e.string("ReceiptHandle")));
          ids.add(e.string("Id"));
        } catch (SqsError error) {
          BatchEntries.fail(failed, e.optionalString("Id"), error);
        }
      }
      if (receipts.isEmpty()) {
        return CompletableFuture.completedFuture(out);
      }
      return perReceipt(receipts, r -> consumer.ack(queue, GROUP, List.of(r))).thenApply(results -> {
        for (int i = 0; i < results.size(); i++) {
          if (results.get(i) instanceof SqsError error) {
            BatchEntries.fail(failed, ids.get(i), error);
          } else {
            ok.addObject().put("Id", ids.get(i));
          }
        }
        return out;
      });
    });
  }

  CompletableFuture<ObjectNode> changeMessageVisibility(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    Receipt receipt = ReceiptHandles.decode(call.params().string("ReceiptHandle"));
    int visibility = visibilityOf(call.params());
    return lookup.info(call, queue).thenCompose(q -> changeOne(queue, receipt, visibility)).thenApply(v -> {
      if (v instanceof SqsError e) {
        throw e;
      }
      return QueueActions.object();
    });
  }

  private static int visibilityOf(Params p) {
    Integer v = p.optionalInt("VisibilityTimeout", 0, 43_200);
    if (v == null) {
      throw SqsError.missing("VisibilityTimeout");
    }
    return v;
  }

  CompletableFuture<ObjectNode> changeMessageVisibilityBatch(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    List<Params> entries = BatchEntries.check(call.params(), "ChangeMessageVisibilityBatchRequestEntry");
    return lookup.info(call, queue).thenCompose(q -> {
      ObjectNode out = QueueActions.object();
      ArrayNode ok = out.putArray("Successful");
      ArrayNode failed = out.putArray("Failed");
      List<CompletableFuture<Object>> each = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Params e : entries) {
        try {
          Receipt r = ReceiptHandles.decode(e.string("ReceiptHandle"));
          int visibility = visibilityOf(e);
          each.add(changeOne(queue, r, visibility));
          ids.add(e.string("Id"));
        } catch (SqsError error) {
          BatchEntries.fail(failed, e.optionalString("Id"), error);
        }
      }
      return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
        for (int i = 0; i < each.size(); i++) {
          if (each.get(i).join() instanceof SqsError error) {
            BatchEntries.fail(failed, ids.get(i), error);
          } else {
            ok.addObject().put("Id", ids.get(i));
          }
        }
        return out;
      });
    });
  }

  /** OK, or the SqsError of this receipt (never a failed future, so a batch reports each entry). */
  private CompletableFuture<Object> changeOne(String queue, Receipt receipt, int visibilitySeconds) {
    return consumer.changeVisibility(queue, GROUP, List.of(receipt), Duration.ofSeconds(visibilitySeconds))
        .handle((outcomes, t) -> {
          if (t != null) {
            return Failures.toSqs(t);
          }
          if (outcomes.get(0) != ReceiptOutcome.OK) {
            return new SqsError(SqsError.Code.MESSAGE_NOT_INFLIGHT, "Message does not exist or is not available for "
                + "visibility timeout change (its receipt handle is no longer the latest: the message was deleted "
                + "or received again).");
          }
          return "OK";
        });
  }

  private static CompletableFuture<List<Object>> perReceipt(List<Receipt> receipts,
      java.util.function.Function<Receipt, CompletableFuture<List<ReceiptOutcome>>> call) {
    List<CompletableFuture<Object>> each = new ArrayList<>();
    for (Receipt r : receipts) {
      each.add(call.apply(r).handle((o, t) -> t != null ? Failures.toSqs(t) : (Object) "OK"));
    }
    return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
  }
}
