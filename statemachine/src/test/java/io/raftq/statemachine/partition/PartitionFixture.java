package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.MemoryStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A partition over a {@link MemoryStore} with intent-named helpers: {@code f.at(1_000).send("m1")}, {@code
 * f.receive("g", 10, 30_000)}, {@code f.ack("g", leased)}. Each helper applies one log entry at the current
 * entry time and commits it, like the adapter does.
 */
final class PartitionFixture {
  static final long NO_DEDUP = 0;
  static final long VISIBILITY_MS = 30_000;

  final MemoryStore store = new MemoryStore();
  PartitionLogic logic = new PartitionLogic();
  private long entryTimeMs = 1_000;
  private long dedupWindowMs = 60_000;

  /** Sets the entry time of the following applies (the leader's clock; the logic keeps its own monotonic time). */
  PartitionFixture at(long entryTimeMs) {
    this.entryTimeMs = entryTimeMs;
    return this;
  }

  PartitionFixture dedupWindow(long dedupWindowMs) {
    this.dedupWindowMs = dedupWindowMs;
    return this;
  }

  /** Applies one entry holding {@code commands} and commits it. */
  List<PartitionResult> apply(PartitionCommand... commands) {
    KvTransaction txn = store.begin();
    List<PartitionResult> results = logic.apply(entryTimeMs, List.of(commands), txn);
    store.commit(txn);
    assertThat(results).hasSize(commands.length);
    return results;
  }

  PartitionResult applyOne(PartitionCommand command) {
    return apply(command).get(0);
  }

  /** Enqueues one message per id (payload = the id's bytes) in one command. */
  List<StoredMessage> send(String... ids) {
    List<NewMessage> messages = new ArrayList<>();
    for (String id : ids) {
      messages.add(message(id));
    }
    return enqueued(applyOne(new Enqueue(messages, dedupWindowMs)));
  }

  static NewMessage message(String id) {
    byte[] payload = (id == null ? "anonymous" : "payload-" + id).getBytes(StandardCharsets.UTF_8);
    return new NewMessage(id, null, List.of(), payload);
  }

  List<LeasedMessage> receive(String group, int max) {
    return receive(group, max, VISIBILITY_MS);
  }

  List<LeasedMessage> receive(String group, int max, long visibilityMs) {
    PartitionResult r = applyOne(new Receive(group, max, visibilityMs));
    assertThat(r).isInstanceOf(Leased.class);
    return ((Leased) r).messages();
  }

  List<SettleOutcome> ack(String group, LeaseRef... receipts) {
    return settled(applyOne(new Ack(group, List.of(receipts))));
  }

  List<SettleOutcome> ack(String group, List<LeasedMessage> leased) {
    return settled(applyOne(new Ack(group, receipts(leased))));
  }

  List<SettleOutcome> nack(String group, long delayMs, LeaseRef... receipts) {
    return settled(applyOne(new Nack(group, List.of(receipts), delayMs)));
  }

  List<SettleOutcome> changeVisibility(String group, long visibilityMs, LeaseRef... receipts) {
    return settled(applyOne(new ChangeVisibility(group, List.of(receipts), visibilityMs)));
  }

  /** Replaces the logic with a fresh one loaded from the same store, as after a restart. */
  PartitionFixture restart() {
    logic = new PartitionLogic();
    logic.load(store);
    return this;
  }

  /** Every key and value of the store in order, hex, for byte-for-byte comparisons. */
  List<String> dump() {
    List<String> out = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    store.scan(new byte[0], (k, v) -> out.add(hex.formatHex(k) + "=" + hex.formatHex(v)));
    return out;
  }

  /** SHA-256 of every key and value in order: a cheap equality check of two stores ({@link #dump} shows how they differ). */
  byte[] digest() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    store.scan(new byte[0], (k, v) -> {
      sha.update(ByteBuffer.allocate(8).putInt(k.length).putInt(v.length).array());
      sha.update(k);
      sha.update(v);
      return true;
    });
    return sha.digest();
  }

  boolean hasKey(byte[] key) {
    return store.get(key) != null;
  }

  long countKeys(byte[] prefix) {
    long[] n = {0};
    store.scan(prefix, (k, v) -> ++n[0] > 0);
    return n[0];
  }

  static List<LeaseRef> receipts(List<LeasedMessage> leased) {
    return leased.stream().map(LeasedMessage::receipt).toList();
  }

  static List<Long> offsets(List<LeasedMessage> leased) {
    return leased.stream().map(LeasedMessage::offset).toList();
  }

  static List<SettleOutcome> outcomes(SettleOutcome... o) {
    return Arrays.asList(o);
  }

  static List<StoredMessage> enqueued(PartitionResult r) {
    assertThat(r).isInstanceOf(Enqueued.class);
    return ((Enqueued) r).stored();
  }

  private static List<SettleOutcome> settled(PartitionResult r) {
    assertThat(r).isInstanceOf(Settled.class);
    return ((Settled) r).outcomes();
  }
}
