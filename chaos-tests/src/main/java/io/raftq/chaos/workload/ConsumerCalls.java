package io.raftq.chaos.workload;

import io.raftq.chaos.history.Fn;
import io.raftq.client.Consumer;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.ReceiptOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Recorded receive, ack and nack calls of one worker, each one op in the history. */
final class ConsumerCalls {
  private final Consumer consumer;
  private final Recorder recorder;
  private final ProcessIds processes;
  private final String queue;
  private final String group;

  ConsumerCalls(Consumer consumer, Recorder recorder, ProcessIds processes, String queue, String group) {
    this.consumer = consumer;
    this.recorder = recorder;
    this.processes = processes;
    this.queue = queue;
    this.group = group;
  }

  /** A recorded receive ({@code f} is receive or drain); null when it failed or is indeterminate. */
  List<Delivery> receive(String f, int max, Duration visibility, Duration wait) {
    String process = processes.current();
    recorder.invoke(process, f, Map.of("queue", queue, "group", group, "max", (long) max,
        "visibilityMs", visibility.toMillis()));
    try {
      List<Delivery> got = consumer.receive(queue, group, max, visibility, wait)
          .get(Workload.CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      List<Object> msgs = new ArrayList<>();
      for (Delivery d : got) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("msg", msgOf(d));
        m.put("partition", (long) d.partition());
        m.put("offset", d.offset());
        m.put("epoch", d.receipt().epoch());
        m.put("deliveries", (long) d.deliveries());
        m.put("producerMsgId", d.id());
        if (d.key() != null) {
          m.put("key", d.key());
        }
        for (io.raftq.protocol.Header h : d.headers()) {
          if (h.name().equals(io.raftq.protocol.DeadLetterHeaders.DELIVERIES)) {
            m.put("deadLetterDeliveries", Long.parseLong(h.value()));
          } else if (h.name().equals(io.raftq.protocol.DeadLetterHeaders.PARTITION)) {
            m.put("sourcePartition", Long.parseLong(h.value()));
          } else if (h.name().equals(io.raftq.protocol.DeadLetterHeaders.OFFSET)) {
            m.put("sourceOffset", Long.parseLong(h.value()));
          }
        }
        msgs.add(m);
      }
      recorder.ok(process, Map.of("msgs", msgs));
      return got;
    } catch (Exception e) {
      failed(process, e);
      return null;
    }
  }

  /** A recorded ack ({@code f} = ack) or immediate nack ({@code f} = nack) of one delivery. */
  void settle(String f, Delivery d) {
    String process = processes.current();
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("queue", queue);
    value.put("group", group);
    value.put("msg", msgOf(d));
    value.put("receipt", d.receipt().encode());
    value.put("partition", (long) d.partition());
    value.put("offset", d.offset());
    value.put("epoch", d.receipt().epoch());
    recorder.invoke(process, f, value);
    try {
      List<ReceiptOutcome> outcomes = (Fn.ACK.equals(f)
              ? consumer.ack(queue, group, List.of(d.receipt()))
              : consumer.nack(queue, group, List.of(d.receipt()), Duration.ZERO))
          .get(Workload.CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      ReceiptOutcome outcome = outcomes.get(0);
      if (outcome == ReceiptOutcome.INVALID && Fn.NACK.equals(f)) {
        // Not a proof that nothing happened: the client retries a nack whose answer was lost, and if the first
        // attempt released the message and it was delivered again before the retry, the retry's receipt is stale.
        // (A retried ack answers ALREADY_ACKED instead, so an ack's INVALID is final.)
        recorder.info(process, "INVALID");
        processes.retire(); // an info completion ends the process (Jepsen's rule, enforced by History)
      } else if (outcome == ReceiptOutcome.INVALID) {
        recorder.fail(process, "INVALID");
      } else {
        recorder.ok(process, Map.of("outcome", outcome.name()));
      }
    } catch (Exception e) {
      failed(process, e);
    }
  }

  private void failed(String process, Exception e) {
    Outcomes.record(recorder, processes, process, e);
  }

  static String msgOf(Delivery d) {
    return new String(d.payload(), StandardCharsets.UTF_8);
  }
}
