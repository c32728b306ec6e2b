package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.client.RaftqClient;
import io.raftq.server.sqs.SqsError;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Every SQS action the gateway serves, by name, over a raftq client. */
public final class SqsActions {
  private final Map<String, Function<SqsCall, CompletableFuture<ObjectNode>>> actions;

  public SqsActions(RaftqClient client, QueueAddress address, ExecutorService background, LongSupplier clockMs) {
    QueueLookup lookup = new QueueLookup(client.admin(), clockMs);
    QueueActions queues = new QueueActions(client.admin(), lookup, address);
    SendActions sends = new SendActions(client.producer(), lookup);
    ReceiveActions receives = new ReceiveActions(client.consumer(), client.admin(), lookup, address, clockMs);
    SettleActions settles = new SettleActions(client.consumer(), lookup);
    MoveTasks moves = new MoveTasks(client, lookup, address, background, clockMs);
    actions = Map.ofEntries(
        Map.entry("CreateQueue", queues::createQueue),
        Map.entry("GetQueueUrl", queues::getQueueUrl),
        Map.entry("ListQueues", queues::listQueues),
        Map.entry("DeleteQueue", queues::deleteQueue),
        Map.entry("PurgeQueue", queues::purgeQueue),
        Map.entry("GetQueueAttributes", queues::getQueueAttributes),
        Map.entry("SetQueueAttributes", queues::setQueueAttributes),
        Map.entry("TagQueue", queues::tagQueue),
        Map.entry("UntagQueue", queues::untagQueue),
        Map.entry("ListQueueTags", queues::listQueueTags),
        Map.entry("ListDeadLetterSourceQueues", queues::listDeadLetterSourceQueues),
        Map.entry("SendMessage", sends::sendMessage),
        Map.entry("SendMessageBatch", sends::sendMessageBatch),
        Map.entry("ReceiveMessage", receives::receiveMessage),
        Map.entry("DeleteMessage", settles::deleteMessage),
        Map.entry("DeleteMessageBatch", settles::deleteMessageBatch),
        Map.entry("ChangeMessageVisibility", settles::changeMessageVisibility),
        Map.entry("ChangeMessageVisibilityBatch", settles::changeMessageVisibilityBatch),
        Map.entry("StartMessageMoveTask", moves::start),
        Map.entry("ListMessageMoveTasks", moves::list));
  }

  /** Runs the call's action; a failed future carries an {@link SqsError} (or something it maps to one). */
  public CompletableFuture<ObjectNode> run(SqsCall call) {
    Function<SqsCall, CompletableFuture<ObjectNode>> action = actions.get(call.action());
    if (action == null) {
      return CompletableFuture.failedFuture(unknown(call.action()));
    }
    try {
      return action.apply(call);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static SqsError unknown(String action) {
    if (java.util.Set.of("AddPermission", "RemovePermission", "CancelMessageMoveTask").contains(action)) {
      return new SqsError(SqsError.Code.UNSUPPORTED_OPERATION, action + " is not supported by raftq's SQS API.");
    }
    return new SqsError(SqsError.Code.INVALID_ACTION, "The action " + action + " is not valid for this endpoint.");
  }

  public boolean knows(String action) {
    return actions.containsKey(action);
  }

}
