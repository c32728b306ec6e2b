package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.client.Consumer;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import io.raftq.server.sqs.SqsError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DeleteMessage, ChangeMessageVisibility and their batches: raftq acks and visibility changes by receipt. */
final class SettleActions {
  private final Consumer consumer;
  private final QueueLookup lookup;

  SettleActions(Consumer consumer, QueueLookup lookup) {
    this.consumer = consumer;
    this.lookup = lookup;
  }

  CompletableFuture<ObjectNode> deleteMessage(SqsCall call) {
    String queue = QueueActions.queueOf(call);
    String handle = call.params().string("ReceiptHandle");
    return lookup.info(call, queue).thenCompose(q -> consumer.ack(queue, MessageMapping.GROUP,
            List.of(ReceiptHandles.decode(q, handle))))
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
          receipts.add(ReceiptHandles.decode(q, e.string("ReceiptHandle")));
          ids.add(e.string("Id"));
        } catch (SqsError error) {
          BatchEntries.fail(failed, e.optionalString("Id"), error);
        }
      }
      if (receipts.isEmpty()) {
        return CompletableFuture.completedFuture(out);
      }
      return perReceipt(receipts, r -> consumer.ack(queue, MessageMapping.GROUP, List.of(r))).thenApply(results -> {
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
    String handle = call.params().string("ReceiptHandle");
    int visibility = visibilityOf(call.params());
    return lookup.info(call, queue).thenCompose(q -> changeOne(queue, ReceiptHandles.decode(q, handle), visibility))
        .thenApply(v -> {
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
          Receipt r = ReceiptHandles.decode(q, e.string("ReceiptHandle"));
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
    return consumer.changeVisibility(queue, MessageMapping.GROUP, List.of(receipt), Duration.ofSeconds(visibilitySeconds))
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
