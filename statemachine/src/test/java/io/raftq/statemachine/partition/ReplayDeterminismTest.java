package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Goal: the same log applied to two fresh stores gives byte-identical stores and results, also when one replica
 * restarts (reloads from its store) now and then and receives its commands through the codec.
 *
 * <p>Method: a seeded generator builds each entry from the previous results (receipts of real and stale
 * leases, repeated ids, time that sometimes runs backwards); replica A applies it directly, replica B decodes the
 * encoded entry and applies that. After every entry the results and full store scans are compared and safety
 * invariants of A are checked.
 *
 * <p>Reproduce a failure: run this class with the seed from the failing test name; the message names the entry.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayDeterminismTest {
  private static final int ENTRIES = 600;
  private static final List<String> GROUPS = List.of("g1", "g2", "g3");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 2026, 987_654_321})
  void sameLogGivesIdenticalStores(long seed) {
    Random random = new Random(seed);
    PartitionFixture a = new PartitionFixture();
    PartitionFixture b = new PartitionFixture();
    Generator generator = new Generator(random);
    Invariants invariants = new Invariants();
    for (int entry = 0; entry < ENTRIES; entry++) {
      List<PartitionCommand> commands = generator.nextEntry();
      long timeMs = generator.timeMs;
      List<PartitionResult> resultsA = a.at(timeMs).apply(commands.toArray(PartitionCommand[]::new));
      if (random.nextInt(25) == 0) {
        b.restart();
      }
      List<PartitionCommand> decoded =
          PartitionCodec.decodeCommands(ByteBuffer.wrap(PartitionCodec.encodeCommands(commands)));
      List<PartitionResult> resultsB = b.at(timeMs).apply(decoded.toArray(PartitionCommand[]::new));

      String where = "seed " + seed + " entry " + entry + " " + commands;
      assertThat(PartitionCodec.encodeResults(resultsB)).as(where).isEqualTo(PartitionCodec.encodeResults(resultsA));
      assertThat(b.dump()).as(where).isEqualTo(a.dump());
      assertThat(b.logic.stats()).as(where).isEqualTo(a.logic.stats());
      invariants.check(commands, resultsA, a, where);
      generator.observe(commands, resultsA);
    }
    // The run is only worth something if it reached the interesting paths.
    assertThat(invariants.seen)
        .containsKeys("duplicate", "redelivery", "OK", "ALREADY_ACKED", "INVALID", "rejected", "cut by bytes");
    assertThat(a.logic.stats().firstRetainedOffset()).isPositive();
  }

  /** Builds entries of 1-4 random commands, drawing receipts from earlier results. */
  private static final class Generator {
    private final Random random;
    /** Its own source, so that adding delays left the rest of each seed's log as it was. */
    private final Random delays;
    /** The same for the byte bounds of receives. */
    private final Random bounds;
    private final Map<String, List<LeaseRef>> recentReceipts = new HashMap<>();
    long timeMs = 1_000;

    Generator(Random random) {
      this.random = random;
      this.delays = new Random(random.nextLong());
      this.bounds = new Random(delays.nextLong());
    }

    List<PartitionCommand> nextEntry() {
      // Mostly forward, sometimes a leader with a slower clock, sometimes a long pause.
      timeMs += random.nextInt(10) == 0 ? -random.nextInt(20_000) : random.nextInt(8_000);
      if (random.nextInt(50) == 0) {
        timeMs += 200_000;
      }
      List<PartitionCommand> commands = new ArrayList<>();
      for (int n = 1 + random.nextInt(4); n > 0; n--) {
        commands.add(nextCommand());
      }
      return commands;
    }

    private PartitionCommand nextCommand() {
      String group = GROUPS.get(random.nextInt(GROUPS.size()));
      switch (random.nextInt(6)) {
        case 0:
        case 1:
          return enqueue();
        case 2:
          // Unbounded (the old layout) or bounded to a few messages of ~70-100 bytes, or less than one.
          return new Receive(group, random.nextInt(6) - 1, random.nextInt(20_000) - 100)
              .withMaxBytes(bounds.nextInt(3) == 0 ? 0 : 1 + bounds.nextInt(400));
        case 3:
          return new Ack(group, receipts(group));
        case 4:
          return new Nack(group, receipts(group), random.nextInt(10_000) - 50);
        default:
          return new ChangeVisibility(group, receipts(group), random.nextInt(30_000) - 50);
      }
    }

    private Enqueue enqueue() {
      List<NewMessage> messages = new ArrayList<>();
      for (int n = random.nextInt(5); n > 0; n--) {
        String id = random.nextInt(4) == 0 ? null : "id-" + random.nextInt(40);
        byte[] payload = new byte[random.nextInt(16)];
        random.nextBytes(payload);
        List<MessageHeader> headers = random.nextBoolean() ? List.of() : List.of(new MessageHeader("h", id));
        long delayMs = delays.nextInt(8) == 0 ? delays.nextInt(15_000) : 0;
        messages.add(new NewMessage(id, random.nextBoolean() ? null : "k", headers, payload, delayMs));
      }
      long window = random.nextInt(10) == 0 ? 0 : 30_000;
      return new Enqueue(messages, window);
    }

    private List<LeaseRef> receipts(String group) {
      List<LeaseRef> pool = recentReceipts.getOrDefault(group, List.of());
      List<LeaseRef> out = new ArrayList<>();
      for (int n = random.nextInt(4); n > 0; n--) {
        if (pool.isEmpty() || random.nextInt(8) == 0) {
          out.add(new LeaseRef(random.nextInt(50) - 2, random.nextInt(100)));
        } else {
          out.add(pool.get(random.nextInt(pool.size())));
        }
      }
      return out;
    }

    void observe(List<PartitionCommand> commands, List<PartitionResult> results) {
      for (int i = 0; i < commands.size(); i++) {
        if (commands.get(i) instanceof Receive r && results.get(i) instanceof Leased l) {
          List<LeaseRef> pool = recentReceipts.computeIfAbsent(r.group(), g -> new ArrayList<>());
          l.messages().forEach(m -> pool.add(m.receipt()));
          while (pool.size() > 30) {
            pool.remove(0);
          }
        }
      }
    }
  }

  /** Safety properties that must hold after every entry. */
  private static final class Invariants {
    private final Map<String, Set<Long>> ackedByGroup = new HashMap<>();
    private final Map<Long, String> idByOffset = new HashMap<>();
    final Map<String, Integer> seen = new HashMap<>();
    private long lastEpoch;
    private long lastTimeMs;

    void check(List<PartitionCommand> commands, List<PartitionResult> results, PartitionFixture f, String where) {
      PartitionStats stats = f.logic.stats();
      assertThat(stats.lastTimeMs()).as(where).isGreaterThanOrEqualTo(lastTimeMs);
      lastTimeMs = stats.lastTimeMs();
      assertThat(f.countKeys(PartitionKeys.MESSAGE_PREFIX)).as(where).isEqualTo(stats.depth());
      assertThat(f.countKeys(PartitionKeys.LEASE_PREFIX)).as(where).isGreaterThanOrEqualTo(stats.inFlight());
      for (int i = 0; i < commands.size(); i++) {
        checkResult(commands.get(i), results.get(i), stats, where);
      }
    }

    private void checkResult(PartitionCommand c, PartitionResult r, PartitionStats stats, String where) {
      if (r instanceof Rejected) {
        seen.merge("rejected", 1, Integer::sum);
      } else if (r instanceof Settled s) {
        s.outcomes().forEach(o -> seen.merge(o.name(), 1, Integer::sum));
      }
      if (r instanceof Enqueued e) {
        for (StoredMessage s : e.stored()) {
          assertThat(s.offset()).as(where).isLessThan(stats.nextOffset());
          if (!s.duplicate()) {
            idByOffset.put(s.offset(), s.id());
          } else {
            seen.merge("duplicate", 1, Integer::sum);
          }
        }
      } else if (r instanceof Leased l) {
        String group = ((Receive) c).group();
        checkByteBound((Receive) c, l, where);
        for (LeasedMessage m : l.messages()) {
          assertThat(m.epoch()).as(where + ": epochs increase").isGreaterThan(lastEpoch);
          lastEpoch = m.epoch();
          if (m.deliveries() > 1) {
            seen.merge("redelivery", 1, Integer::sum);
          }
          assertThat(m.id()).as(where).isEqualTo(idByOffset.get(m.offset()));
          assertThat(acked(group)).as(where + ": acked message redelivered").doesNotContain(m.offset());
        }
      } else if (c instanceof Ack a && r instanceof Settled s) {
        for (int i = 0; i < s.outcomes().size(); i++) {
          if (s.outcomes().get(i) == SettleOutcome.OK) {
            assertThat(acked(a.group()).add(a.receipts().get(i).offset())).as(where + ": acked twice").isTrue();
          }
        }
      }
    }

    /** More than one message only while they fit the bound together. */
    private void checkByteBound(Receive r, Leased l, String where) {
      long bytes = l.messages().stream().mapToLong(DeliverySize::of).sum();
      if (r.maxBytes() > 0 && l.messages().size() > 1) {
        assertThat(bytes).as(where + ": reply bytes").isLessThanOrEqualTo(r.maxBytes());
      }
      if (r.maxBytes() > 0 && l.messages().size() < r.maxMessages() && bytes > r.maxBytes() / 2) {
        seen.merge("cut by bytes", 1, Integer::sum);
      }
    }

    private Set<Long> acked(String group) {
      return ackedByGroup.computeIfAbsent(group, g -> new HashSet<>());
    }
  }
}
