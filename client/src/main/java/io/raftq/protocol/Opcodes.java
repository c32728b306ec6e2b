package io.raftq.protocol;

/**
 * The frozen opcode of every frame. A response carries its request's opcode with the high bit set
 * ({@code request | 0x80}); every error carries {@link #ERROR}. Numbers never change; new opcodes are added at the
 * end.
 */
public final class Opcodes {
  public static final int HELLO = 1;
  public static final int CREATE_QUEUE = 2;
  public static final int DELETE_QUEUE = 3;
  public static final int LIST_QUEUES = 4;
  public static final int DESCRIBE_QUEUE = 5;
  public static final int SEND = 6;
  public static final int RECEIVE = 7;
  public static final int ACK = 8;
  public static final int NACK = 9;
  public static final int CHANGE_VISIBILITY = 10;
  public static final int CANCEL_WAIT = 11;
  public static final int CLUSTER_INFO = 12;
  public static final int GET_PARTITION_STATUS = 13;
  /** A {@link Request.Send} in which some message has a delay: each message carries an {@code i64 delayMs}. */
  public static final int SEND_DELAYED = 14;
  public static final int PURGE_PARTITION = 15;
  public static final int BROWSE = 16;
  public static final int REMOVE_MESSAGES = 17;
  public static final int LIST_PARKED = 18;
  public static final int RELEASE_KEY = 19;
  public static final int WAS_PROCESSED = 20;
  public static final int MESSAGE_STATUS = 21;
  public static final int PARTITION_STATS = 22;
  public static final int COMMIT_OFFSET = 23;
  public static final int STREAM_POSITION = 24;
  public static final int OFFSET_FOR_TIME = 25;
  public static final int ALTER_QUEUE = 26;
  public static final int CHANGE_MEMBERSHIP = 27;
  public static final int CLUSTER_LAYOUT = 28;
  /** A {@link Request.CreateQueue} with an operation id: its body, then {@code string operationId}. */
  public static final int CREATE_QUEUE_ONCE = 29;
  /** A {@link Request.DeleteQueue} with an operation id: its body, then {@code string operationId}. */
  public static final int DELETE_QUEUE_ONCE = 30;
  /** A {@link Request.AlterQueue} with an operation id: its body, then {@code string operationId}. */
  public static final int ALTER_QUEUE_ONCE = 31;
  /** A {@link Request.ChangeMembership} with an operation id: its body, then {@code string operationId}. */
  public static final int CHANGE_MEMBERSHIP_ONCE = 32;
  /** A {@link Request.PurgePartition} with an operation id: its body, then {@code string operationId}. */
  public static final int PURGE_PARTITION_ONCE = 33;
  /** A {@link Request.ReleaseKey} with an operation id: its body, then {@code string operationId}. */
  public static final int RELEASE_KEY_ONCE = 34;
  /** A {@link Request.Receive} with a byte bound: the Receive body followed by {@code i32 maxBytes}. */
  public static final int RECEIVE_BOUNDED = 35;

  /** Highest request opcode this version knows. */
  public static final int MAX_REQUEST = RECEIVE_BOUNDED;

  public static final int RESPONSE_BIT = 0x80;
  public static final int ERROR = 0xFF;

  private Opcodes() {}

  /** The opcode a request travels under. */
  public static int of(Request request) {
    if (request instanceof Request.Hello) {
      return HELLO;
    } else if (request instanceof Request.CreateQueue r) {
      return r.operationId() == null ? CREATE_QUEUE : CREATE_QUEUE_ONCE;
    } else if (request instanceof Request.AlterQueue r) {
      return r.operationId() == null ? ALTER_QUEUE : ALTER_QUEUE_ONCE;
    } else if (request instanceof Request.DeleteQueue r) {
      return r.operationId() == null ? DELETE_QUEUE : DELETE_QUEUE_ONCE;
    } else if (request instanceof Request.ListQueues) {
      return LIST_QUEUES;
    } else if (request instanceof Request.DescribeQueue) {
      return DESCRIBE_QUEUE;
    } else if (request instanceof Request.Send s) {
      return s.hasDelays() ? SEND_DELAYED : SEND;
    } else if (request instanceof Request.Receive r) {
      return r.maxBytes() > 0 ? RECEIVE_BOUNDED : RECEIVE;
    } else if (request instanceof Request.Ack) {
      return ACK;
    } else if (request instanceof Request.Nack) {
      return NACK;
    } else if (request instanceof Request.ChangeVisibility) {
      return CHANGE_VISIBILITY;
    } else if (request instanceof Request.CancelWait) {
      return CANCEL_WAIT;
    } else if (request instanceof Request.ClusterInfo) {
      return CLUSTER_INFO;
    } else if (request instanceof Request.ChangeMembership r) {
      return r.operationId() == null ? CHANGE_MEMBERSHIP : CHANGE_MEMBERSHIP_ONCE;
    } else if (request instanceof Request.ClusterLayout) {
      return CLUSTER_LAYOUT;
    } else if (request instanceof Request.GetPartitionStatus) {
      return GET_PARTITION_STATUS;
    } else if (request instanceof Request.PurgePartition r) {
      return r.operationId() == null ? PURGE_PARTITION : PURGE_PARTITION_ONCE;
    } else if (request instanceof Request.Browse) {
      return BROWSE;
    } else if (request instanceof Request.RemoveMessages) {
      return REMOVE_MESSAGES;
    } else if (request instanceof Request.ListParked) {
      return LIST_PARKED;
    } else if (request instanceof Request.ReleaseKey r) {
      return r.operationId() == null ? RELEASE_KEY : RELEASE_KEY_ONCE;
    } else if (request instanceof Request.WasProcessed) {
      return WAS_PROCESSED;
    } else if (request instanceof Request.MessageStatus) {
      return MESSAGE_STATUS;
    } else if (request instanceof Request.PartitionStats) {
      return PARTITION_STATS;
    } else if (request instanceof Request.CommitOffset) {
      return COMMIT_OFFSET;
    } else if (request instanceof Request.StreamPosition) {
      return STREAM_POSITION;
    } else if (request instanceof Request.OffsetForTime) {
      return OFFSET_FOR_TIME;
    }
    throw new IllegalArgumentException("no opcode for " + request);
  }

