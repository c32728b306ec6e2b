package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  @Test
  void doublesPerDeliveryWithinTwentyPercentAndStopsAtTheCap() {
    for (int n = 1; n <= 6; n++) {
      long expected = 1_000L << (n - 1);
      assertThat(RetryBackoff.delayMs(1_000, 60_000, 7, n)).isBetween(expected * 8 / 10, expected * 12 / 10);
    }
    for (int n = 7; n <= 80; n++) {
      assertThat(RetryBackoff.delayMs(1_000, 60_000, 7, n)).isBetween(48_000L, 72_000L);
    }
  }

  @Test
  void isTheSameEverywhereAndSpreadsMessagesThatFailedTogether() {
    assertThat(RetryBackoff.delayMs(1_000, 60_000, 42, 3)).isEqualTo(RetryBackoff.delayMs(1_000, 60_000, 42, 3));
    long distinct = java.util.stream.LongStream.range(0, 100)
        .map(offset -> RetryBackoff.delayMs(10_000, 60_000, offset, 1)).distinct().count();
    assertThat(distinct).isGreaterThan(50);
  }

  @Test
  void noBaseMeansNoBackoff() {
    assertThat(RetryBackoff.delayMs(0, 60_000, 1, 5)).isZero();
  }

  @Test
  void nacksAndExpiredLeasesOfAQueueWithBackoffStayInvisibleForTheBackoff() {
    PartitionFixture f = new PartitionFixture();
    f.at(1_000).send("m");
    java.util.function.Supplier<java.util.List<LeasedMessage>> receive = () ->
        ((Leased) f.applyOne(new Receive("g", 1, 1_000, 0, false, false, 0, 10_000, 60_000))).messages();
    LeasedMessage first = receive.get().get(0);
    long expiry = 1_000 + 1_000 + RetryBackoff.delayMs(10_000, 60_000, 0, 1); // lease end plus backoff
    f.at(expiry - 1);
    assertThat(receive.get()).isEmpty();
    f.at(expiry);
    LeasedMessage second = receive.get().get(0);
    assertThat(second.deliveries()).isEqualTo(2);
    // A nack with no delay of its own still waits the backoff of the second delivery.
    f.applyOne(new Nack("g", java.util.List.of(second.receipt()), 0, null, 10_000, 60_000));
    f.at(expiry + RetryBackoff.delayMs(10_000, 60_000, 0, 2) - 1);
    assertThat(receive.get()).isEmpty();
    f.at(expiry + RetryBackoff.delayMs(10_000, 60_000, 0, 2));
    assertThat(receive.get()).hasSize(1);
    assertThat(first.offset()).isZero();
  }
}
