package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.client.Admin;
import io.raftq.client.Consumer;
import io.raftq.protocol.DeadLetterHeaders;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import io.raftq.protocol.MessageCopy;
import io.raftq.protocol.QueueInfo;
import io.raftq.server.sqs.action.MessageAttributes.Attribute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** ReceiveMessage: a raftq receive by the group {@code sqs}, answered with the attributes the caller asked for. */
final class ReceiveActions {
  private final Consumer consumer;
  private final Admin admin;
  private final QueueLookup lookup;
  private final QueueAddress address;
  private final LongSupplier clockMs;

  ReceiveActions(Consumer consumer, Admin admin, QueueLookup lookup, QueueAddress address, LongSupplier clockMs) {
    this.consumer = consumer;
    this.admin = admin;
    this.lookup = lookup;
    this.address = address;
    this.clockMs = clockMs;
  }

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
      // SQS's own limits (10 messages, MaximumMessageSize each) hold; the byte bound also covers messages sent
      // through the native API, which may be larger: fewer messages come back then, as SQS allows.
      return consumer.receive(queue, MessageMapping.GROUP, max, Consumer.DEFAULT_MAX_BYTES,
          visibility == null ? null : Duration.ofSeconds(visibility),
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
        m.put("ReceiptHandle", ReceiptHandles.encode(q, d.receipt()));
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
      out.put("SenderId", MessageMapping.header(d, MessageMapping.SENDER_HEADER, address.accountId()));
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
        out.put("MessageDeduplicationId", MessageMapping.header(d, MessageMapping.DEDUP_HEADER, ""));
      }
      if (all || names.contains("SequenceNumber")) {
        out.put("SequenceNumber", MessageMapping.sequenceNumber(d.offset()));
      }
    }
    String trace = MessageMapping.header(d, MessageMapping.SYSTEM_PREFIX + "AWSTraceHeader", null);
    if (trace != null && (all || names.contains("AWSTraceHeader"))) {
      out.put("AWSTraceHeader", trace.substring(trace.indexOf('\n') + 1));
    }
    String source = MessageMapping.header(d, DeadLetterHeaders.SOURCE, null);
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
              if (g.group().equals(MessageMapping.GROUP) && !g.history().isEmpty()) {
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

}
