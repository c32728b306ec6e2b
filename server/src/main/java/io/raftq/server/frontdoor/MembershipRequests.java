package io.raftq.server.frontdoor;

import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.LayoutInfo;
import io.raftq.protocol.Request;
import io.raftq.protocol.Response;
import io.raftq.protocol.netty.RequestContext;
import io.raftq.raft.HostPort;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.server.metadata.MetadataService;
import io.raftq.statemachine.metadata.ClusterLayout;
import io.raftq.statemachine.metadata.MetadataCommand;
import io.raftq.statemachine.metadata.MetadataLogic;
import io.raftq.statemachine.metadata.NodeState;

/** Membership changes (join, drain, activate, remove) and the cluster layout. */
final class MembershipRequests {
  private final MetadataService metadata;
  private final ClusterDirectory directory;
  private final RaftErrors errors;
  private final FailureReplies replies;

  MembershipRequests(MetadataService metadata, ClusterDirectory directory, RaftErrors errors) {
    this.metadata = metadata;
    this.directory = directory;
    this.errors = errors;
    this.replies = new FailureReplies(errors);
  }

  void change(RequestContext ctx, Request.ChangeMembership r) {
    MetadataCommand command;
    try {
      command = toCommand(r);
    } catch (IllegalArgumentException e) {
      ctx.reply(new Response.Error(ErrorCode.INVALID_REQUEST, e.getMessage()));
      return;
    }
    metadata.write(MetadataCommand.once(r.operationId(), command)).whenComplete(replies.guarded(ctx, (result, error) -> {
      if (error != null) {
        ctx.reply(errors.toError(error));
      } else if (result.outcome() == MetadataLogic.Outcome.NODE_NOT_FOUND) {
        ctx.reply(new Response.Error(ErrorCode.INVALID_REQUEST, "node '" + r.nodeId() + "' is not in the cluster"));
      } else if (result.outcome() == MetadataLogic.Outcome.NOT_FORMED) {
        ctx.reply(new Response.Error(ErrorCode.UNAVAILABLE,
            "the cluster is still forming (its seed nodes are not registered yet); retry shortly"));
      } else if (result.outcome() == MetadataLogic.Outcome.NODE_HAS_REPLICAS) {
        ctx.reply(new Response.Error(ErrorCode.INVALID_REQUEST, "node '" + r.nodeId()
            + "' still holds replicas: drain it first and wait until it holds none, or remove it with force if it"
            + " is gone for good (its replicas are then re-created on the other nodes)"));
      } else {
        ctx.reply(new Response.Ok());
      }
    }));
  }

  private static MetadataCommand toCommand(Request.ChangeMembership r) {
    return switch (r.action()) {
      case JOIN -> {
        if (r.raftAddress() == null || r.clientAddress() == null) {
          throw new IllegalArgumentException("a joining node needs its Raft and client addresses");
        }
        HostPort.parse(r.raftAddress());
        HostPort.parse(r.clientAddress());
        MetadataCommand c = new MetadataCommand.JoinNode(new MetadataCommand.RegisterNode(
            r.nodeId(), r.raftAddress(), r.clientAddress(), r.zone() == null ? "" : r.zone()));
        MetadataCommand.decode(java.nio.ByteBuffer.wrap(MetadataCommand.encode(c))); // validates
        yield c;
      }
      case DRAIN -> new MetadataCommand.SetNodeState(checked(r.nodeId()), NodeState.DRAINING);
      case ACTIVATE -> new MetadataCommand.SetNodeState(checked(r.nodeId()), NodeState.ACTIVE);
      case REMOVE -> new MetadataCommand.RemoveNode(checked(r.nodeId()), r.force());
    };
  }

  private static String checked(String id) {
    MetadataCommand.checkNodeId(id);
    return id;
  }

  void layout(RequestContext ctx) {
    ClusterLayout l = directory.layout();
    ctx.reply(new Response.Layout(new LayoutInfo(
        l.nodes().stream().map(n -> new LayoutInfo.Node(n.id(), n.raftAddress(), n.clientAddress(), n.zone(),
            n.state().name())).toList(),
        l.replicaSets().stream().map(s -> new LayoutInfo.Replicas(s.queue(), s.partition(), s.members(), s.adding()))
            .toList())));
  }
}
