package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The partition's dead letters not yet confirmed as stored in the dead-letter queue, under {@link
 * PartitionKeys#DEAD_LETTER_PREFIX}, by sequence number. The leader's forwarder reads them in order, sends them,
 * then a {@link ForwardedDeadLetters} command removes them: a message is in the outbox from the entry that takes
 * it from its group until the dead-letter queue has it.
 */
final class DeadLetterOutbox {
  private DeadLetterOutbox() {}

  static void append(KvTransaction txn, DeadLetter d) {
    LeasedMessage m = d.message();
    WireWriter w = new WireWriter(96 + m.payload().length);
    w.string(d.group()).i32(d.deliveries()).string(d.lastReason()).i64(d.deadLetteredAtMs());
    w.i64(m.offset()).i64(m.enqueuedAtMs()).string(m.id()).string(m.key());
    PartitionCodec.writeHeaders(w, m.headers());
    w.bytes(m.payload());
    txn.put(PartitionKeys.deadLetter(d.seq()), w.toByteArray());
  }

  /** The first {@code max} dead letters, oldest first (read from the committed store, not inside apply). */
  static List<DeadLetter> read(KeyValueReader store, int max) {
    List<DeadLetter> out = new ArrayList<>();
    if (max <= 0) {
      return out;
    }
    store.scan(PartitionKeys.DEAD_LETTER_PREFIX, (k, v) -> {
      out.add(decode(PartitionKeys.deadLetterSeq(k), v));
      return out.size() < max;
    });
    return out;
  }

  /** Removes the dead letters up to and including {@code upToSeq}. */
  static void removeUpTo(KvTransaction txn, long upToSeq) {
    txn.deleteRange(PartitionKeys.deadLetter(0), PartitionKeys.deadLetter(upToSeq + 1));
  }

  private static DeadLetter decode(long seq, byte[] v) {
    try {
      WireReader r = new WireReader(v);
      String group = r.requiredString("group");
      int deliveries = r.i32();
      String reason = r.string();
      long at = r.i64();
      long offset = r.i64();
      long enqueuedAt = r.i64();
      String id = r.requiredString("id");
      String key = r.string();
      List<MessageHeader> headers = PartitionCodec.readHeaders(r);
      byte[] payload = r.bytes();
      r.expectEnd();
      return new DeadLetter(seq, group, deliveries, reason, at,
          new LeasedMessage(id, offset, key, headers, payload, 0, deliveries, enqueuedAt));
    } catch (InvalidCommandException e) {
      throw new IllegalStateException("corrupt dead letter " + seq + ": " + e.getMessage(), e);
    }
  }
}
