package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.util.List;

/** Stores and reads message records under {@link PartitionKeys#MESSAGE_PREFIX}. */
final class MessageLog {
  private MessageLog() {}

  static void append(KvTransaction txn, long offset, String id, NewMessage m, long enqueuedAtMs) {
    // Sized once (this runs for every message on every replica): no regrowth, and no copy when exact.
    WireWriter w = new WireWriter(recordSize(id, m));
    w.i64(enqueuedAtMs).string(id).string(m.key());
    PartitionCodec.writeHeaders(w, m.headers());
    w.bytes(m.payload());
    txn.put(PartitionKeys.message(offset), w.toByteArray());
  }

  private static int recordSize(String id, NewMessage m) {
    int size = 8 + WireWriter.stringSize(id) + WireWriter.stringSize(m.key()) + 2 + 4 + m.payload().length;
    for (MessageHeader h : m.headers()) {
      size += WireWriter.stringSize(h.name()) + WireWriter.stringSize(h.value());
    }
    return size;
  }

  /**
   * The stored message at {@code offset} as delivered with {@code epoch}. A missing or unreadable record is an
   * invariant violation (the offset is retained), so it throws {@link IllegalStateException}.
   */
  static LeasedMessage read(KeyValueReader store, long offset, long epoch, int deliveries) {
    byte[] v = store.get(PartitionKeys.message(offset));
    if (v == null) {
      throw new IllegalStateException("message " + offset + " is retained but not stored");
    }
    try {
      WireReader r = new WireReader(v);
      long enqueuedAtMs = r.i64();
      String id = r.requiredString("id");
      String key = r.string();
      List<MessageHeader> headers = PartitionCodec.readHeaders(r);
      byte[] payload = r.bytes();
      r.expectEnd();
      return new LeasedMessage(id, offset, key, headers, payload, epoch, deliveries, enqueuedAtMs);
    } catch (InvalidCommandException e) {
      throw new IllegalStateException("corrupt message " + offset + ": " + e.getMessage(), e);
    }
  }

  /** The key of the stored message at {@code offset} (null when it has none), without copying its payload. */
  static String readKey(KeyValueReader store, long offset) {
    WireReader r = header(store, offset);
    try {
      r.requiredString("id");
      return r.string();
    } catch (InvalidCommandException e) {
      throw new IllegalStateException("corrupt message " + offset + ": " + e.getMessage(), e);
    }
  }

  /** The id of the stored message at {@code offset}, without copying its payload. */
  static String readId(KeyValueReader store, long offset) {
    try {
      return header(store, offset).requiredString("id");
    } catch (InvalidCommandException e) {
      throw new IllegalStateException("corrupt message " + offset + ": " + e.getMessage(), e);
    }
  }

  /** The id of the message at {@code offset}, or null once it is no longer stored (acked, removed, retained out). */
  static String findId(KeyValueReader store, long offset) {
    return store.get(PartitionKeys.message(offset)) == null ? null : readId(store, offset);
  }

  /** A reader positioned after the enqueue time of the retained message at {@code offset}. */
  private static WireReader header(KeyValueReader store, long offset) {
    byte[] v = store.get(PartitionKeys.message(offset));
    if (v == null) {
      throw new IllegalStateException("message " + offset + " is retained but not stored");
    }
    try {
      WireReader r = new WireReader(v);
      r.i64();
      return r;
    } catch (InvalidCommandException e) {
      throw new IllegalStateException("corrupt message " + offset + ": " + e.getMessage(), e);
    }
  }

  /** The stored message at {@code offset} with epoch 0, or null when it is not (or no longer) stored. */
  static LeasedMessage readIfPresent(KeyValueReader store, long offset) {
    return store.get(PartitionKeys.message(offset)) == null ? null : read(store, offset, 0, 0);
  }

  /** Deletes the messages in {@code [fromOffset, toOffset)} with one range delete. */
  static void deleteRange(KvTransaction txn, long fromOffset, long toOffset) {
    txn.deleteRange(PartitionKeys.message(fromOffset), PartitionKeys.message(toOffset));
  }
}
