package io.raftq.server.deadletter;

import io.raftq.protocol.DeadLetterHeaders;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.partition.DeadLetter;
import io.raftq.statemachine.partition.MessageHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * A dead letter as its dead-letter queue stores it: the same id, key and payload, the message's own headers, and
 * its history in {@link DeadLetterHeaders}. The dedup id names the source incarnation, partition and
 * dead-letter sequence number, so a resend after a lost answer or a leader change is stored once, while the same
 * message dead-lettered again later (after a redrive) is a new dead letter.
 *
 * <p>Pure: no I/O.
 */
public final class DeadLetterEnvelope {
  private DeadLetterEnvelope() {}

  public static OutgoingMessage of(QueueDefinition source, int partition, DeadLetter d) {
    List<Header> headers = new ArrayList<>();
    for (MessageHeader h : d.headers()) {
      // A message dead-lettered before (and redriven) carries only its latest history.
      if (!h.name().startsWith(DeadLetterHeaders.PREFIX)) {
        headers.add(new Header(h.name(), h.value()));
      }
    }
    headers.add(new Header(DeadLetterHeaders.SOURCE, source.name()));
    headers.add(new Header(DeadLetterHeaders.PARTITION, Integer.toString(partition)));
    headers.add(new Header(DeadLetterHeaders.OFFSET, Long.toString(d.message().offset())));
    headers.add(new Header(DeadLetterHeaders.GROUP, d.group()));
    headers.add(new Header(DeadLetterHeaders.DELIVERIES, Integer.toString(d.deliveries())));
    if (d.lastReason() != null) {
      headers.add(new Header(DeadLetterHeaders.REASON, d.lastReason()));
    }
    headers.add(new Header(DeadLetterHeaders.AT, Long.toString(d.deadLetteredAtMs())));
    headers.add(new Header(DeadLetterHeaders.ENQUEUED_AT, Long.toString(d.message().enqueuedAtMs())));
    return new OutgoingMessage(d.message().id(), d.message().key(), headers, d.message().payload(), 0,
        dedupId(source, partition, d.seq()));
  }

  static String dedupId(QueueDefinition source, int partition, long seq) {
    return "dead-letter/" + source.name() + "/" + source.createIndex() + "/" + partition + "/" + seq;
  }
}
