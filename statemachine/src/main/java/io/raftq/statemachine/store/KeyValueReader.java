package io.raftq.statemachine.store;

import java.util.function.BiPredicate;

/** Read access to a store whose keys are ordered bytewise (unsigned lexicographic). */
public interface KeyValueReader {

  /** The value, or null when absent. */
  byte[] get(byte[] key);

  /**
   * Visits every entry whose key starts with {@code prefix}, in ascending key order, until the visitor returns
   * false.
   */
  void scan(byte[] prefix, BiPredicate<byte[], byte[]> visitor);
}
