package io.raftq.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.client.Consumer;
import io.raftq.protocol.Delivery;
import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConsumerCallsTest {
  /** A consumer whose every ack and nack answers {@code outcome}. */
  private static Consumer answering(ReceiptOutcome outcome) {
    return (Consumer) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class},
        (proxy, method, args) -> {
          if (method.getName().equals("ack") || method.getName().equals("nack")) {
            return CompletableFuture.completedFuture(List.of(outcome));
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private static Delivery delivery(long offset) {
    return new Delivery("id-" + offset, 0, offset, null, List.of(), ("m" + offset).getBytes(StandardCharsets.UTF_8),
        new Receipt(0, offset, 1), 1, 0);
  }

  @Test
  void aNackAnsweredInvalidIsIndeterminateAndEndsItsProcess() {
    Recorder recorder = new Recorder();
    ConsumerCalls calls = new ConsumerCalls(answering(ReceiptOutcome.INVALID), recorder, new ProcessIds(0, 1), "q", "g");

    calls.settle(Fn.NACK, delivery(1));
    calls.settle(Fn.NACK, delivery(2)); // must run under a new process: the first may still take effect

    History history = recorder.history(); // throws if a process were reused after an info completion
    List<Op> completions = history.completions(Fn.NACK, OpType.INFO);
    assertThat(completions).hasSize(2);
    assertThat(completions.get(0).process()).isNotEqualTo(completions.get(1).process());
  }

  @Test
  void anAckAnsweredInvalidIsAFailureAndTheProcessGoesOn() {
    Recorder recorder = new Recorder();
    ConsumerCalls calls = new ConsumerCalls(answering(ReceiptOutcome.INVALID), recorder, new ProcessIds(0, 1), "q", "g");

    calls.settle(Fn.ACK, delivery(1));
    calls.settle(Fn.ACK, delivery(2));

    List<Op> completions = recorder.history().completions(Fn.ACK, OpType.FAIL);
    assertThat(completions).hasSize(2);
    assertThat(completions.get(0).process()).isEqualTo(completions.get(1).process());
  }
}
