package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupFilterTest {

  @Test
  void neverForgetsAnAddedIdAndRarelyClaimsAnUnknownOne() {
    DedupFilter f = new DedupFilter();
    for (int i = 0; i < 100_000; i++) {
      f.add(7, "id-" + i);
    }
    for (int i = 0; i < 100_000; i++) {
      assertThat(f.mightContain(7, "id-" + i)).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      if (f.mightContain(7, "other-" + i)) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).isLessThan(5_000);
    assertThat(f.mightContain(8, "id-1")).isFalse();
  }

  @Test
  void dropBeforeForgetsOlderBuckets() {
    DedupFilter f = new DedupFilter();
    f.add(1, "a");
    f.add(2, "b");
    f.dropBefore(2);
    assertThat(f.mightContain(1, "a")).isFalse();
    assertThat(f.mightContain(2, "b")).isTrue();
  }

  @Test
  void hashIsStable() {
    // Frozen: replicas and restarts must agree (the filter is rebuilt from the store with the same hash).
    assertThat(DedupFilter.hash("order-17")).isEqualTo(DedupFilter.hash(new String("order-17")));
    assertThat(DedupFilter.hash("a")).isNotEqualTo(DedupFilter.hash("b"));
  }
}
