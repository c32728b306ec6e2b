package io.raftq.statemachine.partition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An in-memory Bloom filter per dedup bucket, so that the common case, a new id, needs no store lookup. It only
 * ever answers "definitely absent" or "maybe present", and a "maybe" is settled by the store, so it cannot change
 * a result: apply stays deterministic whatever the filter holds. Each bucket's filter grows by adding segments of
 * doubling capacity (a scalable Bloom filter), so memory follows the number of ids (about 10 bits each).
 */
final class DedupFilter {
  private static final int FIRST_CAPACITY = 1 << 12;
  private final TreeMap<Long, Scalable> byBucket = new TreeMap<>();

  void add(long bucket, String id) {
    byBucket.computeIfAbsent(bucket, b -> new Scalable()).add(hash(id));
  }

  boolean mightContain(long bucket, String id) {
    Scalable f = byBucket.get(bucket);
    return f != null && f.mightContain(hash(id));
  }

  /** Forgets every bucket below {@code bucket}. */
  void dropBefore(long bucket) {
    byBucket.headMap(bucket).clear();
  }

  void clear() {
    byBucket.clear();
  }

  /** A 64-bit FNV-1a over the UTF-8 bytes, finished with a murmur3 mix: the same on every replica. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static final class Scalable {
    private final List<Segment> segments = new ArrayList<>();

    void add(long h) {
      Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
      if (last == null || last.isFull()) {
        last = new Segment(last == null ? FIRST_CAPACITY : last.capacity * 2);
        segments.add(last);
      }
      last.add(h);
    }

    boolean mightContain(long h) {
      for (Segment s : segments) {
        if (s.mightContain(h)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A classic Bloom filter: 10 bits and 5 probes per element (about 1% false positives when full). */
  private static final class Segment {
    private static final int PROBES = 5;
    final int capacity;
    private final long[] bits;
    private final long bitCount;
    private int size;

    Segment(int capacity) {
      this.capacity = capacity;
      this.bitCount = capacity * 10L;
      this.bits = new long[(int) ((bitCount + 63) / 64)];
    }

    boolean isFull() {
      return size >= capacity;
    }

    void add(long h) {
      for (int i = 0; i < PROBES; i++) {
        long bit = probe(h, i);
        bits[(int) (bit >>> 6)] |= 1L << bit;
      }
      size++;
    }

    boolean mightContain(long h) {
      for (int i = 0; i < PROBES; i++) {
        long bit = probe(h, i);
        if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
          return false;
        }
      }
      return true;
    }

    private long probe(long h, int i) {
      long combined = (h ^ (h >>> 32) * 31) + (long) i * ((h >>> 32) | 1);
      return Math.floorMod(combined, bitCount);
    }
  }
}
