package io.raftq.server.frontdoor;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import io.raftq.protocol.SendOutcome;
import io.raftq.statemachine.partition.LeaseRef;
import io.raftq.statemachine.partition.LeasedMessage;
import io.raftq.statemachine.partition.MessageHeader;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.SettleOutcome;
import io.raftq.statemachine.partition.StoredMessage;
import java.util.ArrayList;
import java.util.List;

/** Protocol types to partition-command types and back. */
final class Conversions {
  private Conversions() {}

  /** The message to store; one sent without a delay gets the queue's default delay. */
  static NewMessage toNewMessage(OutgoingMessage m, long defaultDelayMs) {
    List<MessageHeader> headers = new ArrayList<>(m.headers().size());
    m.headers().forEach(h -> headers.add(new MessageHeader(h.name(), h.value())));
    long delayMs = m.delayMs() == 0 ? defaultDelayMs : m.delayMs();
    return new NewMessage(m.id(), m.key(), headers, m.payload(), delayMs, m.dedupId());
  }

  static SendOutcome toSendOutcome(StoredMessage s) {
    return new SendOutcome(s.id(), s.offset(), s.duplicate());
  }

  static Delivery toDelivery(int partition, LeasedMessage m) {
    List<Header> headers = new ArrayList<>(m.headers().size());
    m.headers().forEach(h -> headers.add(new Header(h.name(), h.value())));
    return new Delivery(m.id(), partition, m.offset(), m.key(), headers, m.payload(),
        new Receipt(partition, m.offset(), m.epoch()), m.deliveries(), m.enqueuedAtMs());
  }

  static List<LeaseRef> toLeaseRefs(List<Receipt> receipts) {
    List<LeaseRef> refs = new ArrayList<>(receipts.size());
    receipts.forEach(r -> refs.add(new LeaseRef(r.offset(), r.epoch())));
    return refs;
  }

  static ReceiptOutcome toReceiptOutcome(SettleOutcome o) {
    return switch (o) {
      case OK -> ReceiptOutcome.OK;
      case ALREADY_ACKED -> ReceiptOutcome.ALREADY_ACKED;
      case INVALID -> ReceiptOutcome.INVALID;
    };
  }

  static int approximateSize(List<NewMessage> messages) {
    int size = 16;
    for (NewMessage m : messages) {
      size += 64 + m.payload().length + (m.id() == null ? 0 : m.id().length()) + (m.key() == null ? 0 : m.key().length());
      for (MessageHeader h : m.headers()) {
        size += 8 + h.name().length() + h.value().length();
      }
    }
    return size;
  }
}
