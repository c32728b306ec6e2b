package io.raftq.server.sqs.action;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;

/**
 * How an SQS message maps onto a raftq message. Every SQS queue is read by one raftq consumer group, {@link
 * #GROUP}; MessageGroupId is the raftq key (so a FIFO queue keeps each group in order); the body is the payload;
 * message attributes are headers {@code sqs:NAME} ({@link MessageAttributes}); the sender, the FIFO dedup id and
 * system attributes are headers below. Pure logic.
 */
final class MessageMapping {
  /** The raftq consumer group SQS receives use. */
  static final String GROUP = "sqs";
  static final String SENDER_HEADER = "sqs-sender";
  static final String DEDUP_HEADER = "sqs-dedup-id";
  static final String SYSTEM_PREFIX = "sqs-system:";
  /** raftq dedup ids of FIFO sends start with this, apart from raftq's own (dead letters, redrive). */
  static final String FIFO_DEDUP_PREFIX = "sqs-fifo:";

  private MessageMapping() {}

  /** SQS's SequenceNumber: the offset in the partition, zero-padded, so it grows within a message group. */
  static String sequenceNumber(long offset) {
    return String.format("%020d", offset);
  }

  /** The value of the first header called {@code name}, else {@code otherwise}. */
  static String header(Delivery d, String name, String otherwise) {
    for (Header h : d.headers()) {
      if (h.name().equals(name)) {
        return h.value();
      }
    }
    return otherwise;
  }
}
