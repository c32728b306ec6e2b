package io.raftq.server.frontdoor;

import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.netty.RequestContext;
import io.raftq.server.partition.PartitionReplica;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.server.partition.ReceiveWaiters;
import io.raftq.statemachine.partition.Ack;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.partition.ChangeVisibility;
import io.raftq.statemachine.partition.CommitOffset;
import io.raftq.statemachine.partition.Consumed;
import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.Enqueued;
import io.raftq.statemachine.partition.Leased;
import io.raftq.statemachine.partition.Nack;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.PartitionCommand;
import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.partition.PartitionResult;
import io.raftq.protocol.Limits;
import io.raftq.protocol.MessageCopy;
import io.raftq.protocol.PartitionStatsInfo;
import io.raftq.protocol.ParkedKeyInfo;
import io.raftq.protocol.Utf8;
import io.raftq.statemachine.partition.PartitionLogic;
import io.raftq.statemachine.partition.Once;
import io.raftq.statemachine.partition.ReleaseKey;
import io.raftq.statemachine.partition.Purge;
import io.raftq.statemachine.partition.RemoveMessages;
import io.raftq.statemachine.partition.Receive;
import io.raftq.statemachine.partition.Removed;
import io.raftq.statemachine.partition.Failed;
import io.raftq.statemachine.partition.Rejected;
import io.raftq.statemachine.partition.Settled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Send, receive, ack, nack and change-visibility: routed to the partition leader's batcher. */
final class PartitionRequests {
  /** Longest a receive may wait server-side; longer waits are cut to this (the client simply polls again). */
  static final long MAX_WAIT_MS = 20_000;
  /** Payload bytes of one send request, so that it always fits one Raft entry with room to batch. */
  static final long MAX_SEND_BYTES = 3 << 20;
  /** Payload bytes of one browse answer (at least one message is returned whatever its size). */
  static final long MAX_BROWSE_BYTES = 2 << 20;

  private final PartitionRouter router;
  private final PartitionReplicas replicas;
  private final RaftErrors errors;
  private final FailureReplies replies;
  private final int maxMessageBytes;
  /** The node's byte bound of a receive answer; a request may ask for less. */
  private final int maxReceiveBytes;
  private final LongSupplier clockMs;

  PartitionRequests(PartitionRouter router, PartitionReplicas replicas, RaftErrors errors, int maxMessageBytes,
      int maxReceiveBytes, LongSupplier clockMs) {
    this.router = router;
    this.replicas = replicas;
    this.errors = errors;
    this.replies = new FailureReplies(errors);
    this.maxMessageBytes = maxMessageBytes;
    this.maxReceiveBytes = maxReceiveBytes;
    this.clockMs = clockMs;
  }

  void send(RequestContext ctx, Request.Send r) {
    Response.Error invalid = validate(r);
    if (invalid != null) {
      ctx.reply(invalid);
      return;
    }
    withLeader(ctx, r.queue(), r.partition(), route -> {
      if (route.queue().fifo()) {
        for (int i = 0; i < r.messages().size(); i++) {
          if (r.messages().get(i).key() == null) {
            ctx.reply(invalid("messages[" + i + "].key: queue '" + r.queue()
                + "' is FIFO: every message needs a key (its message group)"));
            return;
          }
        }
      }
      List<NewMessage> messages = new ArrayList<>(r.messages().size());
      long defaultDelayMs = route.queue().defaultDelayMs();
      r.messages().forEach(m -> messages.add(Conversions.toNewMessage(m, defaultDelayMs)));
      Enqueue cmd = new Enqueue(messages, route.queue().dedupWindowMs());
      submit(ctx, route.replica(), cmd, Conversions.approximateSize(messages), result -> {
        Enqueued e = (Enqueued) result;
        return new Response.Sent(e.stored().stream().map(Conversions::toSendOutcome).toList());
      });
    });
  }

  private Response.Error validate(Request.Send r) {
    if (r.messages().isEmpty()) {
      return new Response.Error(ErrorCode.INVALID_REQUEST, "messages: a send needs at least one message");
    }
    Response.Error invalid = invalid(RequestLimits.send(r));
    if (invalid != null) {
      return invalid;
    }
    long total = 0;
    for (OutgoingMessage m : r.messages()) {
      total += m.payload().length;
      if (m.payload().length > maxMessageBytes) {
        return new Response.Error(ErrorCode.MESSAGE_TOO_LARGE, "message " + m.id() + " has " + m.payload().length
            + " bytes; the limit is " + maxMessageBytes + " (nothing of this request was stored)");
      }
    }
    if (total > MAX_SEND_BYTES) {
      return new Response.Error(ErrorCode.INVALID_REQUEST, "a send frame may carry at most " + MAX_SEND_BYTES
          + " payload bytes; split it (nothing of this request was stored)");
    }
    return null;
  }

