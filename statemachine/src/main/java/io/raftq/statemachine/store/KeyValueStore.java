package io.raftq.statemachine.store;

/** A store the state machine adapter applies entries to: one transaction per entry, committed atomically. */
public interface KeyValueStore extends KeyValueReader, AutoCloseable {

  KvTransaction begin();

  /** Makes every write of {@code txn} visible at once. */
  void commit(KvTransaction txn);

  @Override
  void close();
}
