package io.raftq.chaos.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws 0..size-1 in seeded rounds: each round is a fresh shuffle of all of them, so every one comes up once in
 * each round of {@code size} draws (a schedule's nemeses are all exercised, not at the mercy of a skewed draw).
 */
final class ShuffledDeck {
  private final int size;
  private final SplittableRandom random;
  private final List<Integer> left = new ArrayList<>();

  ShuffledDeck(int size, SplittableRandom random) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1: " + size);
    }
    this.size = size;
    this.random = random;
  }

  int next() {
    if (left.isEmpty()) {
      for (int i = 0; i < size; i++) {
        left.add(i);
      }
      for (int i = size - 1; i > 0; i--) {
        Collections.swap(left, i, random.nextInt(i + 1));
      }
    }
    return left.remove(left.size() - 1);
  }
}
