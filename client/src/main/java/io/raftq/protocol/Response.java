package io.raftq.protocol;

import java.util.List;

/** Every response a node can send; each answers the request with the same request id. */
public sealed interface Response {

  /** A failed request. {@code leaderAddress} is set for {@link ErrorCode#NOT_LEADER} when the leader is known. */
  record Error(ErrorCode code, String message, String leaderAddress) implements Response {
    public Error(ErrorCode code, String message) {
      this(code, message, null);
    }
  }

  record HelloOk(int protocolVersion, String nodeId) implements Response {}

  /** Success without data (create queue, delete queue, cancel wait). */
  record Ok() implements Response {}

  record QueueList(List<QueueInfo> queues) implements Response {
    public QueueList {
      queues = List.copyOf(queues);
    }
  }

  record Described(QueueDescription description) implements Response {}

  /** One outcome per message of the {@link Request.Send}, in order. */
  record Sent(List<SendOutcome> outcomes) implements Response {
    public Sent {
      outcomes = List.copyOf(outcomes);
    }
  }

  record Received(List<Delivery> deliveries) implements Response {
    public Received {
      deliveries = List.copyOf(deliveries);
    }
  }

  /** One outcome per receipt of the ack / nack / change-visibility request, in order. */
  record ReceiptResults(List<ReceiptOutcome> outcomes) implements Response {
    public ReceiptResults {
      outcomes = List.copyOf(outcomes);
    }
  }

  record Cluster(List<NodeInfo> nodes) implements Response {
    public Cluster {
      nodes = List.copyOf(nodes);
    }
  }

  /** Answers {@link Request.ClusterLayout}. */
  record Layout(LayoutInfo layout) implements Response {}

  record Status(PartitionStatus status) implements Response {}

  /** {@code found}: the group acked the id within the window, at {@code ackedAtMs}, with {@code result}. */
  record Processed(boolean found, long ackedAtMs, byte[] result) implements Response {}

  record MessageCopies(List<MessageCopy> copies) implements Response {
    public MessageCopies {
      copies = List.copyOf(copies);
    }
  }

  record PartitionStatsAnswer(PartitionStatsInfo stats) implements Response {}

  /** An offset: a commit's result, or the answer to an offset-for-time lookup. */
  record Offset(long offset) implements Response {}

  /**
   * A stream group's position: {@code committed} (-1: never committed), the oldest stored offset and the next
   * offset to be written; the lag is {@code next - max(committed, first)}.
   */
  record Position(long committed, long first, long next) implements Response {}

  record ParkedKeys(List<ParkedKeyInfo> keys) implements Response {
    public ParkedKeys {
      keys = List.copyOf(keys);
    }
  }

  /** A purge, a removal or a key release: how many messages it took out or released. */
  record Purged(long removed) implements Response {}

  /**
   * A page of a {@link Request.Browse}: messages with receipts of epoch 0 (they settle nothing) and 0 deliveries,
   * and the offset to browse on from.
   */
  record Browsed(List<Delivery> messages, long nextOffset) implements Response {
    public Browsed {
      messages = List.copyOf(messages);
    }
  }
}
