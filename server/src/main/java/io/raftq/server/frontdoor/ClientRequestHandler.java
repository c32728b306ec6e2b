package io.raftq.server.frontdoor;

import io.netty.channel.Channel;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.netty.RequestContext;
import io.raftq.protocol.netty.RequestHandler;
import io.raftq.raft.RaftNode;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.partition.PartitionReplicas;
import java.util.function.LongSupplier;

/** Dispatches every request of a connection; never blocks the event loop (all waits are futures). */
public final class ClientRequestHandler implements RequestHandler {
  private final PartitionRequests partitions;
  private final AdminRequests admin;
  private final PartitionReplicas replicas;

  private final MembershipRequests membership;
  private final FailureReplies replies;

  public ClientRequestHandler(MetadataService metadata, RaftNode raft, ClusterDirectory directory,
      PartitionReplicas replicas, io.raftq.server.quiesce.PartitionWaker waker, int maxMessageBytes,
      int maxReceiveBytes, LongSupplier clockMs) {
    RaftErrors errors = new RaftErrors(directory);
    this.partitions = new PartitionRequests(new PartitionRouter(metadata, raft, replicas, errors, directory, waker),
        replicas, errors, maxMessageBytes, maxReceiveBytes, clockMs);
    this.admin = new AdminRequests(metadata, raft, directory, replicas, errors);
    this.membership = new MembershipRequests(metadata, directory, errors);
    this.replicas = replicas;
    this.replies = new FailureReplies(errors);
  }

  /** Dispatches through {@link FailureReplies}: a throw on the event loop is answered like any failure. */
  @Override
  public void handle(RequestContext ctx, Request request) {
    replies.guard(ctx, () -> dispatch(ctx, request));
  }

  private void dispatch(RequestContext ctx, Request request) {
    if (request instanceof Request.Send r) {
      partitions.send(ctx, r);
    } else if (request instanceof Request.Receive r) {
      partitions.receive(ctx, r);
    } else if (request instanceof Request.Ack r) {
      partitions.ack(ctx, r);
    } else if (request instanceof Request.Nack r) {
      partitions.nack(ctx, r);
    } else if (request instanceof Request.ChangeVisibility r) {
      partitions.changeVisibility(ctx, r);
    } else if (request instanceof Request.PurgePartition r) {
      partitions.purge(ctx, r);
    } else if (request instanceof Request.CommitOffset r) {
      partitions.commitOffset(ctx, r);
    } else if (request instanceof Request.StreamPosition r) {
      partitions.streamPosition(ctx, r);
    } else if (request instanceof Request.OffsetForTime r) {
      partitions.offsetForTime(ctx, r);
    } else if (request instanceof Request.MessageStatus r) {
      partitions.messageStatus(ctx, r);
    } else if (request instanceof Request.PartitionStats r) {
      partitions.partitionStats(ctx, r);
    } else if (request instanceof Request.WasProcessed r) {
      partitions.wasProcessed(ctx, r);
    } else if (request instanceof Request.ListParked r) {
      partitions.listParked(ctx, r);
    } else if (request instanceof Request.ReleaseKey r) {
      partitions.releaseKey(ctx, r);
    } else if (request instanceof Request.Browse r) {
      partitions.browse(ctx, r);
    } else if (request instanceof Request.RemoveMessages r) {
      partitions.removeMessages(ctx, r);
    } else if (request instanceof Request.CancelWait r) {
      replicas.cancelWait(ctx.channel(), r.waitingRequestId());
      ctx.reply(new Response.Ok());
    } else {
      handleAdmin(ctx, request);
    }
  }

  private void handleAdmin(RequestContext ctx, Request request) {
    if (request instanceof Request.CreateQueue r) {
      admin.createQueue(ctx, r);
    } else if (request instanceof Request.DeleteQueue r) {
      admin.deleteQueue(ctx, r);
    } else if (request instanceof Request.AlterQueue r) {
      admin.alterQueue(ctx, r);
    } else if (request instanceof Request.ListQueues) {
      admin.listQueues(ctx);
    } else if (request instanceof Request.DescribeQueue r) {
      admin.describeQueue(ctx, r);
    } else if (request instanceof Request.ClusterInfo) {
      admin.clusterInfo(ctx);
    } else if (request instanceof Request.GetPartitionStatus r) {
      admin.partitionStatus(ctx, r);
    } else if (request instanceof Request.ChangeMembership r) {
      membership.change(ctx, r);
    } else if (request instanceof Request.ClusterLayout) {
      membership.layout(ctx);
    } else {
      ctx.reply(new Response.Error(ErrorCode.INVALID_REQUEST, "unexpected " + request.getClass().getSimpleName()));
    }
  }

  @Override
  public void connectionClosed(Channel channel) {
    replicas.dropOwner(channel);
  }

  public void close() {
    admin.close();
  }
}
