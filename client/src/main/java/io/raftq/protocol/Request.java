package io.raftq.protocol;

import java.util.List;

/**
 * Every request a client can send. Each record's opcode (its first byte on the wire) is frozen; see
 * docs/PROTOCOL.md for byte layouts. Durations are milliseconds; {@code -1} means "the queue's default".
 */
public sealed interface Request {

  /** First frame on every connection. */
  record Hello(int protocolVersion, String clientName) implements Request {}

  /**
   * An administrative write that the node answers once per {@link #operationId}: a retry of the same call (same
   * id) gets the first attempt's answer instead of being applied again. The client library gives every logical
   * call a fresh id (a random UUID) and keeps it across retries; null sends the request without one (under its
   * plain opcode, applied as often as it arrives).
   */
  sealed interface Identified extends Request {
    int MAX_OPERATION_ID_BYTES = 64;

    String operationId();

    Identified withOperationId(String operationId);
  }

  record CreateQueue(
      String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, QueueSettings settings,
      String operationId) implements Identified {
    public CreateQueue {
      settings = settings == null ? QueueSettings.NONE : settings;
    }

    public CreateQueue(
        String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, QueueSettings settings) {
      this(name, partitions, visibilityTimeoutMs, dedupWindowMs, settings, null);
    }

    public CreateQueue(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs) {
      this(name, partitions, visibilityTimeoutMs, dedupWindowMs, QueueSettings.NONE);
    }

    @Override
    public CreateQueue withOperationId(String id) {
      return new CreateQueue(name, partitions, visibilityTimeoutMs, dedupWindowMs, settings, id);
    }
  }

  /**
   * Replaces a queue's settings and default visibility timeout, refused (CONFLICT) when the queue was created or
   * altered since {@code expectedModifiedIndex} (-1: whatever it is now). Partitions, FIFO order, topic-ness and
   * the consumer dedup window cannot change.
   */
  record AlterQueue(String name, long expectedModifiedIndex, long visibilityTimeoutMs, long dedupWindowMs,
      QueueSettings settings, String operationId) implements Identified {
    public AlterQueue {
      settings = settings == null ? QueueSettings.NONE : settings;
    }

    public AlterQueue(String name, long expectedModifiedIndex, long visibilityTimeoutMs, long dedupWindowMs,
        QueueSettings settings) {
      this(name, expectedModifiedIndex, visibilityTimeoutMs, dedupWindowMs, settings, null);
    }

    @Override
    public AlterQueue withOperationId(String id) {
      return new AlterQueue(name, expectedModifiedIndex, visibilityTimeoutMs, dedupWindowMs, settings, id);
    }
  }

  record DeleteQueue(String name, String operationId) implements Identified {
    public DeleteQueue(String name) {
      this(name, null);
    }

    @Override
    public DeleteQueue withOperationId(String id) {
      return new DeleteQueue(name, id);
    }
  }

  record ListQueues() implements Request {}

  record DescribeQueue(String name) implements Request {}

  /**
   * Messages for one partition; stored in order, atomically as one batch. Travels as {@code SEND_DELAYED} when
   * some message has a delay or a dedup id, else as {@code SEND}.
   */
  record Send(String queue, int partition, List<OutgoingMessage> messages) implements Request {
    public Send {
      messages = List.copyOf(messages);
    }

    public boolean hasDelays() {
      return messages.stream().anyMatch(m -> m.delayMs() != 0 || m.dedupId() != null);
    }
  }

  /**
   * Lease up to {@code maxMessages} visible messages of one partition to {@code group}. With {@code waitMs > 0}
   * the node holds the request until a message is visible or the wait ends (then answers with no messages).
   * With {@code ackOnReceive} (at-most-once) the messages are done for the group in the entry that delivers them.
   * The answer holds at most {@code maxBytes} of deliveries as encoded (at least one message, whatever its size);
   * 0 means the node's own bound, which also caps a larger value. Travels as {@code RECEIVE_BOUNDED} when
   * {@code maxBytes > 0}.
   */
  record Receive(
      String queue, int partition, String group, int maxMessages, long visibilityMs, long waitMs,
      boolean ackOnReceive, int maxBytes) implements Request {
    public Receive(String queue, int partition, String group, int maxMessages, long visibilityMs, long waitMs) {
      this(queue, partition, group, maxMessages, visibilityMs, waitMs, false);
    }

    public Receive(String queue, int partition, String group, int maxMessages, long visibilityMs, long waitMs,
        boolean ackOnReceive) {
      this(queue, partition, group, maxMessages, visibilityMs, waitMs, ackOnReceive, 0);
    }
  }

  /**
   * {@code results}: none, or one per receipt (each null or at most 1 KiB), stored with the acked id in the
   * group's consumer dedup table.
   */
  record Ack(String queue, int partition, String group, List<Receipt> receipts, List<byte[]> results)
      implements Request {
    public Ack {
      receipts = List.copyOf(receipts);
      results = results == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(results));
    }

