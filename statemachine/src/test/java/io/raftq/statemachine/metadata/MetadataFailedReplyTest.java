package io.raftq.statemachine.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A metadata entry the logic failed on answers the FAILED outcome with its reason, the same on every replica. */
class MetadataFailedReplyTest {
  @Test
  void failedReplyIsTheFailedOutcomeFollowedByTheReason() {
    byte[] reply = new MetadataLogic().failedReply(ByteBuffer.wrap(new byte[] {1, 2, 3}), "internal error: boom");
    assertThat(MetadataLogic.outcomeOf(reply)).isEqualTo(MetadataLogic.Outcome.FAILED);
    assertThat(new String(Arrays.copyOfRange(reply, 1, reply.length), StandardCharsets.UTF_8))
        .isEqualTo("internal error: boom");
    assertThat(new MetadataLogic().failedReply(ByteBuffer.allocate(0), "internal error: boom")).isEqualTo(reply);
  }
}
