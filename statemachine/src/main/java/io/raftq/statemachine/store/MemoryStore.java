package io.raftq.statemachine.store;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/** An in-memory {@link KeyValueStore} with the same ordering as RocksDB's default comparator, for tests. */
public final class MemoryStore implements KeyValueStore {
  private final TreeMap<byte[], byte[]> data = new TreeMap<>(Arrays::compareUnsigned);

  @Override
  public synchronized byte[] get(byte[] key) {
    byte[] v = data.get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public synchronized void scan(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
    for (Map.Entry<byte[], byte[]> e : data.tailMap(prefix, true).entrySet()) {
      if (!Bytes.startsWith(e.getKey(), prefix) || !visitor.test(e.getKey().clone(), e.getValue().clone())) {
        return;
      }
    }
  }

  @Override
  public KvTransaction begin() {
    return new Txn();
  }

  @Override
  public synchronized void commit(KvTransaction txn) {
    Txn t = (Txn) txn;
    data.clear();
    data.putAll(t.view.view());
  }

  @Override
  public void discard(KvTransaction txn) {}

  @Override
  public void close() {}

  /** A copy-on-begin transaction: simple and obviously atomic, fine for test-sized data. */
  private final class Txn implements KvTransaction {
    private final UndoableMap view;

    Txn() {
      synchronized (MemoryStore.this) {
        view = new UndoableMap(data);
      }
    }

    @Override
    public byte[] get(byte[] key) {
      byte[] v = view.view().get(key);
      return v == null ? null : v.clone();
    }

    @Override
    public void scan(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
      for (Map.Entry<byte[], byte[]> e : view.view().tailMap(prefix, true).entrySet()) {
        if (!Bytes.startsWith(e.getKey(), prefix) || !visitor.test(e.getKey().clone(), e.getValue().clone())) {
          return;
        }
      }
    }

    @Override
    public void put(byte[] key, byte[] value) {
      view.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
      view.remove(key);
    }

    @Override
    public void deleteRange(byte[] fromInclusive, byte[] toExclusive) {
      view.removeRange(fromInclusive, toExclusive);
    }

    @Override
    public void setSavePoint() {
      view.setSavePoint();
    }

    @Override
    public void rollbackToSavePoint() {
      view.rollbackToSavePoint();
    }

    @Override
    public void releaseSavePoint() {
      view.releaseSavePoint();
    }
  }
}
