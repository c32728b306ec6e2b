package io.raftq.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.protocol.Limits;
import org.junit.jupiter.api.Test;

class ReceiveOperationTest {
  @Test
  void eachPartitionAskedGetsAnEqualShareOfTheByteBound() {
    assertThat(ReceiveOperation.wireMaxBytes(100_000, 4)).isEqualTo(25_000);
    assertThat(ReceiveOperation.wireMaxBytes(Limits.MAX_RECEIVE_BYTES, 2)).isEqualTo(Limits.MAX_RECEIVE_BYTES / 2);
    assertThat(ReceiveOperation.wireMaxBytes(3, 10)).as("never 0: that would mean the node's bound").isEqualTo(1);
  }

  @Test
  void aShareOfAtLeastTheLargestBoundTravelsAsAPlainReceive() {
    assertThat(ReceiveOperation.wireMaxBytes(Limits.MAX_RECEIVE_BYTES, 1)).isZero();
    assertThat(ReceiveOperation.wireMaxBytes(Integer.MAX_VALUE, 2)).isZero();
  }
}
