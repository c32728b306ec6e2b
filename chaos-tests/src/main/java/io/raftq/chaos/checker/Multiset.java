package io.raftq.chaos.checker;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A sorted multiset of strings with the operations the total-queue checker needs. */
final class Multiset {
  private final TreeMap<String, Long> counts = new TreeMap<>();

  void add(String value) {
    counts.merge(value, 1L, Long::sum);
  }

  long count(String value) {
    return counts.getOrDefault(value, 0L);
  }

  boolean contains(String value) {
    return counts.containsKey(value);
  }

  Set<String> elements() {
    return counts.keySet();
  }

  long size() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }

  /** Multiset difference: each count is {@code this − other}, dropped when not positive. */
  Multiset minus(Multiset other) {
    Multiset result = new Multiset();
    counts.forEach((v, n) -> result.put(v, n - other.count(v)));
    return result;
  }

  /** Multiset intersection: each count is the minimum of both. */
  Multiset intersect(Multiset other) {
    Multiset result = new Multiset();
    counts.forEach((v, n) -> result.put(v, Math.min(n, other.count(v))));
    return result;
  }

  /** The elements (with their counts) for which {@code keep} holds. */
  Multiset filter(java.util.function.Predicate<String> keep) {
    Multiset result = new Multiset();
    counts.forEach((v, n) -> result.put(keep.test(v) ? v : null, n));
    return result;
  }

  /** Each element once. */
  Multiset distinct() {
    Multiset result = new Multiset();
    counts.keySet().forEach(v -> result.put(v, 1));
    return result;
  }

  Map<String, Long> asMap() {
    return java.util.Collections.unmodifiableMap(counts);
  }

  private void put(String value, long count) {
    if (value != null && count > 0) {
      counts.put(value, count);
    }
  }
}
