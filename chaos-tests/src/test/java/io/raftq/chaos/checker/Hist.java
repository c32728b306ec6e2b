package io.raftq.chaos.checker;

import java.util.List;
import java.util.Map;

/** Value shapes for hand-written histories (see the history package documentation). */
final class Hist {
  private Hist() {}

  static Map<String, Object> send(String msg) {
    return Map.of("queue", "q", "msg", msg);
  }

  static Map<String, Object> send(String msg, String producerMsgId) {
    return Map.of("queue", "q", "msg", msg, "producerMsgId", producerMsgId);
  }

  static Map<String, Object> sent(long partition, long offset) {
    return Map.of("partition", partition, "offset", offset);
  }

  static Map<String, Object> receive(String group) {
    return Map.of("queue", "q", "group", group, "max", 10L);
  }

  /** A receive (or drain) leasing what it gets for {@code visibilityMs}. */
  static Map<String, Object> receive(String group, long visibilityMs) {
    return Map.of("queue", "q", "group", group, "max", 10L, "visibilityMs", visibilityMs);
  }

  /** As {@link #receive(String, long)} from queue {@code queue}. */
  static Map<String, Object> receiveFrom(String queue, String group, long visibilityMs) {
    return Map.of("queue", queue, "group", group, "max", 10L, "visibilityMs", visibilityMs);
  }

  static Map<String, Object> msgs(Map<?, ?>... msgs) {
    return Map.of("msgs", List.of(msgs));
  }

  static Map<String, Object> msg(String msg) {
    return Map.of("msg", msg);
  }

  static Map<String, Object> msgAt(String msg, long partition, long offset) {
    return Map.of("msg", msg, "partition", partition, "offset", offset);
  }

  /** A delivered message with its position, lease epoch and delivery count. */
  static Map<String, Object> leased(String msg, long partition, long offset, long epoch, long deliveries) {
    return Map.of("msg", msg, "partition", partition, "offset", offset, "epoch", epoch, "deliveries", deliveries);
  }

  static Map<String, Object> ack(String group, String msg) {
    return Map.of("queue", "q", "group", group, "msg", msg, "receipt", "r-" + msg);
  }

  /** An ack or nack invocation carrying the position and epoch of the lease it releases. */
  static Map<String, Object> release(String group, String msg, long partition, long offset, long epoch) {
    return Map.of("queue", "q", "group", group, "msg", msg, "receipt", "r-" + msg + "-" + epoch,
        "partition", partition, "offset", offset, "epoch", epoch);
  }

  /** A keyed delivery of a FIFO queue with its position, lease epoch and delivery count. */
  static Map<String, Object> keyed(String msg, String key, long partition, long offset, long epoch, long deliveries) {
    return Map.of("msg", msg, "key", key, "partition", partition, "offset", offset, "epoch", epoch,
        "deliveries", deliveries);
  }

  /** A nack invocation with a delay. */
  static Map<String, Object> nackDelayed(String group, String msg, long partition, long offset, long epoch,
      long delayMs) {
    return Map.of("queue", "q", "group", group, "msg", msg, "receipt", "r-" + msg + "-" + epoch,
        "partition", partition, "offset", offset, "epoch", epoch, "delayMs", delayMs);
  }

  static Map<String, Object> outcome(String outcome) {
    return Map.of("outcome", outcome);
  }

  static Map<String, Object> status(long partition, String node) {
    return Map.of("queue", "q", "partition", partition, "node", node);
  }

  static Map<String, Object> applied(String node, long appliedIndex, String digest) {
    return Map.of("node", node, "appliedIndex", appliedIndex, "digest", digest);
  }

  /** The value of a nemesis fault or heal. */
  static Map<String, Object> nemesis(String name, String kind) {
    return Map.of("nemesis", name, "kind", kind);
  }
}
