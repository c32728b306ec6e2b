package io.raftq.statemachine.ratis;

import io.raftq.statemachine.store.Bytes;
import io.raftq.statemachine.store.KeyValueReader;
import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.RocksStore;
import io.raftq.statemachine.store.StorageFailures;
import io.raftq.statemachine.store.StoreClosedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ReplicatedLogic} as a Ratis state machine over RocksDB.
 *
 * <ul>
 *   <li>The leader stamps its clock into every entry ({@link EntryHeader}); replicas read time only from there.
 *   <li>Each entry's writes and the applied index go to RocksDB in one atomic batch, so entries at or below the
 *       stored index (Ratis replays from the last snapshot) are skipped: replay changes nothing.
 *   <li>A snapshot is a RocksDB checkpoint under Ratis' {@code sm/} directory; the live database lives in
 *       {@code stateDir}, outside {@code sm/}, because Ratis replaces {@code sm/} when it installs a snapshot.
 * </ul>
 */
public final class RocksStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(RocksStateMachine.class);
  /** Reserved key; logic keys must not start with 0x00. */
  static final byte[] APPLIED_KEY = {0x00, 'a', 'p', 'p', 'l', 'i', 'e', 'd'};

  /** Told after every applied entry (on the apply thread; keep it short). */
  public interface ApplyListener {
    void onApplied(long index);
  }

  private final ReplicatedLogic logic;
  private final Path stateRoot;
  private final LongSupplier leaderClockMs;
  private final CheckpointSnapshots snapshots = new CheckpointSnapshots();
  private final LiveDatabase live;
  private final SnapshotRetry snapshotRetry = new SnapshotRetry();
  private volatile ApplyListener listener = index -> {};
  private volatile RocksStore store;
  private volatile long storedAppliedIndex = -1;
  private final Object applyLock = new Object();
  /** Set by {@link #reinitialize}: the next apply checks that no newer snapshot landed meanwhile. */
  private volatile boolean reloaded;
  /** Readers hold it shared; closing the store takes it exclusively. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock storeLock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  /**
   * @param stateRoot directory for this group's live database (created if missing)
   * @param leaderClockMs the clock the leader stamps entries with (wall clock in production)
   */
  public RocksStateMachine(ReplicatedLogic logic, Path stateRoot, LongSupplier leaderClockMs) {
    this.logic = logic;
    this.stateRoot = stateRoot;
    this.live = new LiveDatabase(stateRoot);
    this.leaderClockMs = leaderClockMs;
  }

  public void setApplyListener(ApplyListener listener) {
    this.listener = listener;
  }

  public ReplicatedLogic logic() {
    return logic;
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return snapshots.getLatestSnapshot();
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
    getLifeCycle().startAndTransition(() -> {
      super.initialize(server, groupId, storage);
      snapshots.init(storage);
      openStore();
    });
  }

  /** Opens outside a Ratis server, with {@code smDir} standing in for Ratis' state machine directory (tests). */
  void openDetached(Path smDir) throws IOException {
    getLifeCycle().startAndTransition(() -> {
      snapshots.initAt(smDir.toFile());
      openStore();
    });
  }

  /**
   * Opens the live database, first restoring it from the latest checkpoint if it is missing or older (also when a
   * restore was interrupted by a crash: the old database is still live then, see {@link LiveDatabase}).
   */
  private void openStore() throws IOException {
    live.cleanUp();
    Path checkpoint = snapshots.latestDir();
    store = RocksStore.open(live.current());
    storedAppliedIndex = decodeIndex(store.get(APPLIED_KEY)).getIndex();
    // Missing, wiped or behind the checkpoint (installed from the leader): the checkpoint is the state. Looked at
    // again after each restore, since a newer install can land meanwhile.
    while (checkpoint != null && storedAppliedIndex < CheckpointSnapshots.termIndexOf(checkpoint).getIndex()) {
      closeStore();
      restoreFrom(checkpoint);
      store = RocksStore.open(live.current());
      storedAppliedIndex = decodeIndex(store.get(APPLIED_KEY)).getIndex();
      checkpoint = snapshots.latestDir();
    }
    logic.load(store);
    // Ratis replays from the latest snapshot, so the applied index starts there even when the store is ahead
    // (replayed entries the store already holds are skipped in applyTransaction).
    SnapshotInfo snapshot = snapshots.getLatestSnapshot();
    if (snapshot != null) {
      advanceApplied(snapshot.getTermIndex().getTerm(), snapshot.getTermIndex().getIndex());
    }
    LOG.info("{}: opened state at applied index {}", getGroupId(), storedAppliedIndex);
  }

  private void restoreFrom(Path checkpoint) throws IOException {
    LOG.info("{}: restoring state from {}", getGroupId(), checkpoint);
    Path restored = live.replaceWith(checkpoint);
    LOG.info("{}: state restored into {}", getGroupId(), restored);
  }

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    ByteString body = request.getMessage().getContent();
    TransactionContext.Builder b = TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request);
    try {
      logic.validate(body.asReadOnlyByteBuffer());
    } catch (IllegalArgumentException e) {
      TransactionContext rejected = b.build();
      rejected.setException(new InvalidRequestException(e.getMessage()));
      return rejected;
    }
    ByteString header = ByteString.copyFrom(new EntryHeader(EntryHeader.FORMAT_V1, leaderClockMs.getAsLong()).encode());
    return b.setLogData(header.concat(body)).build();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    if (reloaded) {
      catchUpWithInstalledSnapshot(index);
    }
    if (index <= storedAppliedIndex) {
      advanceApplied(entry.getTerm(), index);
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
    ByteBuffer data = entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer();
    // Only the leader that accepted the entry has its client request (followers and replays do not).
    boolean startedHere = trx.getClientRequest() != null;
    byte[] reply = applyEntry(entry.getTerm(), index, data, startedHere);
    advanceApplied(entry.getTerm(), index);
    try {
      listener.onApplied(index);
    } catch (RuntimeException e) { // a listener only wakes readers: its bug must not close the group
      LOG.warn("{}: apply listener failed at index {}", getGroupId(), index, e);
    }
    // Wrapped, not copied: nothing writes to the array after apply returned it.
    return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(reply)));
  }

  /**
   * Ratis 3.3.0 reloads the state machine once per snapshot install, but an install that completes while a reload
   * runs is folded into it: the reload reports the newer snapshot's index as applied (it asks getLatestSnapshot
   * after reinitialize) while the state was restored from the older one, and the entries in between would never be
   * applied here (chaos kill-random, seed -8630640676348081751: a replica diverged). So the first apply after a
   * reload restores the newest checkpoint when it is ahead of the state and behind the entry.
   */
  private void catchUpWithInstalledSnapshot(long index) {
    synchronized (applyLock) {
      reloaded = false;
      Path latest = snapshots.latestDir();
      long snapshotIndex = latest == null ? -1 : CheckpointSnapshots.termIndexOf(latest).getIndex();
      if (snapshotIndex <= storedAppliedIndex || snapshotIndex >= index) {
        return;
      }
      LOG.warn("{}: snapshot {} was installed while the state was reloaded at {}: loading it before entry {}",
          getGroupId(), snapshotIndex, storedAppliedIndex, index);
      try {
        closeStore();
        openStore();
      } catch (IOException | RuntimeException e) {
        throw FailStop.now(FailStop.STORAGE_FAILURE_EXIT_CODE, getGroupId() + ": cannot install the snapshot", e);
      }
    }
  }

  private byte[] applyEntry(long term, long index, ByteBuffer data, boolean startedHere) {
    synchronized (applyLock) {
      return applyEntryLocked(term, index, data, startedHere);
    }
  }

  /**
   * Applies one entry and commits it with its index. Failures, by class:
   *
   * <ul>
   *   <li>the logic threw (a bug, or an entry it cannot read): deterministic, the same on every replica and every
   *       replay. The entry's writes are dropped, the logic reloads from the store, only the index is recorded,
   *       and the reply says every command failed ({@link ReplicatedLogic#failedReply}). The group keeps serving.
   *   <li>storage failed (RocksDB, I/O): this replica's disk, not the log; the node stops ({@link FailStop}).
   *   <li>an {@link Error}, or a logic that cannot reload: its state cannot be trusted; the node stops.
   * </ul>
   */
  private byte[] applyEntryLocked(long term, long index, ByteBuffer data, boolean startedHere) {
    KvTransaction txn = store.begin();
    ByteBuffer body = ByteBuffer.allocate(0);
    byte[] reply;
    try {
      EntryHeader header = EntryHeader.read(data);
      body = data.slice();
      reply = startedHere
          ? logic.applyStartedHere(index, header.leaderTimeMs(), data, txn)
          : logic.apply(index, header.leaderTimeMs(), data, txn);
    } catch (RuntimeException e) {
      if (StorageFailures.isStorageFailure(e)) {
        throw FailStop.now(FailStop.STORAGE_FAILURE_EXIT_CODE,
            getGroupId() + ": storage failed while applying entry " + index, e);
      }
      store.discard(txn);
      txn = store.begin();
      reloadAfterFailedEntry(index, e);
      reply = logic.failedReply(body, reasonOf(e));
    } catch (Error e) {
      throw FailStop.now(FailStop.INTERNAL_FAILURE_EXIT_CODE,
          getGroupId() + ": " + e.getClass().getSimpleName() + " while applying entry " + index, e);
    }
    txn.put(APPLIED_KEY, encodeIndex(TermIndex.valueOf(term, index)));
    try {
      store.commit(txn);
    } catch (RuntimeException e) {
      throw FailStop.now(FailStop.STORAGE_FAILURE_EXIT_CODE,
          getGroupId() + ": storage failed while committing entry " + index, e);
    }
    storedAppliedIndex = index;
    return reply;
  }

  private void reloadAfterFailedEntry(long index, RuntimeException failure) {
    // An unreadable entry is expected to be rare and harmless; anything else is a bug worth its stack trace.
    if (failure instanceof IllegalArgumentException) {
      LOG.warn("{}: entry {} failed at apply, nothing of it applied: {}", getGroupId(), index, failure.getMessage());
    } else {
      LOG.error("{}: entry {} failed at apply (a bug); nothing of it applied", getGroupId(), index, failure);
    }
    try {
      logic.load(store);
    } catch (RuntimeException e) {
      e.addSuppressed(failure);
      throw FailStop.now(StorageFailures.isStorageFailure(e) ? FailStop.STORAGE_FAILURE_EXIT_CODE
          : FailStop.INTERNAL_FAILURE_EXIT_CODE, getGroupId() + ": cannot reload state after entry " + index
          + " failed", e);
    }
  }

  private static String reasonOf(RuntimeException e) {
    return "internal error applying the command: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      byte[] answer = logic.query(request.getContent().asReadOnlyByteBuffer());
      return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Runs on the apply thread, so no entry is applied while the checkpoint is taken. A failure is logged, counted
   * ({@link #snapshotFailures}) and retried later with a backoff ({@link SnapshotRetry}); meanwhile Ratis keeps the
   * log, so nothing is lost. Returns -1 when no snapshot was taken.
   */
  @Override
  public long takeSnapshot() {
    if (!snapshotRetry.mayAttempt(System.nanoTime())) {
      return -1;
    }
    try {
      long index = takeSnapshotNow();
      snapshotRetry.succeeded();
      return index;
    } catch (IOException | RuntimeException e) {
      long retryMs = snapshotRetry.failed(System.nanoTime());
      LOG.warn("{}: snapshot failed ({} failures so far); next attempt in {} ms at the earliest; the Raft log is"
          + " kept until one succeeds", getGroupId(), snapshotRetry.failures(), retryMs, e);
      return -1;
    }
  }

  /** Snapshots that failed since this replica opened. */
  public long snapshotFailures() {
    return snapshotRetry.failures();
  }

  private long takeSnapshotNow() throws IOException {
    TermIndex applied = getLastAppliedTermIndex();
    if (applied == null || applied.getIndex() < 0) {
      return -1;
    }
    Path target = snapshots.pathFor(applied);
    if (!Files.exists(target)) {
      // Configuration entries advance the applied index without reaching the store; record it so the checkpoint
      // and the index Ratis purges up to agree.
      KvTransaction txn = store.begin();
      txn.put(APPLIED_KEY, encodeIndex(applied));
      store.commit(txn);
      storedAppliedIndex = applied.getIndex();
      Files.createDirectories(snapshots.smDir());
      Path tmp = snapshots.smDir().resolve("ckpt-tmp");
      FileTree.delete(tmp);
      store.flushAndCheckpoint(tmp);
      Files.move(tmp, target);
      FileTree.fsync(snapshots.smDir()); // Ratis purges the log up to this checkpoint: its name must last
    }
    snapshots.deleteAllBut(target);
    LOG.info("{}: snapshot at {}", getGroupId(), applied);
    return applied.getIndex();
  }

  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      closeStore();
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  /** After Ratis installed a snapshot from the leader: reopen from the checkpoint it wrote into {@code sm/}. */
  @Override
  public void reinitialize() throws IOException {
    closeStore();
    try {
      Path checkpoint = snapshots.latestDir();
      if (checkpoint != null) {
        restoreFrom(checkpoint);
      }
      openStore();
    } catch (IOException | RuntimeException e) {
      // Ratis would close this group; stop the node instead: a restart resumes the install (see openStore).
      throw FailStop.now(FailStop.STORAGE_FAILURE_EXIT_CODE, getGroupId() + ": cannot install the snapshot", e);
    }
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
    reloaded = true;
    listener.onApplied(storedAppliedIndex);
  }

  /** A replica's state digest and the index it was taken at. */
  public record DigestAtIndex(long appliedIndex, String digestHex) {}

  /**
   * SHA-256 over every key and value of the replicated state (the applied-index key excluded), with the index it
   * reflects. Blocks applies while it scans, so the pair is consistent.
   */
  public DigestAtIndex digestAtIndex() {
    synchronized (applyLock) {
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      store.scan(new byte[0], (k, v) -> {
        if (!java.util.Arrays.equals(k, APPLIED_KEY)) {
          sha.update(Bytes.longBE(k.length));
          sha.update(k);
          sha.update(Bytes.longBE(v.length));
          sha.update(v);
        }
        return true;
      });
      // Ratis' applied index also counts configuration and leader no-op entries, which change no state, so it
      // is the index replicas agree on (the store's own index skips those).
      return new DigestAtIndex(appliedIndex(), HexFormat.of().formatHex(sha.digest()));
    }
  }

  /**
   * Reads applied state (whichever store is open now; safe concurrently with applies). While the store is closed
   * (a snapshot install replacing it, the group closed) a read throws {@link StoreClosedException}; a store is
   * never closed under a read in progress (RocksDB must not be read after it is closed).
   */
  public KeyValueReader reader() {
    return new KeyValueReader() {
      @Override
      public byte[] get(byte[] key) {
        return withOpenStore(s -> s.get(key));
      }

      @Override
      public void scan(byte[] prefix, java.util.function.BiPredicate<byte[], byte[]> visitor) {
        withOpenStore(s -> {
          s.scan(prefix, visitor);
          return null;
        });
      }
    };
  }

  private <T> T withOpenStore(java.util.function.Function<RocksStore, T> read) {
    storeLock.readLock().lock();
    try {
      RocksStore s = store;
      if (s == null) {
        throw new StoreClosedException(getGroupId() + ": the replica's store is closed (snapshot install or group"
            + " closed); retry");
      }
      return read.apply(s);
    } finally {
      storeLock.readLock().unlock();
    }
  }

  /** The last log index this replica has applied (state-machine, configuration and no-op entries alike). */
  public long appliedIndex() {
    TermIndex ti = getLastAppliedTermIndex();
    return ti == null ? -1 : ti.getIndex();
  }

  @Override
  public void close() {
    closeStore();
  }

  /**
   * The group was closed here: removed for good, or made quiescent (Raft data kept, reopened later). Only the
   * caller knows which, so the state stays on disk until it calls {@link #deleteState}.
   */
  @Override
  public void notifyGroupRemove() {
    closeStore();
  }

  /** Deletes the state of a replica whose group was removed from this node for good. */
  public static void deleteState(Path stateRoot) throws IOException {
    FileTree.delete(stateRoot);
  }

  private synchronized void closeStore() {
    storeLock.writeLock().lock(); // waits for reads in progress
    try {
      if (store != null) {
        store.close();
        store = null;
      }
    } finally {
      storeLock.writeLock().unlock();
    }
  }

  /** Moves the applied index forward only: Ratis asserts it never decreases. */
  private void advanceApplied(long term, long index) {
    TermIndex current = getLastAppliedTermIndex();
    if (current == null || index > current.getIndex()) {
      updateLastAppliedTermIndex(term, index);
    }
  }

  static byte[] encodeIndex(TermIndex ti) {
    return ByteBuffer.allocate(16).putLong(ti.getTerm()).putLong(ti.getIndex()).array();
  }

  static TermIndex decodeIndex(byte[] b) {
    if (b == null) {
      return TermIndex.valueOf(0, -1);
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return TermIndex.valueOf(buf.getLong(), buf.getLong());
  }
}
