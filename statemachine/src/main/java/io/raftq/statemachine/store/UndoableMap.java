package io.raftq.statemachine.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A transaction's own writes, ordered bytewise, that can be undone back to a save point. Nothing is recorded while
 * no save point is set, and what is recorded is the previous value's reference, never a copy: one list append per
 * write.
 */
final class UndoableMap {
  private static final byte[] ABSENT = new byte[0];
  private final TreeMap<byte[], byte[]> map;
  /** Pairs of (key, previous value or ABSENT), oldest first. */
  private final List<byte[][]> undo = new ArrayList<>();
  /** The undo-list size at each save point, latest on top. */
  private final Deque<Integer> savePoints = new ArrayDeque<>();

  UndoableMap(Map<byte[], byte[]> initial) {
    map = new TreeMap<>(Arrays::compareUnsigned);
    map.putAll(initial);
  }

  /** Read access; write only through this class. */
  NavigableMap<byte[], byte[]> view() {
    return map;
  }

  void put(byte[] key, byte[] value) {
    record(key, map.put(key, value));
  }

  void remove(byte[] key) {
    record(key, map.remove(key));
  }

  void removeRange(byte[] fromInclusive, byte[] toExclusive) {
    NavigableMap<byte[], byte[]> range = map.subMap(fromInclusive, true, toExclusive, false);
    if (!savePoints.isEmpty()) {
      range.forEach(this::record);
    }
    range.clear();
  }

  void setSavePoint() {
    savePoints.push(undo.size());
  }

  void rollbackToSavePoint() {
    if (savePoints.isEmpty()) {
      throw new IllegalStateException("no save point");
    }
    int mark = savePoints.pop();
    for (int i = undo.size() - 1; i >= mark; i--) {
      byte[][] change = undo.remove(i);
      if (change[1] == ABSENT) {
        map.remove(change[0]);
      } else {
        map.put(change[0], change[1]);
      }
    }
  }

  void releaseSavePoint() {
    if (savePoints.isEmpty()) {
      throw new IllegalStateException("no save point");
    }
    savePoints.pop();
    if (savePoints.isEmpty()) {
      undo.clear(); // nothing can roll back any more
    }
  }

  private void record(byte[] key, byte[] previous) {
    if (!savePoints.isEmpty()) {
      undo.add(new byte[][] {key, previous == null ? ABSENT : previous});
    }
  }
}
