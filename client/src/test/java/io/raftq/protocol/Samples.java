package io.raftq.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One or more instances of every request and response record, with non-trivial field values. */
public final class Samples {
  private Samples() {}

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static List<Request> requests() {
    List<Receipt> receipts = List.of(new Receipt(0, 1, 2), new Receipt(0, 70_000_000_000L, Long.MAX_VALUE));
    return List.of(
        new Request.Hello(ProtocolCodec.PROTOCOL_VERSION, "test-client"),
        new Request.Hello(7, null),
        new Request.CreateQueue("orders", 3, 30_000, 300_000),
        new Request.CreateQueue("jobs", 2, 60_000, 0, new QueueSettings(5_000, 4, "jobs-dlq")),
        new Request.CreateQueue("pay", 2, 60_000, 0, new QueueSettings(0, 0, null, true)),
        new Request.CreateQueue("tagged", 1, 60_000, 0,
            QueueSettings.NONE.withAttributes(java.util.Map.of("sqs.tag.team", "payments", "a", ""))),
        new Request.AlterQueue("jobs", 42, 90_000, 300_000,
            new QueueSettings(0, 5, "jobs-dlq").withAttributes(java.util.Map.of("sqs.DelaySeconds", "0"))),
        new Request.DeleteQueue("orders"),
        new Request.ListQueues(),
        new Request.DescribeQueue("ördérs-ü"),
        new Request.Send("orders", 2, List.of(
            new OutgoingMessage("id-1", "k", List.of(new Header("h", "v"), new Header("h", "w")), utf8("hello")),
            new OutgoingMessage("id-2", null, List.of(), new byte[0]))),
        new Request.Send("orders", 0, List.of()),
        new Request.Send("orders", 1, List.of(
            new OutgoingMessage("id-3", null, List.of(), utf8("later"), 86_400_000),
            new OutgoingMessage("id-4", "k", List.of(), utf8("now"), 0),
            new OutgoingMessage("id-5", null, List.of(), utf8("moved"), 0, "dead-letter/orders/7/1/3"))),
        new Request.Receive("orders", 1, "g", 10, -1, 5_000),
        new Request.Ack("orders", 0, "g", receipts),
        new Request.Ack("orders", 0, "g", receipts, java.util.Arrays.asList(utf8("done"), null)),
        new Request.Receive("orders", 0, "g", 5, 1_000, 0, true),
        new Request.Receive("orders", 0, "g", 1_000, -1, 0, false, 65_536),
        new Request.WasProcessed("orders", 1, "g", "order-17"),
        new Request.Nack("orders", 0, "g", 250, receipts),
        new Request.Nack("orders", 0, "g", 0, receipts, "downstream 503"),
        new Request.PurgePartition("orders", 1),
        new Request.ListParked("payments", 3),
        new Request.CommitOffset("events", 1, "analytics", 1_234, false),
        new Request.StreamPosition("events", 1, "analytics"),
        new Request.OffsetForTime("events", 1, 1_700_000_000_000L),
        new Request.MessageStatus("orders", 2, "order-17"),
        new Request.PartitionStats("orders", 2),
        new Request.ReleaseKey("payments", 3, "billing", "customer-42", true),
        new Request.Browse("orders-dlq", 0, 17, 100),
        new Request.RemoveMessages("orders-dlq", 0, List.of(3L, 4L, 90_000_000_000L)),
        new Request.ChangeVisibility("orders", 0, "g", 60_000, List.of()),
        new Request.CancelWait(42),
        new Request.ClusterInfo(),
        new Request.ChangeMembership(Request.MembershipAction.JOIN, "n4", "10.0.0.4:9191", "10.0.0.4:9091", "az-b",
            false),
        new Request.ChangeMembership(Request.MembershipAction.REMOVE, "n2", null, null, null, true),
        new Request.ClusterLayout(),
        new Request.GetPartitionStatus("orders", 2),
        new Request.CreateQueue("orders", 3, 30_000, 300_000, new QueueSettings(5_000, 4, "jobs-dlq"), "op-1"),
        new Request.DeleteQueue("orders", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
        new Request.AlterQueue("jobs", -1, 90_000, 300_000, null, "op-2"),
        new Request.ChangeMembership(Request.MembershipAction.DRAIN, "n2", null, null, null, false, "op-3"),
        new Request.PurgePartition("orders", 1, "op-4"),
        new Request.ReleaseKey("payments", 3, "billing", "customer-42", false, "op-5"));
  }

  /** Responses with the request each answers (for the opcode). */
  public static List<ResponseFrame> responses() {
    QueueInfo q = new QueueInfo("orders", 3, 30_000, 300_000, 1_700_000_000_000L);
    QueueInfo withSettings = new QueueInfo("jobs", 1, 30_000, 0, 1_700_000_000_000L,
        new QueueSettings(1_000, 3, "jobs-dlq").withAttributes(java.util.Map.of("k", "v")), 17, 1_700_000_000_999L);
    Delivery d = new Delivery("id-1", 1, 5, "k", List.of(new Header("a", "b")), utf8("x"), new Receipt(1, 5, 9),
        2, 1_700_000_000_123L);
    Delivery bare = new Delivery("id-2", 1, 6, null, null, new byte[0], new Receipt(1, 6, 10), 1, 0);
    return List.of(
        ResponseFrame.answering(1, new Request.Hello(1, "c"), new Response.HelloOk(1, "n1")),
        ResponseFrame.answering(2, new Request.CreateQueue("q", 1, 1, 1), new Response.Ok()),
        ResponseFrame.answering(3, new Request.DeleteQueue("q"), new Response.Ok()),
        ResponseFrame.answering(3, new Request.AlterQueue("q", -1, 1, 1, null), new Response.Ok()),
        ResponseFrame.answering(4, new Request.CancelWait(9), new Response.Ok()),
        ResponseFrame.answering(4, new Request.CreateQueue("q", 1, 1, 1, null, "op"), new Response.Ok()),
        ResponseFrame.answering(4, new Request.DeleteQueue("q", "op"), new Response.Ok()),
        ResponseFrame.answering(4, new Request.PurgePartition("q", 0, "op"), new Response.Purged(3)),
        ResponseFrame.answering(4, new Request.ReleaseKey("q", 0, "g", "k", true, "op"), new Response.Purged(2)),
        ResponseFrame.answering(4, new Request.AlterQueue("q", -1, 1, 1, null, "op"), new Response.Ok()),
        ResponseFrame.answering(4, new Request.ChangeMembership(Request.MembershipAction.REMOVE, "n2", null, null,
            null, true, "op"), new Response.Ok()),
        ResponseFrame.answering(5, new Request.ListQueues(), new Response.QueueList(List.of(q, withSettings))),
        ResponseFrame.answering(6, new Request.DescribeQueue("orders"), new Response.Described(
            new QueueDescription(q, List.of(
                new PartitionInfo(0, "n1", "127.0.0.1:9091", List.of("n1", "n2", "n3"), 10, 2, 12, 99),
                new PartitionInfo(1, null, null, List.of(), 0, 0, 0, 0),
                new PartitionInfo(2, "n2", "127.0.0.1:9092", List.of("n2"), 5, 1, 9, 40, 2, 1, 7))))),
        ResponseFrame.answering(15, new Request.PurgePartition("q", 0), new Response.Purged(12)),
        ResponseFrame.answering(20, new Request.WasProcessed("q", 0, "g", "i"),
            new Response.Processed(true, 1_700_000_000_000L, utf8("ok"))),
        ResponseFrame.answering(21, new Request.WasProcessed("q", 0, "g", "j"), new Response.Processed(false, 0, null)),
        ResponseFrame.answering(22, new Request.MessageStatus("q", 0, "i"), new Response.MessageCopies(List.of(
            new MessageCopy(0, 5, 1_000, List.of(new MessageCopy.GroupState("g", "IN_FLIGHT", 31_000, 2, "busy", 1_000,
                    List.of(new MessageCopy.Attempt(1, 500, 900, true, "busy"))),
                new MessageCopy.GroupState("h", "READY", 1_000, 0, null))),
            new MessageCopy(0, 9, 2_000, List.of())))),
        ResponseFrame.answering(23, new Request.PartitionStats("q", 0), new Response.PartitionStatsAnswer(
            new PartitionStatsInfo(0, 10, 1, 0, 3, 1_000, List.of(
                new PartitionStatsInfo.GroupStatsInfo("g", 5, 2, 1, 0, 0)), 3, 13,
                List.of(new PartitionStatsInfo.StreamGroupInfo("s", 7))))),
        ResponseFrame.answering(24, new Request.CommitOffset("q", 0, "g", 5, true), new Response.Offset(5)),
        ResponseFrame.answering(25, new Request.StreamPosition("q", 0, "g"), new Response.Position(-1, 3, 10)),
        ResponseFrame.answering(26, new Request.OffsetForTime("q", 0, 7), new Response.Offset(0)),
        ResponseFrame.answering(18, new Request.ListParked("q", 0), new Response.ParkedKeys(List.of(
            new ParkedKeyInfo(0, "g", "k1", 3), new ParkedKeyInfo(0, "g", "k2", 0)))),
        ResponseFrame.answering(19, new Request.ReleaseKey("q", 0, "g", "k", false), new Response.Purged(1)),
        ResponseFrame.answering(16, new Request.Browse("q", 0, 0, 10), new Response.Browsed(List.of(d, bare), 7)),
        ResponseFrame.answering(17, new Request.RemoveMessages("q", 0, List.of(1L)), new Response.Purged(1)),
        ResponseFrame.answering(7, new Request.Send("q", 0, List.of()), new Response.Sent(List.of(
            new SendOutcome("id-1", 0, false), new SendOutcome("id-2", 1, true)))),
        ResponseFrame.answering(8, new Request.Receive("q", 0, "g", 1, -1, 0), new Response.Received(List.of(d, bare))),
        ResponseFrame.answering(8, new Request.Receive("q", 0, "g", 1, -1, 0, false, 1),
            new Response.Received(List.of(d))),
        ResponseFrame.answering(9, new Request.Ack("q", 0, "g", List.of()), new Response.ReceiptResults(List.of(
            ReceiptOutcome.OK, ReceiptOutcome.ALREADY_ACKED, ReceiptOutcome.INVALID))),
        ResponseFrame.answering(10, new Request.Nack("q", 0, "g", 0, List.of()),
            new Response.ReceiptResults(List.of(ReceiptOutcome.OK))),
        ResponseFrame.answering(11, new Request.ChangeVisibility("q", 0, "g", 0, List.of()),
            new Response.ReceiptResults(List.of())),
        ResponseFrame.answering(12, new Request.ClusterInfo(), new Response.Cluster(List.of(
            new NodeInfo("n1", "127.0.0.1:9091"), new NodeInfo("n2", null)))),
        ResponseFrame.answering(13, new Request.GetPartitionStatus("q", 0),
            new Response.Status(new PartitionStatus("n1", 77, "abcdef", 1_700_000_000_000L, "n2"))),
        ResponseFrame.answering(15, new Request.ChangeMembership(Request.MembershipAction.DRAIN, "n2", null, null,
            null, false), new Response.Ok()),
        ResponseFrame.answering(16, new Request.ClusterLayout(), new Response.Layout(new LayoutInfo(
            List.of(new LayoutInfo.Node("n1", "h:1", "h:2", "", "ACTIVE"), new LayoutInfo.Node("n4", "h:3", "h:4",
                "az-b", "DRAINING")),
            List.of(new LayoutInfo.Replicas("orders", 3, List.of("n1", "n2", "n3"), "n4"),
                new LayoutInfo.Replicas("orders", 4, List.of("n1"), null))))),
        ResponseFrame.error(14, new Response.Error(ErrorCode.NOT_LEADER, "not leader", "10.0.0.2:9092")),
        ResponseFrame.error(0, new Response.Error(ErrorCode.FRAME_TOO_LARGE, null)));
  }
}
