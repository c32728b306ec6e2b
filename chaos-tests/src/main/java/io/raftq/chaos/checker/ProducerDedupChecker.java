package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Producer dedup (CHAOS-PLAN §6.4 S4, the Kafka {@code :duplicate} anomaly): one producer message id never yields
 * two stored messages. Exactly: for each {@code producerMsgId}, collect the positions {@code (queue, partition,
 * offset)} at which a message with that id was observed, from
 * <ul>
 *   <li>ok send completions ({@code partition}, {@code offset}) whose invocation carried the id, and</li>
 *   <li>messages in ok receive and drain completions, whose id is their own {@code producerMsgId} field or else the
 *       id the history's send invocations attached to the same {@code msg}.</li>
 * </ul>
 * The history is invalid iff some id has two or more distinct positions in one queue. Redelivery of one stored
 * message (same position) is not a violation here, nor is the same id in another queue: a dead letter keeps its
 * id in the dead-letter queue.
 */
public final class ProducerDedupChecker implements Checker {
  @Override
  public String name() {
    return "producer-dedup";
  }

  @Override
  public CheckResult check(History history) {
    Map<String, String> idByMsg = new HashMap<>();
    Map<String, Set<String>> positionsById = new TreeMap<>();
    for (Op invocation : history.invocations(Fn.SEND)) {
      String id = Values.string(invocation.value(), "producerMsgId");
      String msg = Values.string(invocation.value(), "msg");
      if (id != null && msg != null) {
        idByMsg.putIfAbsent(msg, id);
      }
    }
    for (Op completion : history.completions(Fn.SEND, OpType.OK)) {
      Object sent = history.invocationOf(completion).value();
      String id = Values.string(sent, "producerMsgId");
      Long partition = Values.number(completion.value(), "partition");
      Long offset = Values.number(completion.value(), "offset");
      if (id != null && partition != null && offset != null) {
        add(positionsById, id, Values.string(sent, "queue"), partition, offset);
      }
    }
    for (DeliveredMessage d : DeliveredMessage.all(history)) {
      String id = d.producerMsgId() != null ? d.producerMsgId() : idByMsg.get(d.msg());
      if (id != null && d.partition() != null && d.offset() != null) {
        add(positionsById, id, d.queue(), d.partition(), d.offset());
      }
    }
    CheckResult.Builder result = new CheckResult.Builder(name());
    long duplicates = 0;
    for (Map.Entry<String, Set<String>> e : positionsById.entrySet()) {
      if (e.getValue().size() > 1) {
        duplicates++;
        result.example("duplicate", e.getKey().substring(0, e.getKey().indexOf('\u0001')) + " stored at " + e.getValue());
      }
    }
    return result
        .count("ids-observed", positionsById.size())
        .count("duplicate-count", duplicates)
        .build(duplicates == 0);
  }

  private static void add(Map<String, Set<String>> positions, String id, String queue, long partition, long offset) {
    // Per queue: a dead-lettered (or redriven) message keeps its id in the queue it moves to, by design.
    String q = queue == null ? "" : queue;
    positions.computeIfAbsent(id + '\u0001' + q, k -> new TreeSet<>()).add(q + "/" + partition + "@" + offset);
  }
}
