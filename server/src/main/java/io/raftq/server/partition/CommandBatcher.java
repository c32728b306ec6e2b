package io.raftq.server.partition;

import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionCommand;
import io.raftq.statemachine.partition.PartitionResult;
import io.raftq.statemachine.ratis.ApplyFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Group commit for one partition on its leader: commands from every connection queue up here and are drained
 * into shared Raft entries, with at most {@code maxEntriesInFlight} entries replicating at once. While entries are
 * in flight new commands accumulate, so the batch size grows with load by itself and no linger delay is needed.
 * Each command's future completes with its own result, or exceptionally with the entry's failure.
 *
 * <p>An entry that carries sends also carries the partition's parked receives ({@link ReceiveWaiters#takeRiders}),
 * after the sends, so that they lease what those sends make visible in the same Raft round.
 *
 * <p>Entries are formed, submitted and answered on the partition's {@link SerialLane}, never on the caller's
 * thread: Ratis completes an entry's future on the group's apply thread, and its submit blocks until the entry is
 * in the log (it joins Ratis' client executor), so doing either there would hold up the next apply, and on a
 * network thread every connection it serves.
 */
public final class CommandBatcher {
  /** Commands and their approximate encoded size. */
  private record Pending(
      PartitionCommand command, int sizeBytes, CompletableFuture<PartitionResult> result, long queuedNanos) {}

  /** Approximate encoded size of a receive command. */
  private static final int RIDER_BYTES = 64;

  private final Function<ByteString, CompletableFuture<RaftClientReply>> submitter;
  private final int maxEntriesInFlight;
  private final int maxEntryBytes;
  private final int maxCommandsPerEntry;
  private final long entryTimeoutMs;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final BatchStats stats;
  private final Executor lane;
  private volatile IntFunction<List<ReceiveWaiters.Ride>> riders = max -> List.of();
  private volatile LongFunction<List<PartitionResult>> appliedResults = index -> null;

  public CommandBatcher(
      Function<ByteString, CompletableFuture<RaftClientReply>> submitter,
      int maxEntriesInFlight,
      int maxEntryBytes,
      long entryTimeoutMs,
      BatchStats stats,
      Executor lane) {
    this.submitter = submitter;
    this.maxEntriesInFlight = maxEntriesInFlight;
    this.maxEntryBytes = maxEntryBytes;
    this.maxCommandsPerEntry = 4096;
    this.entryTimeoutMs = entryTimeoutMs;
    this.stats = stats;
    this.lane = lane;
  }

  /** Where entries that carry sends take the receives that ride with them. */
  public void ridersFrom(IntFunction<List<ReceiveWaiters.Ride>> riders) {
    this.riders = riders;
  }

  /**
   * Where the results of an applied entry are taken from, by log index, when apply kept them for this leader;
   * otherwise (null) they are decoded from the reply.
   */
  public void resultsFrom(LongFunction<List<PartitionResult>> appliedResults) {
    this.appliedResults = appliedResults;
  }

  /** Queues a command; {@code sizeBytes} is its approximate encoded size (payload bytes dominate). */
  public CompletableFuture<PartitionResult> submit(PartitionCommand command, int sizeBytes) {
    CompletableFuture<PartitionResult> f = new CompletableFuture<>();
    queue.add(new Pending(command, sizeBytes, f, System.nanoTime()));
    if (drainQueued.compareAndSet(false, true)) {
      lane.execute(() -> {
        drainQueued.set(false);
        drain();
      });
    }
    return f;
  }

  /** Sends entries while slots are free; runs on the lane only. */
  private void drain() {
    while (true) {
      int n = inFlight.get();
      if (n >= maxEntriesInFlight || queue.isEmpty()) {
        return;
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      List<Pending> batch = takeBatch();
      if (batch.isEmpty()) {
        inFlight.decrementAndGet();
        continue;
      }
      send(batch);
    }
  }

  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    int bytes = 0;
    for (Pending p; batch.size() < maxCommandsPerEntry && (p = queue.peek()) != null; ) {
      if (!batch.isEmpty() && bytes + p.sizeBytes() > maxEntryBytes) {
        break;
      }
      queue.poll();
      batch.add(p);
      bytes += p.sizeBytes();
    }
    if (batch.stream().anyMatch(p -> p.command() instanceof Enqueue)) {
      int room = Math.min(maxCommandsPerEntry - batch.size(), (maxEntryBytes - bytes) / RIDER_BYTES);
      for (ReceiveWaiters.Ride ride : riders.apply(Math.max(0, room))) {
        CompletableFuture<PartitionResult> result = new CompletableFuture<>();
        ride.onResult().accept(result);
        batch.add(new Pending(ride.command(), RIDER_BYTES, result, System.nanoTime()));
      }
    }
    return batch;
  }

  private void send(List<Pending> batch) {
    CompletableFuture<RaftClientReply> submitted;
    try {
      List<PartitionCommand> commands = new ArrayList<>(batch.size());
      batch.forEach(p -> commands.add(p.command()));
      stats.recordEntry(commands, System.nanoTime() - batch.get(0).queuedNanos());
      int sizeHint = 0;
      for (Pending p : batch) {
        sizeHint += p.sizeBytes();
      }
      // Wrapped, not copied: nothing writes to the array after encoding.
      submitted = submitter.apply(UnsafeByteOperations.unsafeWrap(PartitionCodec.encodeCommands(commands, sizeHint)));
    } catch (RuntimeException e) { // fail the batch and free its slot rather than hold both forever
      submitted = CompletableFuture.failedFuture(e);
    }
    long submittedNanos = System.nanoTime();
    submitted
        .orTimeout(entryTimeoutMs, TimeUnit.MILLISECONDS)
        .whenCompleteAsync((reply, error) -> {
          stats.recordReplicated(System.nanoTime() - submittedNanos);
          inFlight.decrementAndGet();
          complete(batch, reply, error);
          drain();
        }, lane);
  }

  private void complete(List<Pending> batch, RaftClientReply reply, Throwable error) {
    if (error == null && !reply.isSuccess()) {
      error = reply.getException();
    }
    if (error != null) {
      for (Pending p : batch) {
        p.result().completeExceptionally(error);
      }
      return;
    }
    List<PartitionResult> results;
    try {
      results = appliedResults.apply(reply.getLogIndex());
      if (results == null) {
        results = PartitionCodec.decodeResults(reply.getMessage().getContent().asReadOnlyByteBuffer());
      }
      if (results.size() != batch.size()) {
        throw new IllegalStateException(results.size() + " results for " + batch.size() + " commands");
      }
    } catch (RuntimeException e) { // an entry that failed unreadably: answer every caller rather than none
      for (Pending p : batch) {
        p.result().completeExceptionally(new ApplyFailedException("unreadable reply to the entry: " + e.getMessage()));
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(results.get(i));
    }
  }
}
