package io.raftq.server.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raftq.client.Producer;
import io.raftq.client.SendResult;
import io.raftq.protocol.Header;
import io.raftq.protocol.OutgoingMessage;
import io.raftq.raft.GroupIds;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.partition.DeadLetter;
import io.raftq.statemachine.partition.LeasedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.protocol.RaftGroupId;
import org.junit.jupiter.api.Test;

class DeadLetterForwarderTest {
  static final QueueDefinition QUEUE = new QueueDefinition("orders", 1, 30_000, 300_000, 0, 1, 0, 3, "orders-dlq",
      false, 0, 0, 0, false, 0, 0);
  static final RaftGroupId GID = GroupIds.partition("orders", 1, 0);

  /** An outbox whose store read throws the first {@code failures} times, as one closing under a read does. */
  static final class FlakyOutbox implements DeadLetterForwarder.Outbox {
    final List<DeadLetter> letters = new ArrayList<>();
    final AtomicInteger failuresLeft;
    final List<Long> marked = new CopyOnWriteArrayList<>();

    FlakyOutbox(int failures) {
      this.failuresLeft = new AtomicInteger(failures);
      letters.add(new DeadLetter(1, "g", 3, "boom", 5, new LeasedMessage("m1", 7, null, List.of(),
          new byte[] {1}, 9, 3, 1)));
    }

    @Override
    public long pending() {
      return marked.isEmpty() ? letters.size() : 0;
    }

    @Override
    public List<DeadLetter> read(int max) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new NullPointerException("store closed under the read");
      }
      return letters;
    }

    @Override
    public CompletableFuture<?> markForwarded(long seq) {
      marked.add(seq);
      return CompletableFuture.completedFuture(null);
    }
  }

  static class RecordingProducer implements Producer {
    final List<String> sentTo = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<SendResult> send(String queue, String key, byte[] payload, List<Header> headers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<SendResult> send(String queue, OutgoingMessage message) {
      sentTo.add(queue + "/" + message.id());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}
  }

  @Test
  void aReadThatThrowsOnceDoesNotStallThePartition() {
    FlakyOutbox outbox = new FlakyOutbox(1);
    RecordingProducer producer = new RecordingProducer();
    DeadLetterForwarder forwarder = new DeadLetterForwarder(v -> v.visit(QUEUE, 0, GID, outbox), producer);

    forwarder.passSafely(); // the read throws: nothing sent, nothing marked
    assertThat(producer.sentTo).isEmpty();
    assertThat(outbox.marked).isEmpty();

    // Once its backoff (0.5 s) has passed, a pass forwards: the partition was not left marked busy.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      forwarder.passSafely();
      return !outbox.marked.isEmpty();
    });
    assertThat(producer.sentTo).containsExactly("orders-dlq/m1");
    assertThat(outbox.marked).containsExactly(1L);
    forwarder.close();
  }

  @Test
  void aSendRefusedAtOnceIsRetriedToo() {
    FlakyOutbox outbox = new FlakyOutbox(0);
    AtomicInteger refusals = new AtomicInteger(1);
    RecordingProducer producer = new RecordingProducer() {
      @Override
      public CompletableFuture<SendResult> send(String queue, OutgoingMessage message) {
        if (refusals.getAndDecrement() > 0) {
          throw new IllegalStateException("client is closing");
        }
        return super.send(queue, message);
      }
    };
    DeadLetterForwarder forwarder = new DeadLetterForwarder(v -> v.visit(QUEUE, 0, GID, outbox), producer);

    forwarder.passSafely();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      forwarder.passSafely();
      return !outbox.marked.isEmpty();
    });
    assertThat(producer.sentTo).containsExactly("orders-dlq/m1");
    forwarder.close();
  }
}