  /** The opcode of a successful answer to {@code request}. */
  public static int responseTo(Request request) {
    return of(request) | RESPONSE_BIT;
  }

  /** True if {@code opcode} is a request opcode this version knows. */
  public static boolean isRequest(int opcode) {
    return opcode >= HELLO && opcode <= MAX_REQUEST;
  }

  /** True if {@code opcode} is {@link #ERROR} or the response opcode of a known request. */
  public static boolean isResponse(int opcode) {
    return opcode == ERROR || ((opcode & RESPONSE_BIT) != 0 && isRequest(opcode & ~RESPONSE_BIT));
  }

  /**
   * True if {@code response} may travel under {@code opcode}: errors only under {@link #ERROR}, every other
   * record only under the response opcode of the request it answers.
   */
  public static boolean fits(int opcode, Response response) {
    if (response instanceof Response.Error) {
      return opcode == ERROR;
    }
    int request = opcode & ~RESPONSE_BIT;
    if (opcode == ERROR || (opcode & RESPONSE_BIT) == 0) {
      return false;
    }
    if (response instanceof Response.Ok) {
      return request == CREATE_QUEUE || request == DELETE_QUEUE || request == CANCEL_WAIT || request == ALTER_QUEUE
          || request == CHANGE_MEMBERSHIP || request == CREATE_QUEUE_ONCE || request == DELETE_QUEUE_ONCE
          || request == ALTER_QUEUE_ONCE || request == CHANGE_MEMBERSHIP_ONCE;
    } else if (response instanceof Response.ReceiptResults) {
      return request == ACK || request == NACK || request == CHANGE_VISIBILITY;
    } else if (response instanceof Response.Offset) {
      return request == COMMIT_OFFSET || request == OFFSET_FOR_TIME;
    } else if (response instanceof Response.Purged) {
      return request == PURGE_PARTITION || request == REMOVE_MESSAGES || request == RELEASE_KEY
          || request == PURGE_PARTITION_ONCE || request == RELEASE_KEY_ONCE;
    }
    return request == singleRequestOf(response) || (request == SEND_DELAYED && response instanceof Response.Sent)
        || (request == RECEIVE_BOUNDED && response instanceof Response.Received);
  }

  private static int singleRequestOf(Response response) {
    if (response instanceof Response.HelloOk) {
      return HELLO;
    } else if (response instanceof Response.QueueList) {
      return LIST_QUEUES;
    } else if (response instanceof Response.Described) {
      return DESCRIBE_QUEUE;
    } else if (response instanceof Response.Sent) {
      return SEND;
    } else if (response instanceof Response.Received) {
      return RECEIVE;
    } else if (response instanceof Response.Cluster) {
      return CLUSTER_INFO;
    } else if (response instanceof Response.Layout) {
      return CLUSTER_LAYOUT;
    } else if (response instanceof Response.Status) {
      return GET_PARTITION_STATUS;
    } else if (response instanceof Response.Browsed) {
      return BROWSE;
    } else if (response instanceof Response.ParkedKeys) {
      return LIST_PARKED;
    } else if (response instanceof Response.Processed) {
      return WAS_PROCESSED;
    } else if (response instanceof Response.MessageCopies) {
      return MESSAGE_STATUS;
    } else if (response instanceof Response.PartitionStatsAnswer) {
      return PARTITION_STATS;
    } else if (response instanceof Response.Position) {
      return STREAM_POSITION;
    }
    return -1;
  }
}
