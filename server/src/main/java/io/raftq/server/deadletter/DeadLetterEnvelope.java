package io.raftq.server.deadletter;

import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.partition.DeadLetter;
import io.raftq.statemachine.partition.MessageHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * A dead letter as its dead-letter queue stores it: the same id, key and payload, the message's own headers, and
 * its history in {@code raftq-dead-letter-*} headers. The dedup id names the source incarnation, partition and
 * dead-letter sequence number, so a resend after a lost answer or a leader change is stored once, while the same
 * message dead-lettered again later (after a redrive) is a new dead letter.
 *
 * <p>Pure: no I/O.
 */
public final class DeadLetterEnvelope {
  public static final String PREFIX = "raftq-dead-letter-";
  public static final String SOURCE = PREFIX + "source";
  public static final String PARTITION = PREFIX + "partition";
  public static final String OFFSET = PREFIX + "offset";
  public static final String GROUP = PREFIX + "group";
  public static final String DELIVERIES = PREFIX + "deliveries";
  public static final String REASON = PREFIX + "reason";
  public static final String AT = PREFIX + "at";
  public static final String ENQUEUED_AT = PREFIX + "enqueued-at";

  private DeadLetterEnvelope() {}

  public static OutgoingMessage of(QueueDefinition source, int partition, DeadLetter d) {
    List<Header> headers = new ArrayList<>();
    for (MessageHeader h : d.headers()) {
      if (!h.name().startsWith(PREFIX)) { // a message dead-lettered before carries only its latest history
        headers.add(new Header(h.name(), h.value()));
      }
    }
    headers.add(new Header(SOURCE, source.name()));
    headers.add(new Header(PARTITION, Integer.toString(partition)));
    headers.add(new Header(OFFSET, Long.toString(d.message().offset())));
    headers.add(new Header(GROUP, d.group()));
    headers.add(new Header(DELIVERIES, Integer.toString(d.deliveries())));
    if (d.lastReason() != null) {
      headers.add(new Header(REASON, d.lastReason()));
    }
    headers.add(new Header(AT, Long.toString(d.deadLetteredAtMs())));
    headers.add(new Header(ENQUEUED_AT, Long.toString(d.message().enqueuedAtMs())));
    return new OutgoingMessage(d.message().id(), d.message().key(), headers, d.message().payload(), 0,
        dedupId(source, partition, d.seq()));
  }

  static String dedupId(QueueDefinition source, int partition, long seq) {
    return "dead-letter/" + source.name() + "/" + source.createIndex() + "/" + partition + "/" + seq;
  }
}
