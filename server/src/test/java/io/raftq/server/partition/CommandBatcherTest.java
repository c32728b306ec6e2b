package io.raftq.server.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.partition.Failed;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionResult;
import io.raftq.statemachine.partition.Purge;
import io.raftq.statemachine.ratis.ApplyFailedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every command of an entry gets an answer: its own result, or a failure when the reply cannot be read. */
@Timeout(30)
class CommandBatcherTest {
  private static RaftClientReply reply(byte[] body) {
    return RaftClientReply.newBuilder().setClientId(ClientId.randomId())
        .setServerId(RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"), RaftGroupId.randomId()))
        .setCallId(1).setSuccess(true).setMessage(Message.valueOf(ByteString.copyFrom(body))).build();
  }

  private static CommandBatcher answering(byte[] body) {
    return new CommandBatcher(b -> CompletableFuture.completedFuture(reply(body)), 1, 1 << 20, 10_000,
        new BatchStats(), Runnable::run);
  }

  @Test
  void aFailedCommandCompletesWithItsFailedResult() throws Exception {
    CommandBatcher batcher = answering(PartitionCodec.encodeResults(List.of(new Failed("bug"))));
    PartitionResult result = batcher.submit(new Purge(), 16).get(5, TimeUnit.SECONDS);
    assertThat(result).isEqualTo(new Failed("bug"));
  }

  @Test
  void anUnreadableReplyFailsTheCommandInsteadOfLeavingItUnanswered() {
    CommandBatcher batcher = answering(PartitionCodec.encodeResults(List.of()));
    CompletableFuture<PartitionResult> f = batcher.submit(new Purge(), 16);
    assertThat(f).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(ApplyFailedException.class);
  }
}
