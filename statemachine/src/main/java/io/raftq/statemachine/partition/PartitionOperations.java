package io.raftq.statemachine.partition;

import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of the partition's recent client operations ({@link Once}), so a retried purge or key release is
 * answered as the first attempt was instead of applied again. Purges and releases are rare, so the table is one
 * small value, kept in application order: {@code 'P' 'o' -> u16 n | n x (string operationId | i64 recordedAtMs |
 * i64 removed)}. An operation is forgotten {@link #WINDOW_MS} of log time after it was applied, or, oldest first,
 * when more than {@link #MAX_OPERATIONS} are kept; both only while applying an operation, so every replica keeps
 * the same list.
 */
final class PartitionOperations {
  static final long WINDOW_MS = 10 * 60_000;
  static final int MAX_OPERATIONS = 256;

  private record Remembered(String operationId, long recordedAtMs, long removed) {}

  private final List<Remembered> recent = new ArrayList<>();

  void load(KeyValueReader store) {
    recent.clear();
    byte[] v = store.get(PartitionKeys.OPERATIONS);
    if (v == null) {
      return;
    }
    WireReader r = new WireReader(v);
    int n = r.u16();
    for (int i = 0; i < n; i++) {
      recent.add(new Remembered(r.requiredString("operation id"), r.i64(), r.i64()));
    }
  }

  /** The first answer of {@code operationId}, or null if it is not (or no longer) remembered. */
  Removed answerOf(String operationId) {
    for (Remembered r : recent) {
      if (r.operationId().equals(operationId)) {
        return new Removed(r.removed());
      }
    }
    return null;
  }

  void remember(String operationId, long now, Removed answer, KvTransaction txn) {
    while (!recent.isEmpty()
        && (recent.size() >= MAX_OPERATIONS || now - recent.get(0).recordedAtMs() >= WINDOW_MS)) {
      recent.remove(0);
    }
    recent.add(new Remembered(operationId, now, answer.count()));
    WireWriter w = new WireWriter(64);
    w.u16(recent.size());
    for (Remembered r : recent) {
      w.string(r.operationId()).i64(r.recordedAtMs()).i64(r.removed());
    }
    txn.put(PartitionKeys.OPERATIONS, w.toByteArray());
  }
}
