package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * One message in the value of an ok {@code receive} or {@code drain} completion, with the queue and group of its
 * invocation. Position fields, {@code epoch}, {@code deliveries}, {@code producerMsgId}, {@code key} and the
 * dead-letter source position are null when the history did not record them.
 *
 * @param epoch the lease epoch (fencing token) of this delivery
 * @param deliveries how many times the message has been delivered, this one included (1 on the first delivery)
 * @param sourcePartition for a dead letter, the partition it was dead-lettered from
 * @param sourceOffset for a dead letter, its offset in the source partition
 * @param deadLetterDeliveries for a dead letter, how often it had been delivered when it was dead-lettered
 */
record DeliveredMessage(
    String queue, String group, String msg, Long partition, Long offset, Long epoch, Long deliveries,
    String producerMsgId, String key, Long sourcePartition, Long sourceOffset, Long deadLetterDeliveries,
    Op invocation, Op completion) {

  /** Every message delivered by an ok receive or drain, in history order. */
  static List<DeliveredMessage> all(History history) {
    List<DeliveredMessage> found = new ArrayList<>();
    for (Op op : history.ops()) {
      if (op.type() != OpType.OK || !Fn.isDelivery(op.f()) || !history.isCompletion(op)) {
        continue;
      }
      Op invocation = history.invocationOf(op);
      for (Object m : Values.list(op.value(), "msgs")) {
        found.add(new DeliveredMessage(
            Values.string(invocation.value(), "queue"),
            Values.string(invocation.value(), "group"),
            Values.string(m, "msg"),
            Values.number(m, "partition"),
            Values.number(m, "offset"),
            Values.number(m, "epoch"),
            Values.number(m, "deliveries"),
            Values.string(m, "producerMsgId"),
            Values.string(m, "key"),
            Values.number(m, "sourcePartition"),
            Values.number(m, "sourceOffset"),
            Values.number(m, "deadLetterDeliveries"),
            invocation,
            op));
      }
    }
    return found;
  }

  /** The lease the receive asked for ({@code visibilityMs} of its invocation), or null when not recorded. */
  Long visibilityMs() {
    return Values.number(invocation.value(), "visibilityMs");
  }

  /** Whether partition and offset are known. */
  boolean hasPosition() {
    return partition != null && offset != null;
  }

  /** {@code queue/group/partition@offset}: one stored message as one group sees it. */
  String groupPosition() {
    return Releases.position(queue, group, partition, offset);
  }
}
