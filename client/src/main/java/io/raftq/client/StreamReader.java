package io.raftq.client;

import io.raftq.protocol.Delivery;
import io.raftq.protocol.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a queue or topic as a stream group: each partition in offset order from the group's committed offset,
 * leasing nothing, so any number of stream groups read the same messages independently. Positions are kept here
 * and written back with {@link #commit}; a reader that crashes before committing reads the same messages again
 * (at-least-once). Commits never move a group's offset back (a late commit from an old reader is ignored); the
 * seeks do. Not thread-safe.
 */
public final class StreamReader {
  private final Admin admin;
  private final String queue;
  private final String group;
  private final long[] positions;

  /** Starts at the group's committed offsets (the oldest stored message where it has none). */
  public StreamReader(RaftqClient client, String queue, String group) {
    this.admin = client.admin();
    this.queue = queue;
    this.group = group;
    int partitions = admin.describeQueue(queue).join().queue().partitions();
    this.positions = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      Response.Position pos = admin.streamPosition(queue, group, p).join();
      positions[p] = Math.max(pos.committed(), pos.first());
    }
  }

  /** Up to {@code maxPerPartition} messages from each partition, from the current positions, which move past them. */
  public List<Delivery> poll(int maxPerPartition) {
    List<Delivery> out = new ArrayList<>();
    for (int p = 0; p < positions.length; p++) {
      Response.Browsed page = admin.browse(queue, p, positions[p], maxPerPartition).join();
      out.addAll(page.messages());
      positions[p] = Math.max(positions[p], page.nextOffset());
    }
    return out;
  }

  /** Writes the current positions back as the group's committed offsets. */
  public void commit() {
    for (int p = 0; p < positions.length; p++) {
      positions[p] = admin.commitOffset(queue, group, p, positions[p], false).join();
    }
  }

  /** Moves the group to the oldest stored message of every partition (committed at once). */
  public void seekToBeginning() {
    seekAll(p -> admin.streamPosition(queue, group, p).join().first());
  }

  /** Moves the group past every stored message (committed at once). */
  public void seekToEnd() {
    seekAll(p -> admin.streamPosition(queue, group, p).join().next());
  }

  /** Moves the group to the first message of every partition enqueued at or after {@code time}. */
  public void seekToTime(Instant time) {
    seekAll(p -> admin.offsetForTime(queue, p, time.toEpochMilli()).join());
  }

  /** Moves the group to {@code offset} in {@code partition} (committed at once). */
  public void seek(int partition, long offset) {
    positions[partition] = admin.commitOffset(queue, group, partition, offset, true).join();
  }

  /** The current (uncommitted) position in each partition. */
  public long[] positions() {
    return positions.clone();
  }

  private void seekAll(java.util.function.IntToLongFunction target) {
    for (int p = 0; p < positions.length; p++) {
      seek(p, target.applyAsLong(p));
    }
  }
}
