package io.raftq.statemachine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOError;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;

/** Which failures are the disk's (the node stops) and which are the logic's (the command fails, deterministically). */
class StorageFailuresTest {
  @Test
  void storageFailuresAreRecognisedAlsoWhenWrapped() {
    assertThat(StorageFailures.isStorageFailure(new StoreException("write failed", new RocksDBException("io"))))
        .isTrue();
    assertThat(StorageFailures.isStorageFailure(new UncheckedIOException(new IOException("disk full")))).isTrue();
    assertThat(StorageFailures.isStorageFailure(new IllegalStateException("wrapped",
        new RuntimeException(new RocksDBException("corruption"))))).isTrue();
    assertThat(StorageFailures.isStorageFailure(new IOError(new IOException("eio")))).isTrue();
  }

  @Test
  void logicFailuresAreNotStorageFailures() {
    assertThat(StorageFailures.isStorageFailure(new IllegalStateException("invariant broken"))).isFalse();
    assertThat(StorageFailures.isStorageFailure(new NullPointerException())).isFalse();
    assertThat(StorageFailures.isStorageFailure(new IllegalArgumentException("bad entry",
        new ArithmeticException("overflow")))).isFalse();
    assertThat(StorageFailures.isStorageFailure(new ClassCastException())).isFalse();
  }
}
