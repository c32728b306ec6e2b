package io.raftq.statemachine.ratis;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.store.RocksStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process-level version of {@link SnapshotInstallCrashTest}: a child JVM restoring a checkpoint is halted
 * (no shutdown hooks, no cleanup, like kill -9) right after each step; the parent then finds a complete live
 * database (old before the swap, new after) and a replica that opens at the checkpoint with the leader's state.
 * A halted process keeps what the OS already has; losing unsynced page cache (power loss) is what the fsyncs are
 * for, which this test cannot show.
 */
@Timeout(300)
class SnapshotInstallKillTest {
  @TempDir Path tmp;

  private static void apply(RocksStateMachine sm, int from, int to) {
    for (int i = from; i <= to; i++) {
      byte[] body = PartitionCodec.encodeCommands(List.of(new Enqueue(List.of(new NewMessage("m" + i, null,
          List.of(), ("payload " + i + " ".repeat(600)).getBytes(StandardCharsets.UTF_8))), 60_000)));
      byte[] data = ByteBuffer.allocate(EntryHeader.SIZE + body.length)
          .put(new EntryHeader(EntryHeader.FORMAT_V1, 1_000L * i).encode()).put(body).array();
      LogEntryProto e = LogEntryProto.newBuilder().setTerm(1).setIndex(i)
          .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(data)))
          .build();
      sm.applyTransaction(TransactionContext.newBuilder()
          .setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(e).build()).join();
    }
  }

  private static RocksStateMachine open(Path state, Path smDir) throws Exception {
    Files.createDirectories(smDir);
    RocksStateMachine sm = new RocksStateMachine(new PartitionReplicatedLogic(), state, () -> 0L);
    sm.openDetached(smDir);
    return sm;
  }

  @Test
  void aReplicaKilledAfterAnyRestoreStepOpensAtTheCheckpoint() throws Exception {
    RocksStateMachine.DigestAtIndex atSnapshot;
    Path checkpoint;
    try (RocksStateMachine leader = open(tmp.resolve("leader-state"), tmp.resolve("leader-sm"))) {
      apply(leader, 1, 100);
      leader.takeSnapshot();
      atSnapshot = leader.digestAtIndex();
      checkpoint = leader.getLatestSnapshot().getFiles().get(0).getPath().getParent();
    }
    for (LiveDatabase.Step step : LiveDatabase.Step.values()) {
      Path state = tmp.resolve(step + "-state");
      Path smDir = tmp.resolve(step + "-sm");
      try (RocksStateMachine follower = open(state, smDir)) {
        apply(follower, 1, 40);
      }
      FileTree.linkOrCopy(checkpoint, smDir.resolve(checkpoint.getFileName().toString())); // as install does

      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RestoreKillChild.class.getName(),
          state.toString(), smDir.toString(), step.name())
          .redirectErrorStream(true).redirectOutput(tmp.resolve(step + ".log").toFile()).start();
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed after " + step).isEqualTo(RestoreKillChild.KILLED_EXIT_CODE);

      try (RocksStore live = RocksStore.open(new LiveDatabase(state).current())) {
        long index = RocksStateMachine.decodeIndex(live.get(RocksStateMachine.APPLIED_KEY)).getIndex();
        assertThat(index).as("live index after a kill after " + step)
            .isEqualTo(step.compareTo(LiveDatabase.Step.SWAPPED) < 0 ? 40 : 100);
      }
      try (RocksStateMachine restarted = open(state, smDir)) {
        assertThat(restarted.digestAtIndex()).as("reopened after a kill after " + step).isEqualTo(atSnapshot);
      }
    }
  }
}
