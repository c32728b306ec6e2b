package io.raftq.statemachine.store;

/** A store the state machine adapter applies entries to: one transaction per entry, committed atomically. */
public interface KeyValueStore extends KeyValueReader, AutoCloseable {

  KvTransaction begin();

  /** Makes every write of {@code txn} visible at once. */
  void commit(KvTransaction txn);

  /** Drops {@code txn} and every write in it (it must not be used afterwards). */
  void discard(KvTransaction txn);

  @Override
  void close();
}
