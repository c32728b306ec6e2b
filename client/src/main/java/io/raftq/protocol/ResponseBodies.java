package io.raftq.protocol;

import java.util.List;

/** Byte layouts of response bodies (what follows {@code u8 opcode, i32 requestId}); see docs/PROTOCOL.md. */
final class ResponseBodies {
  private static final int MIN_QUEUE_INFO_BYTES = 102;
  private static final int MIN_PARTITION_INFO_BYTES = 72;
  private static final int MIN_SEND_OUTCOME_BYTES = 13;
  private static final int MIN_DELIVERY_BYTES = 60;
  private static final int MIN_NODE_INFO_BYTES = 8;
  private static final int MIN_STRING_BYTES = 4;

  private ResponseBodies() {}

  static void write(WireWriter out, Response response) {
    if (response instanceof Response.Error r) {
      out.u16(r.code().code()).nullableString(r.message()).nullableString(r.leaderAddress());
    } else if (response instanceof Response.HelloOk r) {
      out.i32(r.protocolVersion()).nullableString(r.nodeId());
    } else if (response instanceof Response.QueueList r) {
      out.list(r.queues(), ResponseBodies::writeQueueInfo);
    } else if (response instanceof Response.Described r) {
      writeQueueInfo(out, r.description().queue());
      out.list(r.description().partitions(), ResponseBodies::writePartitionInfo);
    } else if (response instanceof Response.Sent r) {
      out.list(r.outcomes(), (w, o) -> w.string("sent id", o.id()).i64(o.offset()).bool(o.duplicate()));
    } else if (response instanceof Response.Received r) {
      out.list(r.deliveries(), ResponseBodies::writeDelivery);
    } else if (response instanceof Response.ReceiptResults r) {
      out.list(r.outcomes(), (w, o) -> w.u8(o.code()));
    } else if (response instanceof Response.Cluster r) {
      out.list(r.nodes(), (w, n) -> w.string("node id", n.id()).nullableString(n.clientAddress()));
    } else if (response instanceof Response.Layout r) {
      out.list(r.layout().nodes(), (w, n) -> w.string("node id", n.id()).string("raft address", n.raftAddress())
          .string("client address", n.clientAddress()).string("zone", n.zone()).string("state", n.state()));
      out.list(r.layout().replicas(), (w, x) -> w.string("queue", x.queue()).i32(x.partition())
          .list(x.members(), (m, id) -> m.string("member", id)).nullableString(x.adding()));
    } else if (response instanceof Response.Purged r) {
      out.i64(r.removed());
    } else if (response instanceof Response.Processed r) {
      out.bool(r.found()).i64(r.ackedAtMs()).bool(r.result() != null);
      if (r.result() != null) {
        out.bytes(r.result());
      }
    } else if (response instanceof Response.MessageCopies r) {
      out.list(r.copies(), (w, c) -> {
        w.i32(c.partition()).i64(c.offset()).i64(c.enqueuedAtMs());
        w.list(c.groups(), (g, s) -> g.string("group", s.group()).string("state", s.state()).i64(s.visibleAtMs())
            .i32(s.deliveries()).nullableString(s.lastReason()).i64(s.deliveredAtMs())
            .list(s.history(), (h, a) -> h.i32(a.n()).i64(a.deliveredAtMs()).i64(a.endedAtMs()).bool(a.nacked())
                .nullableString(a.reason())));
      });
    } else if (response instanceof Response.PartitionStatsAnswer r) {
      PartitionStatsInfo p = r.stats();
      out.i32(p.partition()).i64(p.depth()).i64(p.delayed()).i64(p.deadLettersPending()).i64(p.deadLettersTotal())
          .i64(p.oldestEnqueuedAtMs());
      out.list(p.groups(), (w, g) -> w.string("group", g.group()).i64(g.ready()).i64(g.inFlight()).i64(g.delayed())
          .i64(g.held()).i32(g.parkedKeys()));
      out.i64(p.firstOffset()).i64(p.nextOffset());
      out.list(p.streams(), (w, g) -> w.string("group", g.group()).i64(g.committed()));
    } else if (response instanceof Response.Offset r) {
      out.i64(r.offset());
    } else if (response instanceof Response.Position r) {
      out.i64(r.committed()).i64(r.first()).i64(r.next());
    } else if (response instanceof Response.ParkedKeys r) {
      out.list(r.keys(), (w, k) -> w.i32(k.partition()).string("group", k.group()).string("key", k.key())
          .i32(k.held()));
    } else if (response instanceof Response.Browsed r) {
      out.list(r.messages(), ResponseBodies::writeDelivery).i64(r.nextOffset());
    } else if (response instanceof Response.Status r) {
      PartitionStatus s = r.status();
      out.nullableString(s.nodeId()).i64(s.appliedIndex()).nullableString(s.stateDigestHex()).i64(s.lastTimeMs())
          .nullableString(s.leaderId());
    }
    // Ok has an empty body.
  }

