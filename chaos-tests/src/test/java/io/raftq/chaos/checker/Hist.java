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

  static Map<String, Object> msgs(Map<?, ?>... msgs) {
    return Map.of("msgs", List.of(msgs));
  }

  static Map<String, Object> msg(String msg) {
    return Map.of("msg", msg);
  }

  static Map<String, Object> msgAt(String msg, long partition, long offset) {
    return Map.of("msg", msg, "partition", partition, "offset", offset);
  }

  static Map<String, Object> ack(String group, String msg) {
    return Map.of("queue", "q", "group", group, "msg", msg, "receipt", "r-" + msg);
  }
}
