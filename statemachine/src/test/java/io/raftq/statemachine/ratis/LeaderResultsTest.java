package io.raftq.statemachine.ratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.Leased;
import io.raftq.statemachine.partition.LeasedMessage;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionCommand;
import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.partition.PartitionResult;
import io.raftq.statemachine.partition.Purge;
import io.raftq.statemachine.partition.Receive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader answers from what it applied: an entry it started keeps its full results (leased messages with their
 * content) for the batcher, once; the reply every replica produces stays the same; a follower keeps nothing.
 */
class LeaderResultsTest {
  @TempDir Path tmp;
  private final PartitionReplicatedLogic leaderLogic = new PartitionReplicatedLogic();
  private final PartitionReplicatedLogic followerLogic = new PartitionReplicatedLogic();

  private RocksStateMachine open(PartitionReplicatedLogic logic, String name) throws Exception {
    RocksStateMachine sm = new RocksStateMachine(logic, tmp.resolve(name + "-state"), () -> 1_000L);
    Path dir = tmp.resolve(name + "-sm");
    Files.createDirectories(dir);
    sm.openDetached(dir);
    return sm;
  }

  /** The leader's path: startTransaction on the client request (it stamps the entry), then apply. */
  private static Applied applyAsLeader(RocksStateMachine sm, long index, PartitionCommand... commands) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(ClientId.randomId())
        .setServerId(RaftPeerId.valueOf("n1"))
        .setGroupId(RaftGroupId.randomId())
        .setCallId(index)
        .setMessage(Message.valueOf(ByteString.copyFrom(PartitionCodec.encodeCommands(List.of(commands)))))
        .setType(RaftClientRequest.writeRequestType())
        .build();
    try {
      TransactionContext trx = sm.startTransaction(request);
      LogEntryProto entry = trx.initLogEntry(1, index);
      return new Applied(entry, sm.applyTransaction(trx).join().getContent());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The follower's path: the same log entry, without a client request. */
  private static ByteString applyAsFollower(RocksStateMachine sm, LogEntryProto entry) {
    TransactionContext trx = TransactionContext.newBuilder()
        .setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build();
    return sm.applyTransaction(trx).join().getContent();
  }

  private record Applied(LogEntryProto entry, ByteString reply) {}

  private static Enqueue send(String id, String payload) {
    return new Enqueue(List.of(new NewMessage(id, "key-" + id, List.of(),
        payload.getBytes(StandardCharsets.UTF_8))), 0);
  }

  @Test
  void theLeaderKeepsTheFullResultsOfItsOwnEntryOnceAndTheReplyIsTheFollowersReply() throws Exception {
    try (RocksStateMachine leader = open(leaderLogic, "leader"); RocksStateMachine follower = open(followerLogic, "f")) {
      Applied first = applyAsLeader(leader, 1, send("a", "alpha"), new Receive("g", 10, 30_000));
      ByteString followerReply = applyAsFollower(follower, first.entry());

      List<PartitionResult> kept = leaderLogic.takeLeaderResults(1);
      assertThat(kept).hasSize(2);
      LeasedMessage m = ((Leased) kept.get(1)).messages().get(0);
      assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("alpha");
      assertThat(m.key()).isEqualTo("key-a");
      assertThat(leaderLogic.takeLeaderResults(1)).as("taken once").isNull();

      assertThat(first.reply()).as("what the log and the retry cache see does not depend on who applied it")
          .isEqualTo(followerReply);
      LeasedMessage slim = ((Leased) PartitionCodec.decodeResults(first.reply().asReadOnlyByteBuffer()).get(1))
          .messages().get(0);
      assertThat(slim.payload()).as("the reply stays slim").isEmpty();
      assertThat(followerLogic.takeLeaderResults(1)).as("a follower keeps nothing").isNull();
    }
  }

  @Test
  void theLeadersResultsStandWhenALaterEntryAlreadyRemovedTheMessage() throws Exception {
    try (RocksStateMachine leader = open(leaderLogic, "leader")) {
      applyAsLeader(leader, 1, send("a", "alpha"));
      Applied receive = applyAsLeader(leader, 2, new Receive("g", 10, 30_000));
      applyAsLeader(leader, 3, new Purge()); // applied before the batcher answered the receive

      LeasedMessage slim = ((Leased) PartitionCodec.decodeResults(receive.reply().asReadOnlyByteBuffer()).get(0))
          .messages().get(0);
      assertThatThrownBy(() -> PartitionReplicatedLogic.hydrate(leader.reader(), slim))
          .as("reading it back is too late").isInstanceOf(IllegalStateException.class);
      LeasedMessage kept = ((Leased) leaderLogic.takeLeaderResults(2).get(0)).messages().get(0);
      assertThat(PartitionReplicatedLogic.hydrate(leader.reader(), kept).payload())
          .isEqualTo("alpha".getBytes(StandardCharsets.UTF_8));
    }
  }
}
