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
}
