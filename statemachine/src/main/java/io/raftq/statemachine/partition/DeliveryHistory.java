package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The earlier attempts of redelivered messages, per group, under {@link PartitionKeys#HISTORY_PREFIX}: when a
 * message is delivered again, the attempt before (when it was delivered, when it became visible again, whether
 * it was nacked and why) is recorded. A message acked at its first delivery, the common case, writes nothing here.
 * At most {@link #MAX_ATTEMPTS} attempts are kept per message and group; entries go with their message.
 */
final class DeliveryHistory {
  static final int MAX_ATTEMPTS = 16;

  private DeliveryHistory() {}

  /** Records the attempt {@code prior} describes as finished, if it was a delivery and there is room. */
  static void recordEnded(KvTransaction txn, String group, long offset, Lease prior) {
    if (prior == null || prior.isDelayed() || prior.deliveries() < 1 || prior.deliveries() > MAX_ATTEMPTS) {
      return;
    }
    WireWriter w = new WireWriter(32).i64(prior.deliveredAtMs()).i64(prior.visibleAtMs()).u8(prior.nacked() ? 1 : 0);
    w.string(prior.nacked() ? prior.lastReason() : null);
    txn.put(PartitionKeys.history(offset, group, prior.deliveries()), w.toByteArray());
  }

  static List<MessageStatus.Attempt> read(KeyValueReader store, String group, long offset) {
    List<MessageStatus.Attempt> out = new ArrayList<>();
    byte[] prefix = PartitionKeys.historyPrefix(offset, group);
    store.scan(prefix, (k, v) -> {
      try {
        WireReader r = new WireReader(v);
        out.add(new MessageStatus.Attempt((int) Bytes.readLongBE(k, k.length - 8), r.i64(), r.i64(), r.bool(), r.string()));
      } catch (InvalidCommandException e) {
        throw new IllegalStateException("corrupt delivery history: " + e.getMessage(), e);
      }
      return true;
    });
    return out;
  }

  /** Forgets the attempts of the messages in {@code [fromOffset, toOffset)}, which are being deleted. */
  static void deleteRange(KvTransaction txn, long fromOffset, long toOffset) {
    txn.deleteRange(PartitionKeys.historyOffset(fromOffset), PartitionKeys.historyOffset(toOffset));
  }
}
