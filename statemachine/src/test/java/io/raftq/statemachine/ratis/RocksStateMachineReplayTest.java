package io.raftq.statemachine.ratis;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.partition.Ack;
import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.LeaseRef;
import io.raftq.statemachine.partition.Nack;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionCommand;
import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.partition.Receive;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ratis adapter over real RocksDB, driven with log entries as Ratis hands them to followers: the same log
 * gives the same state digest on fresh replicas, replay of already-applied entries changes nothing, and a
 * replica restored from a checkpoint and fed the rest of the log converges.
 */
class RocksStateMachineReplayTest {
  @TempDir Path tmp;

  /** A seeded log of partition entries: sends (with repeated ids), receives, acks and nacks of earlier leases. */
  private static List<byte[]> log(long seed, int entries) {
    Random random = new Random(seed);
    List<byte[]> log = new ArrayList<>();
    long time = 1_000;
    int nextId = 0;
    for (int i = 0; i < entries; i++) {
      time += random.nextInt(3) == 0 ? -50 : random.nextInt(2_000); // leader clocks may go backwards
      List<PartitionCommand> commands = new ArrayList<>();
      int kind = random.nextInt(4);
      if (kind <= 1) {
        List<NewMessage> messages = new ArrayList<>();
        for (int m = 0; m < 1 + random.nextInt(5); m++) {
          String id = "id-" + (random.nextInt(4) == 0 ? random.nextInt(nextId + 1) : nextId++);
          messages.add(new NewMessage(id, "k" + random.nextInt(3), List.of(), ("p" + i).getBytes(StandardCharsets.UTF_8)));
        }
        commands.add(new Enqueue(messages, 60_000));
      } else if (kind == 2) {
        commands.add(new Receive("g" + random.nextInt(2), 1 + random.nextInt(4), 500 + random.nextInt(3_000)));
      } else {
        LeaseRef ref = new LeaseRef(random.nextInt(Math.max(1, nextId)), 1 + random.nextInt(Math.max(1, i)));
        commands.add(random.nextBoolean() ? new Ack("g0", List.of(ref)) : new Nack("g1", List.of(ref), 100));
      }
      byte[] body = PartitionCodec.encodeCommands(commands);
      log.add(ByteBuffer.allocate(EntryHeader.SIZE + body.length)
          .put(new EntryHeader(EntryHeader.FORMAT_V1, time).encode()).put(body).array());
    }
    return log;
  }

  private RocksStateMachine open(String name) throws Exception {
    RocksStateMachine sm =
        new RocksStateMachine(new PartitionReplicatedLogic(), tmp.resolve(name + "-state"), () -> 0L);
    Path sm0 = tmp.resolve(name + "-sm");
    Files.createDirectories(sm0);
    sm.openDetached(sm0);
    return sm;
  }

  /** Applies entries {@code [from, to)} of {@code log} at indexes from+1.. (term 1), as a follower would. */
  private static void apply(RocksStateMachine sm, List<byte[]> log, int from, int to) {
    for (int i = from; i < to; i++) {
      LogEntryProto entry = LogEntryProto.newBuilder().setTerm(1).setIndex(i + 1)
          .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(log.get(i))))
          .build();
      TransactionContext trx = TransactionContext.newBuilder()
          .setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build();
      sm.applyTransaction(trx).join();
    }
  }

  @Test
  void theSameLogGivesTheSameStateOnFreshReplicas() throws Exception {
    List<byte[]> log = log(42, 400);
    try (RocksStateMachine a = open("a"); RocksStateMachine b = open("b")) {
      apply(a, log, 0, log.size());
      apply(b, log, 0, log.size());
      assertThat(a.digestAtIndex()).isEqualTo(b.digestAtIndex());
      assertThat(a.digestAtIndex().appliedIndex()).isEqualTo(400);
    }
  }

  @Test
  void replayingAppliedEntriesAfterARestartChangesNothing() throws Exception {
    List<byte[]> log = log(7, 300);
    RocksStateMachine.DigestAtIndex before;
    try (RocksStateMachine a = open("a")) {
      apply(a, log, 0, 200);
      before = a.digestAtIndex();
    }
    try (RocksStateMachine again = open("a"); RocksStateMachine fresh = open("fresh")) {
      apply(again, log, 0, 200); // Ratis replays from the last snapshot: here, from the start
      assertThat(again.digestAtIndex()).isEqualTo(before);
      apply(again, log, 200, 300);
      apply(fresh, log, 0, 300);
      assertThat(again.digestAtIndex()).isEqualTo(fresh.digestAtIndex());
    }
  }

  @Test
  void aReplicaRestoredFromACheckpointConverges() throws Exception {
    List<byte[]> log = log(99, 300);
    try (RocksStateMachine leader = open("leader")) {
      apply(leader, log, 0, 150);
      long snapshotIndex = leader.takeSnapshot();
      assertThat(snapshotIndex).isEqualTo(150);
      apply(leader, log, 150, 300);

      // A replica that only has the checkpoint files (what install-snapshot ships), and no database.
      Path checkpoint = leader.getLatestSnapshot().getFiles().get(0).getPath().getParent();
      Path followerSm = tmp.resolve("follower-sm");
      FileTree.linkOrCopy(checkpoint, followerSm.resolve(checkpoint.getFileName().toString()));
      RocksStateMachine follower =
          new RocksStateMachine(new PartitionReplicatedLogic(), tmp.resolve("follower-state"), () -> 0L);
      follower.openDetached(followerSm);
      try (follower) {
        apply(follower, log, 150, 300);
        assertThat(follower.digestAtIndex()).isEqualTo(leader.digestAtIndex());
      }
    }
  }

  /**
   * Two snapshot installs in a row, the second landing while the first one's reload runs: Ratis then reports the
   * newer index as applied without reloading again (chaos kill-random, seed -8630640676348081751). The replica must
   * load the newer checkpoint before it applies the next entry, or it skips the entries in between and diverges.
   */
  @Test
  void aSnapshotInstalledWhileTheStateReloadedIsLoadedBeforeTheNextEntry() throws Exception {
    List<byte[]> log = log(5, 300);
    try (RocksStateMachine leader = open("leader"); RocksStateMachine follower = open("follower")) {
      apply(leader, log, 0, 100);
      leader.takeSnapshot();
      Path first = tmp.resolve("first-install");
      Path firstCheckpoint = leader.getLatestSnapshot().getFiles().get(0).getPath().getParent();
      FileTree.linkOrCopy(firstCheckpoint, first.resolve(firstCheckpoint.getFileName().toString()));
      apply(leader, log, 100, 200);
      leader.takeSnapshot();
      Path secondCheckpoint = leader.getLatestSnapshot().getFiles().get(0).getPath().getParent();
      apply(follower, log, 0, 50);

      Path followerSm = tmp.resolve("follower-sm");
      FileTree.linkOrCopy(first.resolve(firstCheckpoint.getFileName().toString()),
          followerSm.resolve(firstCheckpoint.getFileName().toString()));
      follower.reinitialize(); // the first install's reload
      FileTree.linkOrCopy(secondCheckpoint, followerSm.resolve(secondCheckpoint.getFileName().toString()));
      assertThat(follower.digestAtIndex().appliedIndex()).as("reloaded from the first install").isEqualTo(100);

      apply(follower, log, 200, 300); // Ratis goes on after the second install's index
      apply(leader, log, 200, 300);
      assertThat(follower.digestAtIndex()).isEqualTo(leader.digestAtIndex());
    }
  }
}
