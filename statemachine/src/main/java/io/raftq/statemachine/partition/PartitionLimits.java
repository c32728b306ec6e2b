package io.raftq.statemachine.partition;

/** Bounds on the work of one command and one log entry, shared by the codec and the logic. */
public final class PartitionLimits {
  private PartitionLimits() {}

  /** Commands (and results) per log entry; the body's count is a u16. */
  public static final int MAX_COMMANDS_PER_ENTRY = 0xFFFF;

  /** Messages per {@link Enqueue}. */
  public static final int MAX_ENQUEUE_MESSAGES = 100_000;

  /** Receipts per {@link Ack}, {@link Nack} or {@link ChangeVisibility}. */
  public static final int MAX_RECEIPTS = 100_000;

  /** Messages one {@link Receive} delivers; larger requests are capped, not rejected. */
  public static final int MAX_RECEIVE_MESSAGES = 10_000;

  /** Headers per message; the count is a u16 on the wire. */
  public static final int MAX_HEADERS = 1_024;

  /** UTF-8 bytes of a consumer group name (it is part of store keys). */
  public static final int MAX_GROUP_BYTES = 1_024;

  /** UTF-8 bytes of a message id (it is part of dedup keys). */
  public static final int MAX_ID_BYTES = 1_024;

  /** Bytes of a result stored with an acked id. */
  public static final int MAX_RESULT_BYTES = 1_024;

  /** Messages one {@link ApplyRetention} deletes. */
  public static final int MAX_RETENTION_DELETES = 10_000;

  /** UTF-8 bytes of a nack reason. */
  public static final int MAX_REASON_BYTES = 1_024;

  /** Dead-letter outbox entries one read returns. */
  public static final int MAX_DEAD_LETTER_READ = 1_000;

  /** Expired leases one {@link Receive} examines, so a huge backlog of expired leases cannot stall an apply. */
  public static final int MAX_VISIBLE_SCAN = 100_000;
}