    public Ack(String queue, int partition, String group, List<Receipt> receipts) {
      this(queue, partition, group, receipts, List.of());
    }
  }

  /** Whether {@code group} acked a message with {@code id} within the queue's consumer dedup window. */
  record WasProcessed(String queue, int partition, String group, String id) implements Request {}

  /**
   * Makes the messages visible again after {@code delayMs} (0 = now). {@code reason} (may be null) is kept with
   * each message and shown in its dead-letter history.
   */
  record Nack(String queue, int partition, String group, long delayMs, List<Receipt> receipts, String reason)
      implements Request {
    public Nack {
      receipts = List.copyOf(receipts);
    }

    public Nack(String queue, int partition, String group, long delayMs, List<Receipt> receipts) {
      this(queue, partition, group, delayMs, receipts, null);
    }
  }

  /** Sets each lease to end {@code visibilityMs} from now (0 = visible now). */
  record ChangeVisibility(
      String queue, int partition, String group, long visibilityMs, List<Receipt> receipts)
      implements Request {
    public ChangeVisibility {
      receipts = List.copyOf(receipts);
    }
  }

  /** Ends a waiting {@link Receive} on this connection early (it answers with no messages). */
  record CancelWait(int waitingRequestId) implements Request {}

  record ClusterInfo() implements Request {}

  /** What a membership change does to a node. */
  enum MembershipAction {
    /** Registers a node (or updates its addresses and zone); it then takes its share of replicas. */
    JOIN,
    /** Moves the node's replicas to other nodes, one group at a time. */
    DRAIN,
    /** Makes a draining node take replicas again. */
    ACTIVATE,
    /** Forgets a node; refused while it holds replicas unless {@code force}. */
    REMOVE
  }

  /** A membership change; addresses and zone matter only for JOIN. */
  record ChangeMembership(MembershipAction action, String nodeId, String raftAddress, String clientAddress,
      String zone, boolean force, String operationId) implements Identified {
    public ChangeMembership(MembershipAction action, String nodeId, String raftAddress, String clientAddress,
        String zone, boolean force) {
      this(action, nodeId, raftAddress, clientAddress, zone, force, null);
    }

    @Override
    public ChangeMembership withOperationId(String id) {
      return new ChangeMembership(action, nodeId, raftAddress, clientAddress, zone, force, id);
    }
  }

  /** The metadata group's nodes and replica sets. */
  record ClusterLayout() implements Request {}

  /**
   * Up to {@code max} (1..1000) stored messages of one partition from {@code fromOffset} on, leasing nothing:
   * what a redrive or an operator looks through.
   */
  record Browse(String queue, int partition, long fromOffset, int max) implements Request {}

  /** Takes the messages at {@code offsets} out of the partition for every group (a redrive moved them). */
  record RemoveMessages(String queue, int partition, List<Long> offsets) implements Request {
    public RemoveMessages {
      offsets = List.copyOf(offsets);
    }
  }

  /** Where the stored copies of message {@code id} are in one partition, per consumer group. */
  record MessageStatus(String queue, int partition, String id) implements Request {}

  /** One partition's figures, per consumer group. */
  record PartitionStats(String queue, int partition) implements Request {}

  /**
   * Commits stream group {@code group}'s offset (the next offset it will read) in one partition; never moves it
   * back unless {@code seek}.
   */
  record CommitOffset(String queue, int partition, String group, long offset, boolean seek) implements Request {}

  /** A stream group's committed offset in one partition, with the partition's stored range. */
  record StreamPosition(String queue, int partition, String group) implements Request {}

  /** The first offset of one partition enqueued at or after {@code timeMs}. */
  record OffsetForTime(String queue, int partition, long timeMs) implements Request {}

  /** The parked keys of one partition of a FIFO queue. */
  record ListParked(String queue, int partition) implements Request {}

  /**
   * Unparks {@code key} of FIFO group {@code group}: its next message becomes deliverable, or with {@code skip}
   * every message it holds back goes to the dead-letter queue.
   */
  record ReleaseKey(String queue, int partition, String group, String key, boolean skip, String operationId)
      implements Identified {
    public ReleaseKey(String queue, int partition, String group, String key, boolean skip) {
      this(queue, partition, group, key, skip, null);
    }

    @Override
    public ReleaseKey withOperationId(String id) {
      return new ReleaseKey(queue, partition, group, key, skip, id);
    }
  }

  /** Deletes every message the partition holds for its groups (ready, delayed and in flight). */
  record PurgePartition(String queue, int partition, String operationId) implements Identified {
    public PurgePartition(String queue, int partition) {
      this(queue, partition, null);
    }

    @Override
    public PurgePartition withOperationId(String id) {
      return new PurgePartition(queue, partition, id);
    }
  }

  /** This node's replica of one partition (applied index, digest), for convergence checks. */
  record GetPartitionStatus(String queue, int partition) implements Request {}
}
