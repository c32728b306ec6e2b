package io.raftq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.protocol.Receipt;
import io.raftq.protocol.ReceiptOutcome;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Acks wait while their partition has a request out, then leave together; outcomes go back to each caller. */
class AckBatcherTest {
  /** One Ack request the fake consumer got: its receipts, its results (null: none) and the answer to give. */
  private record Sent(List<Receipt> receipts, List<byte[]> results, CompletableFuture<List<ReceiptOutcome>> answer) {}

  private final List<Sent> sent = new ArrayList<>();

  @SuppressWarnings("unchecked")
  private final Consumer consumer = (Consumer) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
      new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
        if (!method.getName().equals("ack") || !(args[2] instanceof List)) {
          throw new UnsupportedOperationException(method.toString());
        }
        Sent s = new Sent((List<Receipt>) args[2], args.length > 3 ? (List<byte[]>) args[3] : null,
            new CompletableFuture<>());
        sent.add(s);
        return s.answer();
      });

  private final AckBatcher acks = new AckBatcher(consumer, "q", "g");

  private static Receipt receipt(int partition, long offset) {
    return new Receipt(partition, offset, 1);
  }

  @Test
  void acksThatComeWhileTheirPartitionHasARequestOutLeaveTogetherAfterIt() {
    CompletableFuture<ReceiptOutcome> first = acks.ack(receipt(0, 1), null);
    CompletableFuture<ReceiptOutcome> second = acks.ack(receipt(0, 2), null);
    CompletableFuture<ReceiptOutcome> third = acks.ack(receipt(0, 3), "done".getBytes());
    CompletableFuture<ReceiptOutcome> otherPartition = acks.ack(receipt(1, 9), null);

    assertThat(sent).hasSize(2).as("partition 1 does not wait for partition 0");
    assertThat(sent.get(0).receipts()).containsExactly(receipt(0, 1));
    assertThat(sent.get(0).results()).as("no results: a plain ack").isNull();

    sent.get(0).answer().complete(List.of(ReceiptOutcome.OK));
    assertThat(first).isCompletedWithValue(ReceiptOutcome.OK);
    assertThat(sent).hasSize(3);
    Sent batch = sent.get(2);
    assertThat(batch.receipts()).containsExactly(receipt(0, 2), receipt(0, 3));
    assertThat(batch.results()).hasSize(2);
    assertThat(batch.results().get(0)).isNull();
    assertThat(batch.results().get(1)).isEqualTo("done".getBytes());

    batch.answer().complete(List.of(ReceiptOutcome.ALREADY_ACKED, ReceiptOutcome.INVALID));
    assertThat(second).isCompletedWithValue(ReceiptOutcome.ALREADY_ACKED);
    assertThat(third).isCompletedWithValue(ReceiptOutcome.INVALID);
    assertThat(otherPartition).isNotDone();
  }

  @Test
  void aFailedRequestFailsItsAcksAndTheNextBatchStillLeaves() {
    CompletableFuture<ReceiptOutcome> first = acks.ack(receipt(0, 1), null);
    CompletableFuture<ReceiptOutcome> second = acks.ack(receipt(0, 2), null);

    sent.get(0).answer().completeExceptionally(new RaftqException(io.raftq.protocol.ErrorCode.UNAVAILABLE, "down"));
    assertThat(first).isCompletedExceptionally();
    assertThat(sent).hasSize(2);
    sent.get(1).answer().complete(List.of(ReceiptOutcome.OK));
    assertThat(second).isCompletedWithValue(ReceiptOutcome.OK);
  }
}
