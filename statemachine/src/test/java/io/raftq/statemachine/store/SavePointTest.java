package io.raftq.statemachine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transaction save points on both stores: a rollback leaves reads exactly as they were at the save point (puts,
 * deletes and range deletes undone, on top of committed data), a released save point keeps its writes (an outer
 * one still undoes them), and the commit holds only what was kept. Random
 * operation sequences are checked against a plain sorted map as the model.
 */
@Timeout(60)
class SavePointTest {
  @TempDir Path tmp;

  @Test
  void memoryStore() {
    check(new MemoryStore());
  }

  @Test
  void rocksStore() {
    try (RocksStore store = RocksStore.open(tmp.resolve("db"))) {
      check(store);
    }
  }

  @Test
  void rollbackWithoutASavePointIsRefused() {
    assertThatThrownBy(() -> new MemoryStore().begin().rollbackToSavePoint()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new MemoryStore().begin().releaseSavePoint()).isInstanceOf(IllegalStateException.class);
    try (RocksStore store = RocksStore.open(tmp.resolve("db2"))) {
      KvTransaction txn = store.begin();
      assertThatThrownBy(txn::rollbackToSavePoint).isInstanceOf(IllegalStateException.class);
      store.discard(txn);
    }
  }

  private static void check(KeyValueStore store) {
    Random random = new Random(11);
    TreeMap<String, String> committed = new TreeMap<>();
    for (int round = 0; round < 30; round++) {
      KvTransaction txn = store.begin();
      TreeMap<String, String> model = new TreeMap<>(committed);
      List<TreeMap<String, String>> marks = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        int op = random.nextInt(10);
        if (op < 4) {
          String k = key(random);
          String v = "v" + random.nextInt(1000);
          txn.put(bytes(k), bytes(v));
          model.put(k, v);
        } else if (op < 6) {
          String k = key(random);
          txn.delete(bytes(k));
          model.remove(k);
        } else if (op == 6) {
          String a = key(random);
          String b = key(random);
          String from = a.compareTo(b) <= 0 ? a : b;
          String to = a.compareTo(b) <= 0 ? b : a;
          txn.deleteRange(bytes(from), bytes(to));
          model.subMap(from, true, to, false).clear();
        } else if (op < 9) {
          txn.setSavePoint();
          marks.add(new TreeMap<>(model));
        } else if (!marks.isEmpty() && random.nextBoolean()) {
          txn.rollbackToSavePoint();
          model = marks.remove(marks.size() - 1);
        } else if (!marks.isEmpty()) { // the command succeeded: its writes stay, an outer save point still undoes them
          txn.releaseSavePoint();
          marks.remove(marks.size() - 1);
        }
        assertThat(read(txn)).isEqualTo(model);
      }
      store.commit(txn);
      committed = model;
      assertThat(read(store)).isEqualTo(committed);
    }
  }

  private static String key(Random random) {
    return "k" + (char) ('a' + random.nextInt(20));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static TreeMap<String, String> read(KeyValueReader reader) {
    TreeMap<String, String> out = new TreeMap<>();
    reader.scan(new byte[0], (k, v) -> {
      out.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8));
      return true;
    });
    for (char c = 'a'; c < 'a' + 20; c++) { // point reads agree with the scan
      String k = "k" + c;
      byte[] v = reader.get(bytes(k));
      assertThat(v == null ? null : new String(v, StandardCharsets.UTF_8)).isEqualTo(out.get(k));
    }
    return out;
  }
}
