package io.raftq.server.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.partition.Failed;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionResult;
import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.Leased;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.PartitionCommand;
import io.raftq.statemachine.partition.Purge;
import io.raftq.statemachine.partition.Receive;
import io.raftq.statemachine.partition.Removed;
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

  /** Answers every entry with one Purge-style result per command and records the commands of each entry. */
  private static final class RecordingRaft {
    final List<List<PartitionCommand>> entries = new java.util.concurrent.CopyOnWriteArrayList<>();

    CompletableFuture<RaftClientReply> submit(ByteString body) {
      List<PartitionCommand> commands = PartitionCodec.decodeCommands(body.asReadOnlyByteBuffer());
      entries.add(commands);
      List<PartitionResult> results = commands.stream()
          .map(c -> (PartitionResult) (c instanceof Receive ? new Leased(List.of()) : new Removed(0)))
          .toList();
      return CompletableFuture.completedFuture(reply(PartitionCodec.encodeResults(results)));
    }
  }

  private static Receive receive(String group) {
    return new Receive(group, 10, 30_000, 0, false, false, 0, 0, 0, false, 1 << 20);
  }

  private static Enqueue send(String id) {
    return new Enqueue(List.of(new NewMessage(id, null, List.of(), new byte[8], 0, null)), 0);
  }

  @Test
  void parkedReceivesRideAfterTheSendsOfAnEntryAndGetTheirOwnResults() throws Exception {
    RecordingRaft raft = new RecordingRaft();
    CommandBatcher batcher = new CommandBatcher(raft::submit, 1, 1 << 20, 10_000, new BatchStats(), Runnable::run);
    List<CompletableFuture<PartitionResult>> riderResults = new java.util.ArrayList<>();
    List<ReceiveWaiters.Ride> parked = new java.util.ArrayList<>(List.of(
        new ReceiveWaiters.Ride(receive("g1"), riderResults::add),
        new ReceiveWaiters.Ride(receive("g2"), riderResults::add)));
    batcher.ridersFrom(max -> {
      List<ReceiveWaiters.Ride> taken = List.copyOf(parked.subList(0, Math.min(max, parked.size())));
      parked.removeAll(taken);
      return taken;
    });

    PartitionResult purged = batcher.submit(new Purge(), 16).get(5, TimeUnit.SECONDS);
    assertThat(raft.entries.get(0)).as("an entry without sends carries no rider").containsExactly(new Purge());
    assertThat(purged).isEqualTo(new Removed(0));

    batcher.submit(send("m1"), 64).get(5, TimeUnit.SECONDS);
    assertThat(raft.entries.get(1)).containsExactly(send("m1"), receive("g1"), receive("g2"));
    assertThat(riderResults).hasSize(2);
    for (CompletableFuture<PartitionResult> r : riderResults) {
      assertThat(r.get(5, TimeUnit.SECONDS)).isEqualTo(new Leased(List.of()));
    }
    assertThat(parked).isEmpty();
  }

  @Test
  void ridersTakeOnlyTheRoomLeftInTheEntry() throws Exception {
    RecordingRaft raft = new RecordingRaft();
    // Room for the send (1000 bytes) and one 64-byte rider, not two.
    CommandBatcher batcher = new CommandBatcher(raft::submit, 1, 1000 + 64 + 63, 10_000, new BatchStats(),
        Runnable::run);
    java.util.concurrent.atomic.AtomicInteger askedFor = new java.util.concurrent.atomic.AtomicInteger(-1);
    batcher.ridersFrom(max -> {
      askedFor.set(max);
      return List.of();
    });
    batcher.submit(send("m1"), 1000).get(5, TimeUnit.SECONDS);
    assertThat(askedFor).hasValue(1);
  }
}
