package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Golden store contents: the key layout is a persistent format (snapshots outlive releases). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StoreLayoutTest {

  @Test
  void goldenStoreAfterSendAndReceive() {
    PartitionFixture f = new PartitionFixture().dedupWindow(1_000);
    f.at(2_500).applyOne(new Enqueue(List.of(new NewMessage("a", null, List.of(), new byte[] {7})), 1_000));
    f.at(3_000).receive("g", 1, 500);

    assertThat(f.dump())
        .containsExactly(
            // 'P' 'M' meta: version 2, nextOffset 1, firstRetained 0, lastTime 3000, lastEpoch 1, window 1000,
            // bucket 2, lastDeadLetterSeq 0, forwardedDeadLetterSeq 0, consumer dedup window 0, its bucket 0,
            // 1 payload byte retained
            "504d=02" + "0000000000000001" + "0000000000000000" + "0000000000000bb8" + "0000000000000001"
                + "00000000000003e8" + "0000000000000002" + "0000000000000000" + "0000000000000000"
                + "0000000000000000" + "0000000000000000" + "0000000000000001",
            // 'P' 'd' bucket 2 "a" -> offset 0, storedAt 2500
            "50640000000000000002" + "61" + "=" + "0000000000000000" + "00000000000009c4",
            // 'P' 'g' "g" -> readCursor 1, ackFloor 0
            "506767=" + "0000000000000001" + "0000000000000000",
            // 'P' 'l' len 1 "g" offset 0 -> epoch 1, visibleAt 3500, deliveries 1, flags 4: deliveredAt 3000
            "506c" + "0001" + "67" + "0000000000000000" + "=" + "0000000000000001" + "0000000000000dac" + "00000001"
                + "04" + "0000000000000bb8",
            // 'P' 'm' offset 0 -> enqueuedAt 2500, id "a", key null, no headers, payload 07
            "506d0000000000000000=" + "00000000000009c4" + "00000001" + "61" + "ffffffff" + "0000" + "00000001"
                + "07");
  }
}
