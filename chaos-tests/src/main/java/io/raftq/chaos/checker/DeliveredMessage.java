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
 * invocation. Position fields, {@code epoch}, {@code deliveries} and {@code producerMsgId} are null when the
 * history did not record them.
 *
 * @param epoch the lease epoch (fencing token) of this delivery
 * @param deliveries how many times the message has been delivered, this one included (1 on the first delivery)
 */
record DeliveredMessage(
    String queue, String group, String msg, Long partition, Long offset, Long epoch, Long deliveries,
    String producerMsgId, Op invocation, Op completion) {

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
            invocation,
            op));
      }
    }
    return found;
  }
}
