package io.raftq.statemachine.store;

import java.io.IOError;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.rocksdb.RocksDBException;

/** Tells storage failures (the disk or RocksDB failed) apart from failures of the logic that used the store. */
public final class StorageFailures {
  private StorageFailures() {}

  /**
   * Whether {@code t} or one of its causes is a storage failure: a {@link StoreException}, a RocksDB error or an
   * I/O error. Such a failure depends on this replica's disk, not on the log, so other replicas may not see it.
   */
  public static boolean isStorageFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof StoreException || c instanceof RocksDBException || c instanceof IOException
          || c instanceof UncheckedIOException || c instanceof IOError) {
        return true;
      }
    }
    return false;
  }
}
