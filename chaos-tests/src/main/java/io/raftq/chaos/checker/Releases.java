package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The acks and nacks of a history that may have taken effect (ok, info or unfinished; a fail did nothing), by the
 * position they name, for the earliest moment a delivery's lease may have been released. A release counts from its
 * invocation: an indeterminate one may have applied at once. A nack's {@code delayMs} (absent: 0) keeps the
 * message invisible that much longer, within the {@link LeaseTiming} bound. A release with an epoch ends only the
 * lease of that epoch (the node refuses older receipts; the fencing checker checks that), one without an epoch any
 * lease of its position.
 */
final class Releases {
  private record Release(String f, Long epoch, long earliestNanos) {}

  private final Map<String, List<Release>> byPosition;

  private Releases(Map<String, List<Release>> byPosition) {
    this.byPosition = byPosition;
  }

  static Releases of(History history) {
    Map<String, List<Release>> byPosition = new HashMap<>();
    for (Op op : history.ops()) {
      if (op.type() != OpType.INVOKE || !(Fn.ACK.equals(op.f()) || Fn.NACK.equals(op.f()))) {
        continue;
      }
      if (history.completionOf(op).map(c -> c.type() == OpType.FAIL).orElse(false)) {
        continue;
      }
      Object v = op.value();
      Long partition = Values.number(v, "partition");
      Long offset = Values.number(v, "offset");
      if (partition == null || offset == null) {
        continue;
      }
      Long delayMs = Fn.NACK.equals(op.f()) ? Values.number(v, "delayMs") : null;
      long earliest = delayMs == null || delayMs <= 0
          ? op.timeNanos() : LeaseTiming.earliestEndNanos(op.timeNanos(), delayMs);
      byPosition.computeIfAbsent(position(Values.string(v, "queue"), Values.string(v, "group"), partition, offset),
          k -> new ArrayList<>()).add(new Release(op.f(), Values.number(v, "epoch"), earliest));
    }
    return new Releases(byPosition);
  }

  /** The earliest time a nack may have ended {@code d}'s lease, or {@link Long#MAX_VALUE}. */
  long earliestNack(DeliveredMessage d) {
    return earliest(d, false);
  }

  /** The earliest time an ack or a nack may have ended {@code d}'s lease, or {@link Long#MAX_VALUE}. */
  long earliestAckOrNack(DeliveredMessage d) {
    return earliest(d, true);
  }

  private long earliest(DeliveredMessage d, boolean acksToo) {
    long earliest = Long.MAX_VALUE;
    for (Release r : byPosition.getOrDefault(d.groupPosition(), List.of())) {
      boolean sameLease = r.epoch() == null || d.epoch() == null || r.epoch().equals(d.epoch());
      if (sameLease && (acksToo || Fn.NACK.equals(r.f()))) {
        earliest = Math.min(earliest, r.earliestNanos());
      }
    }
    return earliest;
  }

  /** {@code queue/group/partition@offset}. */
  static String position(String queue, String group, Long partition, Long offset) {
    return queue + "/" + group + "/" + partition + "@" + offset;
  }
}
