package io.raftq.statemachine.ratis;

import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import java.nio.ByteBuffer;

/**
 * Deterministic logic replicated through the Raft log. Implementations never read a clock or a random source
 * and never iterate unordered collections while applying: every replica must reach byte-identical state.
 */
public interface ReplicatedLogic {

  /** Rebuilds in-memory state from the store (at open and after a snapshot was installed). */
  void load(KeyValueReader store);

  /**
   * Checks a command body on the leader before it enters the log.
   *
   * @throws IllegalArgumentException with a message for the client when the body is malformed
   */
  void validate(ByteBuffer body);

  /**
   * Applies one entry. {@code entryTimeMs} is the leader's clock when it accepted the entry (not monotonic; the
   * logic keeps its own monotonic time). Domain failures are part of the returned reply, never exceptions. A
   * {@link RuntimeException} that is not a storage failure is a bug in the logic: the adapter then drops the
   * entry's writes, reloads the logic ({@link #load}) and answers {@link #failedReply}.
   */
  byte[] apply(long index, long entryTimeMs, ByteBuffer body, KvTransaction txn);

  /**
   * As {@link #apply}, for an entry this replica started as leader: its callers wait here for the results, so
   * the logic may keep them in memory for them (it must not change what it writes or replies).
   */
  default byte[] applyStartedHere(long index, long entryTimeMs, ByteBuffer body, KvTransaction txn) {
    return apply(index, entryTimeMs, body, txn);
  }

  /**
   * The reply to an entry whose {@link #apply} threw (nothing of it changed state): one failure per command. It
   * depends only on its arguments, so every replica answers the same. {@code body} may be malformed.
   */
  byte[] failedReply(ByteBuffer body, String reason);

  /** Answers a read-only query against applied state. */
  default byte[] query(ByteBuffer request) {
    throw new UnsupportedOperationException("no queries");
  }
}
