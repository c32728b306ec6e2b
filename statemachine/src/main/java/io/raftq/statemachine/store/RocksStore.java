package io.raftq.statemachine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.LRUCache;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link KeyValueStore} on RocksDB. Writes go without the RocksDB WAL: the Raft log is the write-ahead log,
 * and {@link #flushAndCheckpoint} makes everything durable before a snapshot lets Ratis purge that log. After a
 * crash the store is at some flushed state at or after the last snapshot; the adapter replays the log from there.
 */
public final class RocksStore implements KeyValueStore {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final Options options;
  private final WriteOptions writeOptions;

  private RocksStore(RocksDB db, Options options) {
    this.db = db;
    this.options = options;
    this.writeOptions = new WriteOptions().setDisableWAL(true);
  }

  /** Opens (creating if needed) the database in {@code dir}. */
  public static RocksStore open(Path dir) {
    Options options = tunedOptions();
    try {
      Files.createDirectories(dir);
      return new RocksStore(RocksDB.open(options, dir.toString()), options);
    } catch (RocksDBException e) {
      options.close();
      throw new StoreException("cannot open RocksDB at " + dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      options.close();
      throw new UncheckedIOException(e);
    }
  }

  /** One block cache for every store of the process: many partitions, one memory budget. */
  private static final LRUCache BLOCK_CACHE = new LRUCache(64L << 20);

  /**
   * Tuned for the queue's access pattern: point lookups that mostly miss (dedup ids, leases) need bloom filters,
   * and 1 KiB payloads written once and deleted soon should not be rewritten by every compaction, so values of
   * 512 bytes and more live in blob files that compaction does not copy.
   */
  private static Options tunedOptions() {
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setFilterPolicy(new BloomFilter(10, false))
        .setBlockCache(BLOCK_CACHE)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
    Options options = new Options()
        .setCreateIfMissing(true)
        .setKeepLogFileNum(2)
        .setMaxOpenFiles(256)
        .setTableFormatConfig(table)
        .setWriteBufferSize(32L << 20)
        .setMaxWriteBufferNumber(3)
        .setLevel0FileNumCompactionTrigger(8)
        .setEnableBlobFiles(true)
        .setMinBlobSize(512)
        .setBlobFileSize(64L << 20)
        .setEnableBlobGarbageCollection(true)
        .setMemtablePrefixBloomSizeRatio(0.1)
        .setMemtableWholeKeyFiltering(true);
    options.setMaxBackgroundJobs(2);
    return options;
  }

  @Override
  public byte[] get(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new StoreException("get failed", e);
    }
  }

  @Override
  public void scan(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
    try (RocksIterator it = db.newIterator()) {
      scan(it, prefix, visitor);
    }
  }

  static void scan(RocksIterator it, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
    for (it.seek(prefix); it.isValid(); it.next()) {
      byte[] key = it.key();
      if (!Bytes.startsWith(key, prefix) || !visitor.test(key, it.value())) {
        return;
      }
    }
    // An iterator also stops being valid on a read error (a bad block, an I/O error): that is not the end of the
    // data, and a load that took it for one would rebuild a replica with part of its state.
    try {
      it.status();
    } catch (RocksDBException e) {
      throw new StoreException("scan of " + Arrays.toString(prefix) + " failed", e);
    }
  }

  @Override
  public KvTransaction begin() {
    return new RocksTransaction(db);
  }

  @Override
  public void commit(KvTransaction txn) {
    RocksTransaction t = (RocksTransaction) txn;
    try (t) {
      db.write(writeOptions, t.batch());
    } catch (RocksDBException e) {
      throw new StoreException("write failed", e);
    }
  }

  /** Flushes memtables to SST files, then hard-links a consistent copy of the database into {@code target}. */
  public void flushAndCheckpoint(Path target) {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
        Checkpoint checkpoint = Checkpoint.create(db)) {
      db.flush(flush);
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new StoreException("checkpoint to " + target + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void discard(KvTransaction txn) {
    ((RocksTransaction) txn).close();
  }

  @Override
  public void close() {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
    } catch (RocksDBException e) {
      // The Raft log still holds everything since the last snapshot; replay repairs what is not flushed.
    }
    writeOptions.close();
    db.close();
    options.close();
  }

  /**
   * One entry's writes: a plain {@link WriteBatch} (which, unlike WriteBatchWithIndex, supports range deletes)
   * plus an in-memory overlay so that reads see the transaction's own writes.
   */
  private static final class RocksTransaction implements KvTransaction, AutoCloseable {
    private static final byte[] TOMBSTONE = new byte[0];
    private final RocksDB db;
    private final WriteBatch batch = new WriteBatch();
    private final UndoableMap overlay = new UndoableMap(Map.of());
    private final List<byte[][]> deletedRanges = new ArrayList<>();
    /** The number of deleted ranges at each save point, latest on top. */
    private final java.util.Deque<Integer> rangeSavePoints = new java.util.ArrayDeque<>();

    RocksTransaction(RocksDB db) {
      this.db = db;
    }

    WriteBatch batch() {
      return batch;
    }

    @Override
    public byte[] get(byte[] key) {
      byte[] v = overlay.view().get(key);
      if (v != null) {
        return v == TOMBSTONE ? null : v.clone();
      }
      if (inDeletedRange(key)) {
        return null;
      }
      try {
        return db.get(key);
      } catch (RocksDBException e) {
        throw new StoreException("get failed", e);
      }
    }

    private boolean inDeletedRange(byte[] key) {
      for (byte[][] r : deletedRanges) {
        if (Arrays.compareUnsigned(key, r[0]) >= 0 && Arrays.compareUnsigned(key, r[1]) < 0) {
          return true;
        }
      }
      return false;
    }

    /** Merges the database (minus deleted ranges) with the overlay, in key order. */
    @Override
    public void scan(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
      TreeMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
      try (RocksIterator it = db.newIterator()) {
        RocksStore.scan(it, prefix, (k, v) -> {
          if (!inDeletedRange(k)) {
            merged.put(k, v);
          }
          return true;
        });
      }
      for (Map.Entry<byte[], byte[]> e : overlay.view().tailMap(prefix, true).entrySet()) {
        if (!Bytes.startsWith(e.getKey(), prefix)) {
          break;
        }
        merged.put(e.getKey(), e.getValue());
      }
      for (Map.Entry<byte[], byte[]> e : merged.entrySet()) {
        if (e.getValue() != TOMBSTONE && !visitor.test(e.getKey().clone(), e.getValue().clone())) {
          return;
        }
      }
    }

    @Override
    public void put(byte[] key, byte[] value) {
      try {
        batch.put(key, value);
        overlay.put(key, value); // no copies: see KvTransaction (payloads pass through here on every apply)
      } catch (RocksDBException e) {
        throw new StoreException("put failed", e);
      }
    }

    @Override
    public void delete(byte[] key) {
      try {
        batch.delete(key);
        overlay.put(key, TOMBSTONE);
      } catch (RocksDBException e) {
        throw new StoreException("delete failed", e);
      }
    }

    @Override
    public void deleteRange(byte[] fromInclusive, byte[] toExclusive) {
      try {
        batch.deleteRange(fromInclusive, toExclusive);
        overlay.removeRange(fromInclusive, toExclusive);
        deletedRanges.add(new byte[][] {fromInclusive.clone(), toExclusive.clone()});
      } catch (RocksDBException e) {
        throw new StoreException("deleteRange failed", e);
      }
    }

    @Override
    public void setSavePoint() {
      batch.setSavePoint();
      overlay.setSavePoint();
      rangeSavePoints.push(deletedRanges.size());
    }

    @Override
    public void rollbackToSavePoint() {
      if (rangeSavePoints.isEmpty()) {
        throw new IllegalStateException("no save point");
      }
      try {
        batch.rollbackToSavePoint();
      } catch (RocksDBException e) {
        throw new StoreException("rollback to save point failed", e);
      }
      overlay.rollbackToSavePoint();
      deletedRanges.subList(rangeSavePoints.pop(), deletedRanges.size()).clear();
    }

    @Override
    public void releaseSavePoint() {
      if (rangeSavePoints.isEmpty()) {
        throw new IllegalStateException("no save point");
      }
      try {
        batch.popSavePoint();
      } catch (RocksDBException e) {
        throw new StoreException("pop save point failed", e);
      }
      overlay.releaseSavePoint();
      rangeSavePoints.pop();
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}
