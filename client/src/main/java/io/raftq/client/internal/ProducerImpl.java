package io.raftq.client.internal;

import io.raftq.client.Producer;
import io.raftq.client.RaftqException;
import io.raftq.client.SendResult;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.Header;
import io.raftq.protocol.Limits;
import io.raftq.protocol.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Producer} over per-partition accumulators. Partition of a keyed message:
 * {@code (Arrays.hashCode(key.getBytes(UTF_8)) & 0x7fffffff) % partitions} — i.e. {@code h = 1; for each byte b
 * (signed): h = 31*h + b} — stable across clients and languages. An unkeyed message with the caller's own id goes
 * to the partition of its id by the same formula, so that a resend of that id lands where the first copy is and
 * the partition's dedup table drops it; other unkeyed messages (random UUID v4 ids) go round-robin per queue.
 */
public final class ProducerImpl implements Producer {
  private final ClientCore core;
  private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
  private final Map<Route.PartitionLeader, PartitionAccumulator> accumulators = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<SendResult>> outstanding = ConcurrentHashMap.newKeySet();

  public ProducerImpl(ClientCore core) {
    this.core = core;
  }

  /** The partition of {@code key} among {@code partitions} (documented formula; see class Javadoc). */
  public static int partitionOf(String key, int partitions) {
    return (Arrays.hashCode(key.getBytes(StandardCharsets.UTF_8)) & 0x7fffffff) % partitions;
  }

  @Override
  public CompletableFuture<SendResult> send(String queue, String key, byte[] payload, List<Header> headers) {
    return send(queue, new OutgoingMessage(null, key, headers, payload));
  }

  @Override
  public CompletableFuture<SendResult> send(String queue, OutgoingMessage message) {
    boolean callersId = message.id() != null || message.dedupId() != null;
    OutgoingMessage m = message.id() != null ? message : message.withId(UUID.randomUUID().toString());
    CompletableFuture<SendResult> future = new CompletableFuture<>();
    // Refused here rather than by the node, so that it cannot fail the other messages batched into its frame.
    String invalid = Limits.message("message", m);
    if (invalid != null) {
      future.completeExceptionally(new RaftqException(ErrorCode.INVALID_REQUEST, invalid + " (not sent)"));
      return future;
    }
    outstanding.add(future);
    future.whenComplete((r, t) -> outstanding.remove(future));
    core.directory().describe(queue).whenComplete((d, t) -> {
      if (t != null) {
        future.completeExceptionally(unwrap(t));
        return;
      }
      int partitions = d.queue().partitions();
      int partition = m.key() != null ? partitionOf(m.key(), partitions)
          : callersId ? partitionOf(m.dedupKey(), partitions)
          : Math.floorMod(roundRobin.computeIfAbsent(queue, q -> new AtomicInteger()).getAndIncrement(), partitions);
      accumulators.computeIfAbsent(new Route.PartitionLeader(queue, partition),
              p -> new PartitionAccumulator(core, queue, partition))
          .append(new PendingMessage(m, future, false));
    });
    return future;
  }

  @Override
  public void flush() {
    for (CompletableFuture<SendResult> f : List.copyOf(outstanding)) {
      try {
        f.join();
      } catch (RuntimeException failedSend) {
        // flush waits for completion, success or not; the sender's own future reports the failure
      }
    }
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof RaftqException ? t : new RaftqException(ErrorCode.UNKNOWN, String.valueOf(t), t);
  }
}
