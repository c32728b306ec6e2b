package io.raftq.statemachine.ratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.statemachine.partition.Enqueue;
import io.raftq.statemachine.partition.Failed;
import io.raftq.statemachine.partition.NewMessage;
import io.raftq.statemachine.partition.PartitionCodec;
import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.partition.PartitionResult;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

/**
 * The adapter's failure classes, over real RocksDB: an entry whose logic throws (outside any one command) answers
 * FAILED for each command, records its index and nothing else, and the replica goes on; a storage failure or an
 * Error halts the node with its exit code, committing nothing.
 */
@Timeout(60)
class ApplyFailureClassesTest {
  @TempDir Path tmp;

  /** Thrown by the test's halt instead of stopping the JVM. */
  static final class Halted extends Error {
    final int exitCode;

    Halted(int exitCode) {
      super("halted with " + exitCode);
      this.exitCode = exitCode;
    }
  }

  /** Partition logic that, while {@code fault} is set, applies the entry (writes and memory) and then throws it. */
  static final class FaultyLogic implements ReplicatedLogic {
    final PartitionReplicatedLogic delegate = new PartitionReplicatedLogic();
    volatile Supplier<Throwable> fault;

    @Override
    public void load(KeyValueReader store) {
      delegate.load(store);
    }

    @Override
    public void validate(ByteBuffer body) {
      delegate.validate(body);
    }

    @Override
    public byte[] apply(long index, long entryTimeMs, ByteBuffer body, KvTransaction txn) {
      byte[] reply = delegate.apply(index, entryTimeMs, body, txn);
      Supplier<Throwable> f = fault;
      if (f != null) {
        Throwable t = f.get();
        if (t instanceof RuntimeException r) {
          throw r;
        }
        throw (Error) t;
      }
      return reply;
    }

    @Override
    public byte[] failedReply(ByteBuffer body, String reason) {
      return delegate.failedReply(body, reason);
    }
  }

  @AfterEach
  void restoreHalt() {
    FailStop.setHaltForTests(null);
  }

  private RocksStateMachine open(String name, ReplicatedLogic logic) throws Exception {
    RocksStateMachine sm = new RocksStateMachine(logic, tmp.resolve(name + "-state"), () -> 0L);
    Path smDir = tmp.resolve(name + "-sm");
    Files.createDirectories(smDir);
    sm.openDetached(smDir);
    return sm;
  }

  private static byte[] sendEntry(long timeMs, String... ids) {
    List<NewMessage> messages = new java.util.ArrayList<>();
    for (String id : ids) {
      messages.add(new NewMessage(id, null, List.of(), id.getBytes(StandardCharsets.UTF_8)));
    }
    byte[] body = PartitionCodec.encodeCommands(List.of(new Enqueue(messages, 60_000), new Enqueue(List.of(), 0)));
    return ByteBuffer.allocate(EntryHeader.SIZE + body.length)
        .put(new EntryHeader(EntryHeader.FORMAT_V1, timeMs).encode()).put(body).array();
  }

  private static List<PartitionResult> apply(RocksStateMachine sm, long index, byte[] data) {
    LogEntryProto entry = LogEntryProto.newBuilder().setTerm(1).setIndex(index)
        .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(data)))
        .build();
    TransactionContext trx = TransactionContext.newBuilder()
        .setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build();
    Message reply = sm.applyTransaction(trx).join();
    return PartitionCodec.decodeResults(reply.getContent().asReadOnlyByteBuffer());
  }

  @Test
  void anEntryWhoseLogicThrowsAnswersFailedChangesNothingAndTheReplicaGoesOn() throws Exception {
    FaultyLogic faulty = new FaultyLogic();
    try (RocksStateMachine sm = open("faulty", faulty);
        RocksStateMachine reference = open("reference", new PartitionReplicatedLogic())) {
      apply(sm, 1, sendEntry(1_000, "a"));
      apply(reference, 1, sendEntry(1_000, "a"));

      faulty.fault = () -> new IllegalStateException("invariant broken");
      List<PartitionResult> failed = apply(sm, 2, sendEntry(2_000, "b"));
      faulty.fault = null;
      assertThat(failed).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(Failed.class));
      assertThat(((Failed) failed.get(0)).reason()).contains("IllegalStateException: invariant broken");

      apply(sm, 3, sendEntry(3_000, "c"));
      apply(reference, 2, sendEntry(3_000, "c"));
      assertThat(sm.digestAtIndex().digestHex()).isEqualTo(reference.digestAtIndex().digestHex());
      assertThat(sm.appliedIndex()).isEqualTo(3);
    }
    // The failed entry's index is stored: a restart skips it instead of applying it now that it would work.
    try (RocksStateMachine again = open("faulty", new PartitionReplicatedLogic())) {
      assertThat(RocksStateMachine.decodeIndex(again.reader().get(RocksStateMachine.APPLIED_KEY)).getIndex())
          .isEqualTo(3);
    }
  }

  @Test
  void aStorageFailureHaltsWithTheStorageExitCodeAndCommitsNothing() throws Exception {
    FailStop.setHaltForTests(code -> {
      throw new Halted(code);
    });
    FaultyLogic faulty = new FaultyLogic();
    try (RocksStateMachine sm = open("storage", faulty)) {
      apply(sm, 1, sendEntry(1_000, "a"));
      String before = sm.digestAtIndex().digestHex();
      faulty.fault = () -> new StoreException("write failed", new RocksDBException("No space left on device"));
      assertThatThrownBy(() -> apply(sm, 2, sendEntry(2_000, "b")))
          .isInstanceOfSatisfying(Halted.class,
              h -> assertThat(h.exitCode).isEqualTo(FailStop.STORAGE_FAILURE_EXIT_CODE));
      faulty.fault = null;
      assertThat(sm.digestAtIndex().digestHex()).isEqualTo(before);
      assertThat(RocksStateMachine.decodeIndex(sm.reader().get(RocksStateMachine.APPLIED_KEY)).getIndex())
          .isEqualTo(1);
    }
  }

  @Test
  void anErrorHaltsWithTheInternalExitCode() throws Exception {
    FailStop.setHaltForTests(code -> {
      throw new Halted(code);
    });
    FaultyLogic faulty = new FaultyLogic();
    try (RocksStateMachine sm = open("error", faulty)) {
      faulty.fault = StackOverflowError::new;
      assertThatThrownBy(() -> apply(sm, 1, sendEntry(1_000, "a")))
          .isInstanceOfSatisfying(Halted.class,
              h -> assertThat(h.exitCode).isEqualTo(FailStop.INTERNAL_FAILURE_EXIT_CODE));
    }
  }

  @Test
  void aFailedSnapshotIsCountedAndNotFatal() throws Exception {
    try (RocksStateMachine sm = open("snap", new PartitionReplicatedLogic())) {
      apply(sm, 1, sendEntry(1_000, "a"));
      // The checkpoint directory cannot be created: a file stands where sm/ should be.
      Path smDir = tmp.resolve("snap-sm");
      Files.delete(smDir);
      Files.writeString(smDir, "not a directory");
      assertThat(sm.takeSnapshot()).isEqualTo(-1);
      assertThat(sm.snapshotFailures()).isEqualTo(1);
      assertThat(sm.takeSnapshot()).isEqualTo(-1); // backing off: not even tried
      assertThat(sm.snapshotFailures()).isEqualTo(1);
      apply(sm, 2, sendEntry(2_000, "b")); // the replica goes on applying
      assertThat(sm.appliedIndex()).isEqualTo(2);
    }
  }
}
