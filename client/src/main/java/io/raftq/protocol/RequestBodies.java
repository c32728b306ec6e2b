package io.raftq.protocol;

import java.util.List;

/**
 * Byte layouts of request bodies (what follows {@code u8 opcode, i32 requestId}). docs/PROTOCOL.md documents the
 * same layouts; the golden-bytes test freezes them.
 */
final class RequestBodies {
  private static final int MIN_MESSAGE_BYTES = 16; // id len + key len + header count + payload len
  private static final int MIN_HEADER_BYTES = 8;
  private static final int MIN_RECEIPT_BYTES = 20;

  private RequestBodies() {}

  static void write(WireWriter out, Request request) {
    if (request instanceof Request.Hello r) {
      out.i32(r.protocolVersion()).nullableString(r.clientName());
    } else if (request instanceof Request.CreateQueue r) {
      out.string("name", r.name()).i32(r.partitions()).i64(r.visibilityTimeoutMs()).i64(r.dedupWindowMs());
      writeSettings(out, r.settings());
    } else if (request instanceof Request.AlterQueue r) {
      out.string("name", r.name()).i64(r.expectedModifiedIndex()).i64(r.visibilityTimeoutMs());
      out.i64(r.dedupWindowMs());
      writeSettings(out, r.settings());
    } else if (request instanceof Request.DeleteQueue r) {
      out.string("name", r.name());
    } else if (request instanceof Request.DescribeQueue r) {
      out.string("name", r.name());
    } else if (request instanceof Request.Send r) {
      out.string("queue", r.queue()).i32(r.partition());
      out.list(r.messages(), r.hasDelays() ? RequestBodies::writeDelayedMessage : RequestBodies::writeMessage);
    } else if (request instanceof Request.Receive r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group());
      out.i32(r.maxMessages()).i64(r.visibilityMs()).i64(r.waitMs()).bool(r.ackOnReceive());
      if (r.maxBytes() > 0) {
        out.i32(r.maxBytes());
      }
    } else if (request instanceof Request.Ack r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group());
      out.list(r.receipts(), RequestBodies::writeReceipt);
      out.list(r.results(), (w, result) -> {
        w.bool(result != null);
        if (result != null) {
          w.bytes(result);
        }
      });
    } else if (request instanceof Request.WasProcessed r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group()).string("id", r.id());
    } else if (request instanceof Request.Nack r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group()).i64(r.delayMs());
      out.list(r.receipts(), RequestBodies::writeReceipt).nullableString(r.reason());
    } else if (request instanceof Request.ChangeVisibility r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group()).i64(r.visibilityMs());
      out.list(r.receipts(), RequestBodies::writeReceipt);
    } else if (request instanceof Request.CancelWait r) {
      out.i32(r.waitingRequestId());
    } else if (request instanceof Request.PurgePartition r) {
      out.string("queue", r.queue()).i32(r.partition());
    } else if (request instanceof Request.Browse r) {
      out.string("queue", r.queue()).i32(r.partition()).i64(r.fromOffset()).i32(r.max());
    } else if (request instanceof Request.MessageStatus r) {
      out.string("queue", r.queue()).i32(r.partition()).string("id", r.id());
    } else if (request instanceof Request.PartitionStats r) {
      out.string("queue", r.queue()).i32(r.partition());
    } else if (request instanceof Request.CommitOffset r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group()).i64(r.offset()).bool(r.seek());
    } else if (request instanceof Request.StreamPosition r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group());
    } else if (request instanceof Request.OffsetForTime r) {
      out.string("queue", r.queue()).i32(r.partition()).i64(r.timeMs());
    } else if (request instanceof Request.ListParked r) {
      out.string("queue", r.queue()).i32(r.partition());
    } else if (request instanceof Request.ReleaseKey r) {
      out.string("queue", r.queue()).i32(r.partition()).string("group", r.group()).string("key", r.key())
          .bool(r.skip());
    } else if (request instanceof Request.RemoveMessages r) {
      out.string("queue", r.queue()).i32(r.partition()).list(r.offsets(), WireWriter::i64);
    } else if (request instanceof Request.GetPartitionStatus r) {
      out.string("queue", r.queue()).i32(r.partition());
    } else if (request instanceof Request.ChangeMembership r) {
      out.u8(r.action().ordinal()).string("node id", r.nodeId()).nullableString(r.raftAddress())
          .nullableString(r.clientAddress()).nullableString(r.zone()).bool(r.force());
    }
    // ListQueues, ClusterInfo and ClusterLayout have empty bodies.
    if (request instanceof Request.Identified r && r.operationId() != null) {
      int bytes = Utf8.length(r.operationId());
      if (bytes < 1 || bytes > Request.Identified.MAX_OPERATION_ID_BYTES) {
        throw new IllegalArgumentException("operation id: 1 to " + Request.Identified.MAX_OPERATION_ID_BYTES
            + " UTF-8 bytes");
      }
      out.string("operation id", r.operationId());
    }
  }

  /** Reads the operation id that ends the body of an {@code *_ONCE} opcode; null for the plain ones. */
  private static String operationId(WireReader in, int opcode, int plain) {
    if (opcode == plain) {
      return null;
    }
    String id = in.string("operation id");
    int bytes = Utf8.length(id);
    if (bytes < 1 || bytes > Request.Identified.MAX_OPERATION_ID_BYTES) {
      throw in.error("operation id: 1 to " + Request.Identified.MAX_OPERATION_ID_BYTES + " UTF-8 bytes, was "
          + bytes);
    }
    return id;
  }

  static Request read(WireReader in, int opcode) {
    switch (opcode) {
      case Opcodes.HELLO:
        return new Request.Hello(in.i32("protocolVersion"), in.nullableString("clientName"));
      case Opcodes.CREATE_QUEUE:
      case Opcodes.CREATE_QUEUE_ONCE:
        return new Request.CreateQueue(
            in.string("name"), in.i32("partitions"), in.i64("visibilityTimeoutMs"), in.i64("dedupWindowMs"),
            readSettings(in), operationId(in, opcode, Opcodes.CREATE_QUEUE));
      case Opcodes.ALTER_QUEUE:
      case Opcodes.ALTER_QUEUE_ONCE:
        return new Request.AlterQueue(in.string("name"), in.i64("expectedModifiedIndex"),
            in.i64("visibilityTimeoutMs"), in.i64("dedupWindowMs"), readSettings(in),
            operationId(in, opcode, Opcodes.ALTER_QUEUE));
      case Opcodes.DELETE_QUEUE:
      case Opcodes.DELETE_QUEUE_ONCE:
        return new Request.DeleteQueue(in.string("name"), operationId(in, opcode, Opcodes.DELETE_QUEUE));
      case Opcodes.LIST_QUEUES:
        return new Request.ListQueues();
      case Opcodes.DESCRIBE_QUEUE:
        return new Request.DescribeQueue(in.string("name"));
      case Opcodes.SEND:
        return new Request.Send(
            in.string("queue"), in.nonNegativeI32("partition"),
            in.list("messages", MIN_MESSAGE_BYTES, RequestBodies::readMessage));
      case Opcodes.SEND_DELAYED:
        return new Request.Send(
            in.string("queue"), in.nonNegativeI32("partition"),
            in.list("messages", MIN_MESSAGE_BYTES + 12, RequestBodies::readDelayedMessage));
      case Opcodes.RECEIVE:
        return new Request.Receive(
            in.string("queue"), in.nonNegativeI32("partition"), in.string("group"), in.i32("maxMessages"),
            in.i64("visibilityMs"), in.i64("waitMs"), in.bool("ackOnReceive"));
      case Opcodes.RECEIVE_BOUNDED: {
        Request.Receive r = new Request.Receive(
            in.string("queue"), in.nonNegativeI32("partition"), in.string("group"), in.i32("maxMessages"),
            in.i64("visibilityMs"), in.i64("waitMs"), in.bool("ackOnReceive"), in.i32("maxBytes"));
        if (r.maxBytes() < 1) { // 0 travels as a plain Receive: one layout per content
          throw in.error("maxBytes must be at least 1 in a bounded Receive, was " + r.maxBytes());
        }
        return r;
      }
      case Opcodes.ACK:
        return new Request.Ack(
            in.string("queue"), in.nonNegativeI32("partition"), in.string("group"), readReceipts(in),
            in.list("results", 1, r -> r.bool("result present") ? r.bytes("result") : null));
      case Opcodes.WAS_PROCESSED:
        return new Request.WasProcessed(
            in.string("queue"), in.nonNegativeI32("partition"), in.string("group"), in.string("id"));
      case Opcodes.NACK:
        return new Request.Nack(
            in.string("queue"), in.nonNegativeI32("partition"), in.string("group"), in.i64("delayMs"),
            readReceipts(in), in.nullableString("reason"));
      case Opcodes.CHANGE_VISIBILITY:
        return new Request.ChangeVisibility(
            in.string("queue"), in.nonNegativeI32("partition"), in.string("group"), in.i64("visibilityMs"),
            readReceipts(in));
      case Opcodes.CANCEL_WAIT:
        return new Request.CancelWait(in.i32("waitingRequestId"));
      case Opcodes.CLUSTER_INFO:
        return new Request.ClusterInfo();
      case Opcodes.CLUSTER_LAYOUT:
        return new Request.ClusterLayout();
      case Opcodes.CHANGE_MEMBERSHIP:
      case Opcodes.CHANGE_MEMBERSHIP_ONCE: {
        int action = in.u8("action");
        if (action >= Request.MembershipAction.values().length) {
          throw in.error("unknown membership action " + action);
        }
        return new Request.ChangeMembership(Request.MembershipAction.values()[action], in.string("node id"),
            in.nullableString("raft address"), in.nullableString("client address"), in.nullableString("zone"),
            in.bool("force"), operationId(in, opcode, Opcodes.CHANGE_MEMBERSHIP));
      }
      case Opcodes.PURGE_PARTITION:
      case Opcodes.PURGE_PARTITION_ONCE:
        return new Request.PurgePartition(in.string("queue"), in.nonNegativeI32("partition"),
            operationId(in, opcode, Opcodes.PURGE_PARTITION));
      case Opcodes.BROWSE:
        return new Request.Browse(
            in.string("queue"), in.nonNegativeI32("partition"), in.i64("fromOffset"), in.i32("max"));
      case Opcodes.MESSAGE_STATUS:
        return new Request.MessageStatus(in.string("queue"), in.nonNegativeI32("partition"), in.string("id"));
      case Opcodes.PARTITION_STATS:
        return new Request.PartitionStats(in.string("queue"), in.nonNegativeI32("partition"));
      case Opcodes.COMMIT_OFFSET:
        return new Request.CommitOffset(in.string("queue"), in.nonNegativeI32("partition"), in.string("group"),
            in.i64("offset"), in.bool("seek"));
      case Opcodes.STREAM_POSITION:
        return new Request.StreamPosition(in.string("queue"), in.nonNegativeI32("partition"), in.string("group"));
      case Opcodes.OFFSET_FOR_TIME:
        return new Request.OffsetForTime(in.string("queue"), in.nonNegativeI32("partition"), in.i64("timeMs"));
      case Opcodes.LIST_PARKED:
        return new Request.ListParked(in.string("queue"), in.nonNegativeI32("partition"));
      case Opcodes.RELEASE_KEY:
      case Opcodes.RELEASE_KEY_ONCE:
        return new Request.ReleaseKey(in.string("queue"), in.nonNegativeI32("partition"), in.string("group"),
            in.string("key"), in.bool("skip"), operationId(in, opcode, Opcodes.RELEASE_KEY));
      case Opcodes.REMOVE_MESSAGES:
        return new Request.RemoveMessages(
            in.string("queue"), in.nonNegativeI32("partition"), in.list("offsets", 8, r -> r.i64("offset")));
      case Opcodes.GET_PARTITION_STATUS:
        return new Request.GetPartitionStatus(in.string("queue"), in.nonNegativeI32("partition"));
      default:
        throw in.error("unknown request opcode 0x" + Integer.toHexString(opcode));
    }
  }

  private static void writeMessage(WireWriter out, OutgoingMessage m) {
    out.string("message id", m.id()).nullableString(m.key());
    out.list(m.headers(), RequestBodies::writeHeader).bytes(m.payload());
  }

  private static OutgoingMessage readMessage(WireReader in) {
    return new OutgoingMessage(
        in.string("message id"), in.nullableString("message key"), readHeaders(in), in.bytes("payload"));
  }

  private static void writeDelayedMessage(WireWriter out, OutgoingMessage m) {
    writeMessage(out, m);
    out.i64(m.delayMs()).nullableString(m.dedupId());
  }

  private static OutgoingMessage readDelayedMessage(WireReader in) {
    OutgoingMessage m = readMessage(in);
    long delayMs = in.i64("delayMs");
    if (delayMs < 0) {
      throw in.error("delayMs must not be negative: " + delayMs);
    }
    return new OutgoingMessage(m.id(), m.key(), m.headers(), m.payload(), delayMs, in.nullableString("dedup id"));
  }

  /**
   * Queue settings: {@code i64 defaultDelayMs | i32 maxReceives | string? deadLetterQueue | bool fifo
   * | i64 consumerDedupWindowMs | i64 backoffBaseMs | i64 backoffMaxMs | bool topic | i64 retentionMs
   * | i64 retentionBytes | attributes | i32 replicationFactor}.
   */
  static void writeSettings(WireWriter out, QueueSettings s) {
    out.i64(s.defaultDelayMs()).i32(s.maxReceives()).nullableString(s.deadLetterQueue()).bool(s.fifo());
    out.i64(s.consumerDedupWindowMs()).i64(s.backoffBaseMs()).i64(s.backoffMaxMs());
    out.bool(s.topic()).i64(s.retentionMs()).i64(s.retentionBytes());
    out.list(new java.util.ArrayList<>(s.attributes().entrySet()),
        (w, e) -> w.string("attribute name", e.getKey()).string("attribute value", e.getValue()));
    out.i32(s.replicationFactor());
  }

  static QueueSettings readSettings(WireReader in) {
    return new QueueSettings(in.i64("defaultDelayMs"), in.i32("maxReceives"), in.nullableString("deadLetterQueue"),
        in.bool("fifo"), in.i64("consumerDedupWindowMs"), in.i64("backoffBaseMs"), in.i64("backoffMaxMs"),
        in.bool("topic"), in.i64("retentionMs"), in.i64("retentionBytes"), readAttributes(in),
        in.i32("replicationFactor"));
  }

  private static java.util.SortedMap<String, String> readAttributes(WireReader in) {
    java.util.SortedMap<String, String> attributes = new java.util.TreeMap<>();
    for (String[] e : in.list("attributes", 8, r -> new String[] {r.string("attribute name"),
        r.string("attribute value")})) {
      if (attributes.put(e[0], e[1]) != null) {
        throw in.error("attribute '" + e[0] + "' given twice");
      }
    }
    return attributes;
  }

  static void writeHeader(WireWriter out, Header h) {
    out.string("header name", h.name()).string("header value", h.value());
  }

  static List<Header> readHeaders(WireReader in) {
    return in.list(
        "headers", MIN_HEADER_BYTES, r -> new Header(r.string("header name"), r.string("header value")));
  }

  static void writeReceipt(WireWriter out, Receipt r) {
    if (r == null) {
      throw new IllegalArgumentException("receipt must not be null");
    }
    out.i32(r.partition()).i64(r.offset()).i64(r.epoch());
  }

  static Receipt readReceipt(WireReader in) {
    int partition = in.i32("receipt partition");
    long offset = in.i64("receipt offset");
    long epoch = in.i64("receipt epoch");
    if (partition < 0 || offset < 0 || epoch < 0) {
      throw in.error("receipt fields must not be negative: " + partition + "-" + offset + "-" + epoch);
    }
    return new Receipt(partition, offset, epoch);
  }

  private static List<Receipt> readReceipts(WireReader in) {
    return in.list("receipts", MIN_RECEIPT_BYTES, RequestBodies::readReceipt);
  }
}
