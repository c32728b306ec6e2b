package io.raftq.statemachine.store;

/**
 * The writes of one log entry. Reads see the transaction's own writes. Nothing is visible to others until the
 * caller commits, and all of it is committed atomically with the applied index. A transaction may keep the
 * arrays passed to {@link #put} instead of copying them, so callers must not change them afterwards.
 */
public interface KvTransaction extends KeyValueReader {

  void put(byte[] key, byte[] value);

  void delete(byte[] key);

  /** Deletes every key in {@code [fromInclusive, toExclusive)}. */
  void deleteRange(byte[] fromInclusive, byte[] toExclusive);

  /**
   * Marks the current content so that {@link #rollbackToSavePoint} can undo what follows (one command of an
   * entry). Save points stack; one never rolled back is simply kept, its writes included, at commit.
   */
  void setSavePoint();

  /**
   * Undoes every write since the latest save point and removes it: reads see exactly what they saw when it was set.
   *
   * @throws IllegalStateException when no save point is set
   */
  void rollbackToSavePoint();

  /**
   * Forgets the latest save point, keeping every write since it (the command succeeded), so that what follows is
   * not recorded for a rollback that can no longer happen.
   *
   * @throws IllegalStateException when no save point is set
   */
  void releaseSavePoint();
}