  static Response read(WireReader in, int opcode) {
    if (opcode == Opcodes.ERROR) {
      return new Response.Error(
          ErrorCode.fromCode(in.u16("error code")), in.nullableString("error message"),
          in.nullableString("leader address"));
    }
    switch (opcode & ~Opcodes.RESPONSE_BIT) {
      case Opcodes.HELLO:
        return new Response.HelloOk(in.i32("protocolVersion"), in.nullableString("nodeId"));
      case Opcodes.CREATE_QUEUE:
      case Opcodes.DELETE_QUEUE:
      case Opcodes.ALTER_QUEUE:
      case Opcodes.CANCEL_WAIT:
      case Opcodes.CHANGE_MEMBERSHIP:
      case Opcodes.CREATE_QUEUE_ONCE:
      case Opcodes.DELETE_QUEUE_ONCE:
      case Opcodes.ALTER_QUEUE_ONCE:
      case Opcodes.CHANGE_MEMBERSHIP_ONCE:
        return new Response.Ok();
      case Opcodes.LIST_QUEUES:
        return new Response.QueueList(in.list("queues", MIN_QUEUE_INFO_BYTES, ResponseBodies::readQueueInfo));
      case Opcodes.DESCRIBE_QUEUE:
        return new Response.Described(new QueueDescription(
            readQueueInfo(in), in.list("partitions", MIN_PARTITION_INFO_BYTES, ResponseBodies::readPartitionInfo)));
      case Opcodes.SEND:
      case Opcodes.SEND_DELAYED:
        return new Response.Sent(in.list("outcomes", MIN_SEND_OUTCOME_BYTES,
            r -> new SendOutcome(r.string("sent id"), r.i64("offset"), r.bool("duplicate"))));
      case Opcodes.RECEIVE:
      case Opcodes.RECEIVE_BOUNDED:
        return new Response.Received(in.list("deliveries", MIN_DELIVERY_BYTES, ResponseBodies::readDelivery));
      case Opcodes.ACK:
      case Opcodes.NACK:
      case Opcodes.CHANGE_VISIBILITY:
        return new Response.ReceiptResults(in.list("outcomes", 1, ResponseBodies::readReceiptOutcome));
      case Opcodes.CLUSTER_INFO:
        return new Response.Cluster(in.list("nodes", MIN_NODE_INFO_BYTES,
            r -> new NodeInfo(r.string("node id"), r.nullableString("client address"))));
      case Opcodes.CLUSTER_LAYOUT:
        return new Response.Layout(new LayoutInfo(
            in.list("nodes", 10, r -> new LayoutInfo.Node(r.string("node id"), r.string("raft address"),
                r.string("client address"), r.string("zone"), r.string("state"))),
            in.list("replicas", 8, r -> new LayoutInfo.Replicas(r.string("queue"), r.nonNegativeI32("partition"),
                r.list("members", 2, m -> m.string("member")), r.nullableString("adding")))));
      case Opcodes.WAS_PROCESSED:
        return new Response.Processed(in.bool("found"), in.i64("ackedAtMs"),
            in.bool("result present") ? in.bytes("result") : null);
      case Opcodes.MESSAGE_STATUS:
        return new Response.MessageCopies(in.list("copies", 24, r -> new MessageCopy(
            r.nonNegativeI32("partition"), r.i64("offset"), r.i64("enqueuedAtMs"),
            r.list("groups", 24, g -> new MessageCopy.GroupState(g.string("group"), g.string("state"),
                g.i64("visibleAtMs"), g.i32("deliveries"), g.nullableString("lastReason"), g.i64("deliveredAtMs"),
                g.list("history", 25, h -> new MessageCopy.Attempt(h.i32("n"), h.i64("deliveredAtMs"),
                    h.i64("endedAtMs"), h.bool("nacked"), h.nullableString("reason"))))))));
      case Opcodes.PARTITION_STATS:
        return new Response.PartitionStatsAnswer(new PartitionStatsInfo(in.nonNegativeI32("partition"),
            in.i64("depth"), in.i64("delayed"), in.i64("deadLettersPending"), in.i64("deadLettersTotal"),
            in.i64("oldestEnqueuedAtMs"), in.list("groups", 40, g -> new PartitionStatsInfo.GroupStatsInfo(
                g.string("group"), g.i64("ready"), g.i64("inFlight"), g.i64("delayed"), g.i64("held"),
                g.i32("parkedKeys"))), in.i64("firstOffset"), in.i64("nextOffset"),
            in.list("streams", 12, g -> new PartitionStatsInfo.StreamGroupInfo(g.string("group"), g.i64("committed")))));
      case Opcodes.COMMIT_OFFSET:
      case Opcodes.OFFSET_FOR_TIME:
        return new Response.Offset(in.i64("offset"));
      case Opcodes.STREAM_POSITION:
        return new Response.Position(in.i64("committed"), in.i64("first"), in.i64("next"));
      case Opcodes.LIST_PARKED:
        return new Response.ParkedKeys(in.list("keys", 16, r -> new ParkedKeyInfo(
            r.nonNegativeI32("partition"), r.string("group"), r.string("key"), r.i32("held"))));
      case Opcodes.PURGE_PARTITION:
      case Opcodes.RELEASE_KEY:
      case Opcodes.PURGE_PARTITION_ONCE:
      case Opcodes.RELEASE_KEY_ONCE:
      case Opcodes.REMOVE_MESSAGES:
        return new Response.Purged(in.i64("removed"));
      case Opcodes.BROWSE:
        return new Response.Browsed(
            in.list("messages", MIN_DELIVERY_BYTES, ResponseBodies::readDelivery), in.i64("nextOffset"));
      case Opcodes.GET_PARTITION_STATUS:
        return new Response.Status(new PartitionStatus(
            in.nullableString("nodeId"), in.i64("appliedIndex"), in.nullableString("stateDigestHex"),
            in.i64("lastTimeMs"), in.nullableString("leaderId")));
      default:
        throw in.error("unknown response opcode 0x" + Integer.toHexString(opcode));
    }
  }

