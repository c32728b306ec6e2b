package io.raftq.statemachine.metadata;

import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answers of recent client operations ({@link MetadataCommand.Once}), so that a client's retry of a write
 * whose answer it lost gets that answer instead of applying the write again (and, say, being told its own new
 * queue already exists). Kept in the store, so a restarted replica or a new leader answers the same:
 *
 * <pre>
 * 'o' | i64 index  ->  u16 length | UTF-8 operation id | i64 recordedAtMs | answer (the rest)
 * </pre>
 *
 * <p>Bounded and expired deterministically: an operation is forgotten {@link #WINDOW_MS} of log time after it was
 * applied, or earlier, oldest (lowest index) first, when more than {@link #MAX_OPERATIONS} operations or
 * {@link #MAX_ANSWER_BYTES} of answers are kept. Expiry happens only while applying an operation and walks the
 * index-ordered map from its oldest entry, using the entry's log time: the same on every replica. The hash map is
 * used for lookups only, never iterated.
 */
final class RecentOperations {
  static final byte[] PREFIX = {'o'};
  /** Far longer than any client keeps retrying one call (the Java client's delivery timeout is 30 s by default). */
  static final long WINDOW_MS = 10 * 60_000;
  static final int MAX_OPERATIONS = 10_000;
  static final long MAX_ANSWER_BYTES = 16L << 20;

  private record Remembered(long index, String operationId, long recordedAtMs, byte[] answer) {}

  private final TreeMap<Long, Remembered> byIndex = new TreeMap<>();
  private final Map<String, Remembered> byId = new HashMap<>();
  private long answerBytes;

  void load(KeyValueReader store) {
    byIndex.clear();
    byId.clear();
    answerBytes = 0;
    store.scan(PREFIX, (k, v) -> {
      add(decode(Bytes.readLongBE(k, PREFIX.length), v));
      return true;
    });
  }

  /** The answer the operation got when it was applied, or null if it is not (or no longer) remembered. */
  byte[] answerOf(String operationId) {
    Remembered r = byId.get(operationId);
    return r == null ? null : r.answer().clone();
  }

  /** Records the answer of the operation applied at {@code index}, after forgetting what has expired by then. */
  void remember(String operationId, long index, long entryTimeMs, byte[] answer, KvTransaction txn) {
    expire(entryTimeMs, answer.length, txn);
    Remembered r = new Remembered(index, operationId, entryTimeMs, answer.clone());
    add(r);
    txn.put(key(index), encode(r));
  }

  int size() {
    return byIndex.size();
  }

  private void expire(long nowMs, int incomingBytes, KvTransaction txn) {
    while (!byIndex.isEmpty()) {
      Remembered oldest = byIndex.firstEntry().getValue();
      boolean isFull = byIndex.size() >= MAX_OPERATIONS || answerBytes + incomingBytes > MAX_ANSWER_BYTES;
      if (!isFull && nowMs - oldest.recordedAtMs() < WINDOW_MS) {
        return;
      }
      byIndex.remove(oldest.index());
      byId.remove(oldest.operationId(), oldest);
      answerBytes -= oldest.answer().length;
      txn.delete(key(oldest.index()));
    }
  }

  private void add(Remembered r) {
    byIndex.put(r.index(), r);
    byId.put(r.operationId(), r);
    answerBytes += r.answer().length;
  }

  private static byte[] key(long index) {
    return Bytes.concat(PREFIX, Bytes.longBE(index));
  }

  private static byte[] encode(Remembered r) {
    byte[] id = r.operationId().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + id.length + 8 + r.answer().length).putShort((short) id.length).put(id)
        .putLong(r.recordedAtMs()).put(r.answer()).array();
  }

  private static Remembered decode(long index, byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    byte[] id = new byte[b.getShort() & 0xFFFF];
    b.get(id);
    long recordedAtMs = b.getLong();
    byte[] answer = new byte[b.remaining()];
    b.get(answer);
    return new Remembered(index, new String(id, StandardCharsets.UTF_8), recordedAtMs, answer);
  }
}