  void receive(RequestContext ctx, Request.Receive r) {
    if (replyIfInvalid(ctx, RequestLimits.receive(r))) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(Math.max(0, r.waitMs()), MAX_WAIT_MS));
    withLeader(ctx, r.queue(), r.partition(), route -> {
      long visibility = r.visibilityMs() < 0 ? route.queue().visibilityTimeoutMs() : r.visibilityMs();
      int maxReceives = route.queue().hasDeadLetterQueue() ? route.queue().maxReceives() : 0;
      QueueDefinition q = route.queue();
      // The state machine leases only what fits this bound, so the leader reads back no more than that.
      int maxBytes = r.maxBytes() > 0 ? Math.min(r.maxBytes(), maxReceiveBytes) : maxReceiveBytes;
      Receive cmd = new Receive(r.group(), r.maxMessages(), visibility, maxReceives, q.fifo(), r.ackOnReceive(),
          q.consumerDedupWindowMs(), q.backoffBaseMs(), q.backoffMaxMs(), q.topic(), maxBytes);
      attemptReceive(ctx, route.replica(), r, cmd, deadline);
    });
  }

  /** Leases now if something is visible (or the caller will not wait); otherwise parks without a Raft write. */
  private void attemptReceive(RequestContext ctx, PartitionReplica replica, Request.Receive r, Receive cmd, long deadline) {
    boolean willWait = deadline - System.nanoTime() > 0;
    if (willWait && !replica.logic().hasVisibleMessage(r.group(), clockMs.getAsLong())) {
      park(ctx, replica, r, cmd, deadline);
      return;
    }
    answerReceive(ctx, replica, r, cmd, deadline, replica.batcher().submit(cmd, 64));
  }

  /** Answers a receive with what its command leased, or parks it again if it leased nothing and may still wait. */
  private void answerReceive(RequestContext ctx, PartitionReplica replica, Request.Receive r, Receive cmd,
      long deadline, CompletableFuture<PartitionResult> leasing) {
    leasing.whenComplete(replies.guarded(ctx, (result, error) -> {
      if (error != null) {
        replies.fail(ctx, error);
      } else if (result instanceof Leased l && l.messages().isEmpty() && deadline - System.nanoTime() > 0) {
        park(ctx, replica, r, cmd, deadline);
      } else {
        replicas.consumeEarlyCancel(ctx.channel(), ctx.requestId()); // answered now: forget a cancel that raced it
        // The leader's results carry the messages (LeaderResults); a result decoded from the reply carries them
        // only for an at-most-once receive, others are read back here (a read that fails, e.g. on a store closed
        // meanwhile, is answered by the guard: the leases expire).
        ctx.reply(toResponse(result, res -> new Response.Received(((Leased) res).messages().stream()
            .map(lease -> r.ackOnReceive() ? lease
                : PartitionReplicatedLogic.hydrate(replica.stateMachine().reader(), lease))
            .map(m -> Conversions.toDelivery(r.partition(), m)).toList())));
      }
    }));
  }

  private void park(RequestContext ctx, PartitionReplica replica, Request.Receive r, Receive cmd, long deadline) {
    if (replicas.consumeEarlyCancel(ctx.channel(), ctx.requestId())) {
      ctx.reply(new Response.Received(List.of()));
      return;
    }
    replica.waiters().park(new ReceiveWaiters.Waiter(
        ctx.channel(), ctx.requestId(), r.group(), deadline,
        () -> replies.guard(ctx, () -> attemptReceive(ctx, replica, r, cmd, deadline)),
        () -> ctx.reply(new Response.Received(List.of())),
        new ReceiveWaiters.Ride(cmd, leasing -> answerReceive(ctx, replica, r, cmd, deadline, leasing))));
  }

  void ack(RequestContext ctx, Request.Ack r) {
    if (replyIfInvalid(ctx, RequestLimits.ack(r))) {
      return;
    }
    settleWithQueue(ctx, r.queue(), r.partition(), r.receipts(), q ->
        new Ack(r.group(), Conversions.toLeaseRefs(r.receipts()), q.consumerDedupWindowMs(), r.results()));
  }

  void nack(RequestContext ctx, Request.Nack r) {
    if (replyIfInvalid(ctx, RequestLimits.nack(r))) {
      return;
    }
    settleWithQueue(ctx, r.queue(), r.partition(), r.receipts(), q -> new Nack(r.group(),
        Conversions.toLeaseRefs(r.receipts()), r.delayMs(), r.reason(), q.backoffBaseMs(), q.backoffMaxMs()));
  }

  void changeVisibility(RequestContext ctx, Request.ChangeVisibility r) {
    if (replyIfInvalid(ctx, RequestLimits.changeVisibility(r))) {
      return;
    }
    settle(ctx, r.queue(), r.partition(), r.receipts(),
        () -> new ChangeVisibility(r.group(), Conversions.toLeaseRefs(r.receipts()), r.visibilityMs()));
  }

  void purge(RequestContext ctx, Request.PurgePartition r) {
    withLeader(ctx, r.queue(), r.partition(), route -> submit(ctx, route.replica(),
        Once.of(r.operationId(), new Purge()), 96, result -> new Response.Purged(((Removed) result).count())));
  }

  /** Reads the leader's committed store: no Raft round, no lease. */
  void browse(RequestContext ctx, Request.Browse r) {
    if (replyIfInvalid(ctx, RequestLimits.browse(r))) {
      return;
    }
    withLeader(ctx, r.queue(), r.partition(), route -> {
      PartitionLogic.Browsed page = route.replica().logic()
          .browse(route.replica().stateMachine().reader(), r.fromOffset(), r.max(), MAX_BROWSE_BYTES);
      ctx.reply(new Response.Browsed(
          page.messages().stream().map(m -> Conversions.toDelivery(r.partition(), m)).toList(), page.nextOffset()));
    });
  }

  /** Scans at most this many stored messages for an id the dedup table does not know any more. */
  static final int MAX_STATUS_SCAN = 200_000;

  void messageStatus(RequestContext ctx, Request.MessageStatus r) {
    withLeader(ctx, r.queue(), r.partition(), route -> ctx.reply(new Response.MessageCopies(
        route.replica().logic().status(route.replica().stateMachine().reader(), r.id(), clockMs.getAsLong(),
                MAX_STATUS_SCAN).stream()
            .map(s -> new MessageCopy(r.partition(), s.offset(), s.enqueuedAtMs(), s.groups().stream()
                .map(g -> new MessageCopy.GroupState(g.group(), g.state().name(), g.visibleAtMs(), g.deliveries(),
                    g.lastReason(), g.deliveredAtMs(), g.history().stream()
                        .map(a -> new MessageCopy.Attempt(a.n(), a.deliveredAtMs(), a.endedAtMs(), a.nacked(), a.reason()))
                        .toList()))
                .toList()))
            .toList())));
  }

  void partitionStats(RequestContext ctx, Request.PartitionStats r) {
    withLeader(ctx, r.queue(), r.partition(), route -> {
      PartitionLogic logic = route.replica().logic();
      io.raftq.statemachine.partition.PartitionStats s = logic.stats();
      ctx.reply(new Response.PartitionStatsAnswer(new PartitionStatsInfo(r.partition(), s.depth(), s.delayed(),
          s.deadLettersPending(), s.deadLettersTotal(), logic.oldestEnqueuedAtMs(route.replica().stateMachine().reader()),
          logic.groupStats(clockMs.getAsLong()).stream()
              .map(g -> new PartitionStatsInfo.GroupStatsInfo(g.group(), g.ready(), g.inFlight(), g.delayed(), g.held(),
                  g.parkedKeys()))
              .toList(),
          logic.offsetRange()[0], logic.offsetRange()[1],
          logic.streamOffsets().entrySet().stream()
              .map(e -> new PartitionStatsInfo.StreamGroupInfo(e.getKey(), e.getValue())).toList())));
    });
  }

  void commitOffset(RequestContext ctx, Request.CommitOffset r) {
    String invalid = Limits.group(r.group());
    if (invalid == null && r.offset() < 0) {
      invalid = "offset: must not be negative, was " + r.offset();
    }
    if (replyIfInvalid(ctx, invalid)) {
      return;
    }
    withLeader(ctx, r.queue(), r.partition(), route -> submit(ctx, route.replica(),
        new CommitOffset(r.group(), r.offset(), r.seek()), 64,
        result -> new Response.Offset(((Removed) result).count())));
  }

  void streamPosition(RequestContext ctx, Request.StreamPosition r) {
    if (replyIfInvalid(ctx, Limits.group(r.group()))) {
      return;
    }
    withLeader(ctx, r.queue(), r.partition(), route -> {
      PartitionLogic logic = route.replica().logic();
      long[] range = logic.offsetRange();
      Long committed = logic.streamOffsets().get(r.group());
      ctx.reply(new Response.Position(committed == null ? -1 : committed, range[0], range[1]));
    });
  }

  void offsetForTime(RequestContext ctx, Request.OffsetForTime r) {
    withLeader(ctx, r.queue(), r.partition(), route -> ctx.reply(new Response.Offset(
        route.replica().logic().offsetForTime(route.replica().stateMachine().reader(), r.timeMs()))));
  }

  void listParked(RequestContext ctx, Request.ListParked r) {
    withLeader(ctx, r.queue(), r.partition(), route -> ctx.reply(new Response.ParkedKeys(
        route.replica().logic().parkedKeys().stream()
            .map(k -> new ParkedKeyInfo(r.partition(), k.group(), k.key(), k.held())).toList())));
  }

  void releaseKey(RequestContext ctx, Request.ReleaseKey r) {
    String invalid = Limits.group(r.group());
    if (invalid == null && (r.key().isEmpty() || Utf8.length(r.key()) > Limits.MAX_KEY_BYTES)) {
      invalid = "key: must be 1-" + Limits.MAX_KEY_BYTES + " UTF-8 bytes";
    }
    if (replyIfInvalid(ctx, invalid)) {
      return;
    }
    withLeader(ctx, r.queue(), r.partition(), route -> submit(ctx, route.replica(),
        Once.of(r.operationId(), new ReleaseKey(r.group(), r.key(), r.skip())), 144,
        result -> new Response.Purged(((Removed) result).count())));
  }

  void removeMessages(RequestContext ctx, Request.RemoveMessages r) {
    if (replyIfInvalid(ctx, RequestLimits.removeMessages(r))) {
      return;
    }
    withLeader(ctx, r.queue(), r.partition(), route -> submit(ctx, route.replica(),
        new RemoveMessages(r.offsets()), 16 + 8 * r.offsets().size(),
        result -> new Response.Purged(((Removed) result).count())));
  }

  void wasProcessed(RequestContext ctx, Request.WasProcessed r) {
    if (replyIfInvalid(ctx, Limits.group(r.group()))) {
      return;
    }
    withLeader(ctx, r.queue(), r.partition(), route -> {
      Consumed c = route.replica().logic().consumed(route.replica().stateMachine().reader(), r.group(), r.id(),
          route.queue().consumerDedupWindowMs(), clockMs.getAsLong());
      ctx.reply(c == null ? new Response.Processed(false, 0, null)
          : new Response.Processed(true, c.ackedAtMs(), c.result()));
    });
  }

  private void settle(RequestContext ctx, String queue, int partition, List<Receipt> receipts,
      java.util.function.Supplier<PartitionCommand> command) {
    settleWithQueue(ctx, queue, partition, receipts, q -> command.get());
  }

  private void settleWithQueue(RequestContext ctx, String queue, int partition, List<Receipt> receipts,
      Function<io.raftq.statemachine.metadata.QueueDefinition, PartitionCommand> command) {
    for (Receipt receipt : receipts) {
      if (receipt.partition() != partition) {
        ctx.reply(new Response.Error(ErrorCode.RECEIPT_INVALID,
            "receipt " + receipt + " belongs to partition " + receipt.partition() + ", not " + partition));
        return;
      }
    }
    withLeader(ctx, queue, partition, route -> submit(ctx, route.replica(), command.apply(route.queue()),
        32 + 24 * receipts.size(),
        result -> new Response.ReceiptResults(
            ((Settled) result).outcomes().stream().map(Conversions::toReceiptOutcome).toList())));
  }

  private void withLeader(RequestContext ctx, String queue, int partition, java.util.function.Consumer<PartitionRouter.Route> then) {
    replies.onSuccess(ctx, router.toLeader(queue, partition), route -> {
      if (route.error() != null) {
        ctx.reply(route.error());
      } else {
        then.accept(route);
      }
    });
  }

  private void submit(RequestContext ctx, PartitionReplica replica, PartitionCommand cmd, int size,
      Function<PartitionResult, Response> onResult) {
    CompletableFuture<PartitionResult> f = replica.batcher().submit(cmd, size);
    replies.onSuccess(ctx, f, result -> ctx.reply(toResponse(result, onResult)));
  }

  private static Response.Error invalid(String reason) {
    return reason == null ? null
        : new Response.Error(ErrorCode.INVALID_REQUEST, reason + " (nothing of this request was stored)");
  }

  /** Answers INVALID_REQUEST when {@code reason} is not null; returns whether it did. */
  private static boolean replyIfInvalid(RequestContext ctx, String reason) {
    Response.Error error = invalid(reason);
    if (error != null) {
      ctx.reply(error);
    }
    return error != null;
  }

  private static Response toResponse(PartitionResult result, Function<PartitionResult, Response> onResult) {
    if (result instanceof Rejected rejected) {
      return new Response.Error(ErrorCode.INVALID_REQUEST, rejected.reason());
    }
    if (result instanceof Failed failed) {
      return RaftErrors.applyFailed(failed.reason());
    }
    return onResult.apply(result);
  }

}