  private static void writeQueueInfo(WireWriter out, QueueInfo q) {
    if (q == null) {
      throw new IllegalArgumentException("queue info must not be null");
    }
    out.string("queue name", q.name()).i32(q.partitions()).i64(q.visibilityTimeoutMs()).i64(q.dedupWindowMs());
    out.i64(q.createdAtMs());
    RequestBodies.writeSettings(out, q.settings());
    out.i64(q.modifiedIndex()).i64(q.modifiedAtMs());
  }

  private static QueueInfo readQueueInfo(WireReader in) {
    return new QueueInfo(
        in.string("queue name"), in.i32("partitions"), in.i64("visibilityTimeoutMs"), in.i64("dedupWindowMs"),
        in.i64("createdAtMs"), RequestBodies.readSettings(in), in.i64("modifiedIndex"), in.i64("modifiedAtMs"));
  }

  private static void writePartitionInfo(WireWriter out, PartitionInfo p) {
    out.i32(p.partition()).nullableString(p.leaderNodeId()).nullableString(p.leaderAddress());
    out.list(p.replicas(), (w, s) -> w.string("replica", s));
    out.i64(p.depth()).i64(p.inFlight()).i64(p.nextOffset()).i64(p.appliedIndex());
    out.i64(p.delayed()).i64(p.deadLettersPending()).i64(p.deadLettersTotal());
  }

  private static PartitionInfo readPartitionInfo(WireReader in) {
    return new PartitionInfo(
        in.nonNegativeI32("partition"), in.nullableString("leaderNodeId"), in.nullableString("leaderAddress"),
        in.list("replicas", MIN_STRING_BYTES, r -> r.string("replica")), in.i64("depth"), in.i64("inFlight"),
        in.i64("nextOffset"), in.i64("appliedIndex"), in.i64("delayed"), in.i64("deadLettersPending"),
        in.i64("deadLettersTotal"));
  }

  private static void writeDelivery(WireWriter out, Delivery d) {
    out.string("delivery id", d.id()).i32(d.partition()).i64(d.offset()).nullableString(d.key());
    out.list(d.headers(), RequestBodies::writeHeader).bytes(d.payload());
    RequestBodies.writeReceipt(out, d.receipt());
    out.i32(d.deliveries()).i64(d.enqueuedAtMs());
  }

  private static Delivery readDelivery(WireReader in) {
    return new Delivery(
        in.string("delivery id"), in.nonNegativeI32("partition"), in.i64("offset"), in.nullableString("key"),
        RequestBodies.readHeaders(in), in.bytes("payload"), RequestBodies.readReceipt(in), in.i32("deliveries"),
        in.i64("enqueuedAtMs"));
  }

  private static ReceiptOutcome readReceiptOutcome(WireReader in) {
    int code = in.u8("receipt outcome");
    for (ReceiptOutcome o : ReceiptOutcome.values()) {
      if (o.code() == code) {
        return o;
      }
    }
    throw in.error("unknown receipt outcome " + code);
  }
}
