package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.store.KeyValueStore;
import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.MemoryStore;
import io.raftq.statemachine.store.RocksStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A command whose logic throws after it changed state ({@link ApplyFaults}) answers {@link Failed} and changes
 * nothing, in the store or in memory, while the other commands of its entry apply: the partition ends
 * byte-for-byte where a partition that never saw the command ends, and answers later commands alike. On both
 * stores (the RocksDB transaction's save points are the part under test there).
 */
@Timeout(60)
class FailedCommandTest {
  @TempDir Path tmp;
  private final List<KeyValueStore> opened = new ArrayList<>();

  @AfterEach
  void clear() {
    ApplyFaults.clear();
    opened.forEach(KeyValueStore::close);
  }

  /** A partition over one store; {@link #apply} applies and commits one entry like the adapter does. */
  private final class Replica {
    final KeyValueStore store;
    final PartitionLogic logic = new PartitionLogic();
    long time = 1_000;

    Replica(String name, boolean rocks) {
      store = rocks ? RocksStore.open(tmp.resolve(name)) : new MemoryStore();
      opened.add(store);
    }

    List<PartitionResult> apply(PartitionCommand... commands) {
      KvTransaction txn = store.begin();
      List<PartitionResult> results = logic.apply(time += 10, List.of(commands), txn);
      store.commit(txn);
      return results;
    }

    List<String> dump() {
      List<String> out = new ArrayList<>();
      store.scan(new byte[0], (k, v) -> out.add(HexFormat.of().formatHex(k) + "=" + HexFormat.of().formatHex(v)));
      return out;
    }
  }

  private static Enqueue send(String... ids) {
    List<NewMessage> messages = new ArrayList<>();
    for (String id : ids) {
      messages.add(new NewMessage(id, null, List.of(), id.getBytes(StandardCharsets.UTF_8)));
    }
    return new Enqueue(messages, 60_000);
  }

  private static boolean sends(PartitionCommand c, String id) {
    return c instanceof Enqueue e && e.messages().get(0).id().equals(id);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aThrowingCommandChangesNothingAndTheRestOfItsEntryApplies(boolean rocks) {
    ApplyFaults.install(c -> {
      if (sends(c, "poison")) {
        throw new IllegalStateException("injected after the enqueue wrote");
      }
    });
    Replica failed = new Replica("failed", rocks);
    Replica reference = new Replica("reference", rocks);

    List<PartitionResult> results = failed.apply(send("a"), send("poison", "p2"), new Receive("g", 10, 30_000));
    List<PartitionResult> expected = reference.apply(send("a"), new Receive("g", 10, 30_000));

    assertThat(results).hasSize(3);
    assertThat(results.get(1)).isInstanceOf(Failed.class);
    assertThat(((Failed) results.get(1)).reason())
        .isEqualTo("internal error applying the command: IllegalStateException: injected after the enqueue wrote");
    assertThat(List.of(results.get(0), results.get(2))).usingRecursiveComparison().isEqualTo(expected);
    assertThat(failed.dump()).isEqualTo(reference.dump());

    // In memory too: the next send takes the offset the failed one had taken, the next receive sees only it.
    Function<Replica, List<PartitionResult>> next = r -> r.apply(send("b"), new Receive("g", 10, 30_000));
    assertThat(next.apply(failed)).usingRecursiveComparison().isEqualTo(next.apply(reference));
    assertThat(failed.dump()).isEqualTo(reference.dump());
    assertThat(failed.logic.stats()).isEqualTo(reference.logic.stats());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailedReceiveLeasesNothingAndRegistersNoGroup(boolean rocks) {
    AtomicBoolean once = new AtomicBoolean();
    ApplyFaults.install(c -> {
      if (c instanceof Receive && once.compareAndSet(false, true)) {
        throw new NullPointerException("injected after the receive leased");
      }
    });
    Replica failed = new Replica("failed", rocks);
    Replica reference = new Replica("reference", rocks);
    failed.apply(send("m1", "m2"));
    reference.apply(send("m1", "m2"));

    assertThat(failed.apply(new Receive("g", 10, 30_000))).singleElement().isInstanceOf(Failed.class);
    assertThat(failed.logic.groupStats(failed.time)).isEmpty();
    reference.apply(); // an entry that changes nothing but log time, as the failed one did

    Function<Replica, List<PartitionResult>> receive = r -> r.apply(new Receive("g", 10, 30_000));
    List<PartitionResult> got = receive.apply(failed);
    assertThat(got).usingRecursiveComparison().isEqualTo(receive.apply(reference));
    assertThat(((Leased) got.get(0)).messages()).extracting(LeasedMessage::id).containsExactly("m1", "m2");
    assertThat(failed.dump()).isEqualTo(reference.dump());
  }
}
