package io.raftq.protocol;

/**
 * The headers that carry a dead letter's history in its dead-letter queue. They count against the reserved
 * header limits ({@link Limits#RESERVED_HEADER_PREFIX}), not the user's; a redrive drops them.
 */
public final class DeadLetterHeaders {
  public static final String PREFIX = "raftq-dead-letter-";
  /** The queue the message was dead-lettered from. */
  public static final String SOURCE = PREFIX + "source";
  public static final String PARTITION = PREFIX + "partition";
  public static final String OFFSET = PREFIX + "offset";
  /** The consumer group that received it too often. */
  public static final String GROUP = PREFIX + "group";
  /** How often that group received it. */
  public static final String DELIVERIES = PREFIX + "deliveries";
  /** The reason of its last nack, when one was given. */
  public static final String REASON = PREFIX + "reason";
  /** When it was dead-lettered (ms since the epoch, the source partition's log time). */
  public static final String AT = PREFIX + "at";
  /** When the source queue first stored it. */
  public static final String ENQUEUED_AT = PREFIX + "enqueued-at";

  private DeadLetterHeaders() {}
}
