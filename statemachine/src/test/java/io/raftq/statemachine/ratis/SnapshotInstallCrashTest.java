package io.raftq.statemachine.ratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.partition.Receive;
import io.raftq.statemachine.store.RocksStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Installing a snapshot on a follower, "crashed" after each step of {@link LiveDatabase#replaceWith} (the step hook
 * throws there, and the replica is abandoned as a killed process would leave it). At that instant the live
 * database is the old one or the new one, complete; a replica opened on the same directories then holds exactly
 * the checkpoint's state, no leftovers, and catches up on the rest of the log like its leader.
 */
@Timeout(120)
class SnapshotInstallCrashTest {
  private static final int OLD_INDEX = 40;
  private static final int SNAPSHOT_INDEX = 100;
  private static final int LAST_INDEX = 150;
  @TempDir Path tmp;

  @AfterEach
  void clearHooks() {
    LiveDatabase.setHookForTests(null);
    FailStop.setHaltForTests(null);
  }

  private static byte[] entry(int i) {
    byte[] body = PartitionCodec.encodeCommands(i % 3 == 0
        ? List.of(new Receive("g", 2, 30_000))
        : List.of(new Enqueue(List.of(new NewMessage("m" + i, null, List.of(),
            ("payload " + i + " ".repeat(600)).getBytes(StandardCharsets.UTF_8))), 60_000)));
    return ByteBuffer.allocate(EntryHeader.SIZE + body.length)
        .put(new EntryHeader(EntryHeader.FORMAT_V1, 1_000L * i).encode()).put(body).array();
  }

  private static void apply(RocksStateMachine sm, int from, int to) {
    for (int i = from; i <= to; i++) {
      LogEntryProto e = LogEntryProto.newBuilder().setTerm(1).setIndex(i)
          .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(entry(i))))
          .build();
      sm.applyTransaction(TransactionContext.newBuilder()
          .setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(e).build()).join();
    }
  }

  private RocksStateMachine open(String name) throws IOException {
    RocksStateMachine sm = new RocksStateMachine(new PartitionReplicatedLogic(), state(name), () -> 0L);
    Files.createDirectories(tmp.resolve(name + "-sm"));
    sm.openDetached(tmp.resolve(name + "-sm"));
    return sm;
  }

  private Path state(String name) {
    return tmp.resolve(name + "-state");
  }

  @ParameterizedTest
  @EnumSource(LiveDatabase.Step.class)
  void aCrashAtEachStepLeavesACompleteDatabaseAndTheReplicaCatchesUp(LiveDatabase.Step crashAfter) throws Exception {
    try (RocksStateMachine leader = open("leader")) {
      apply(leader, 1, SNAPSHOT_INDEX);
      assertThat(leader.takeSnapshot()).isEqualTo(SNAPSHOT_INDEX);
      RocksStateMachine.DigestAtIndex atSnapshot = leader.digestAtIndex();
      apply(leader, SNAPSHOT_INDEX + 1, LAST_INDEX);

      RocksStateMachine follower = open("follower");
      apply(follower, 1, OLD_INDEX);
      installCrashingAfter(follower, leader, crashAfter);

      // The instant of the crash: the pointer names a complete database, the old one or the new one.
      long liveIndex = appliedIndexOf(new LiveDatabase(state("follower")).current());
      assertThat(liveIndex).isEqualTo(crashAfter.compareTo(LiveDatabase.Step.SWAPPED) < 0 ? OLD_INDEX : SNAPSHOT_INDEX);

      try (RocksStateMachine restarted = open("follower")) {
        assertThat(restarted.digestAtIndex()).isEqualTo(atSnapshot);
        assertThat(databaseDirectories(state("follower"))).hasSize(1);
        apply(restarted, SNAPSHOT_INDEX + 1, LAST_INDEX); // Ratis replays from the snapshot
        assertThat(restarted.digestAtIndex()).isEqualTo(leader.digestAtIndex());
      }
    }
  }

  @Test
  void anUninterruptedInstallReopensAtTheCheckpointAndKeepsOneDatabase() throws Exception {
    try (RocksStateMachine leader = open("leader"); RocksStateMachine follower = open("follower")) {
      apply(leader, 1, SNAPSHOT_INDEX);
      leader.takeSnapshot();
      apply(follower, 1, OLD_INDEX);
      follower.pause();
      shipCheckpoint(leader, follower);
      follower.reinitialize();
      assertThat(follower.digestAtIndex()).isEqualTo(leader.digestAtIndex());
      assertThat(databaseDirectories(state("follower"))).containsExactly("db.1");
      apply(follower, SNAPSHOT_INDEX + 1, LAST_INDEX);
      apply(leader, SNAPSHOT_INDEX + 1, LAST_INDEX);
      assertThat(follower.digestAtIndex()).isEqualTo(leader.digestAtIndex());
    }
  }

  /** What Ratis does on the follower, with the restore crashing after {@code step}: the node would halt there. */
  private void installCrashingAfter(RocksStateMachine follower, RocksStateMachine leader, LiveDatabase.Step step)
      throws IOException {
    follower.pause();
    shipCheckpoint(leader, follower);
    LiveDatabase.setHookForTests(s -> {
      if (s == step) {
        throw new IOException("crash after " + s);
      }
    });
    FailStop.setHaltForTests(code -> {
      throw new ApplyFailureClassesTest.Halted(code);
    });
    assertThatThrownBy(follower::reinitialize).isInstanceOfSatisfying(ApplyFailureClassesTest.Halted.class,
        h -> assertThat(h.exitCode).isEqualTo(FailStop.STORAGE_FAILURE_EXIT_CODE));
    LiveDatabase.setHookForTests(null);
  }

  /** Replaces the follower's sm/ with the leader's latest checkpoint, as install-snapshot does. */
  private void shipCheckpoint(RocksStateMachine leader, RocksStateMachine follower) throws IOException {
    Path checkpoint = leader.getLatestSnapshot().getFiles().get(0).getPath().getParent();
    Path followerSm = tmp.resolve("follower-sm");
    FileTree.delete(followerSm);
    FileTree.linkOrCopy(checkpoint, followerSm.resolve(checkpoint.getFileName().toString()));
  }

  private static long appliedIndexOf(Path db) {
    try (RocksStore store = RocksStore.open(db)) {
      return RocksStateMachine.decodeIndex(store.get(RocksStateMachine.APPLIED_KEY)).getIndex();
    }
  }

  private static List<String> databaseDirectories(Path stateRoot) throws IOException {
    try (Stream<Path> s = Files.list(stateRoot)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LiveDatabase.POINTER)).sorted().toList();
    }
  }
}
