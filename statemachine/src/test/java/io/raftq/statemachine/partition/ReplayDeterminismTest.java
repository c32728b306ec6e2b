package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.raftq.statemachine.ReplayCoverage;
import io.raftq.statemachine.partition.PartitionLogGenerator.QueueShape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: the same log applied to two fresh stores gives byte-identical stores, results and query answers, also when
 * one replica restarts (reloads from its store, as after a restart or a snapshot install) now and then and
 * receives its commands through the codec; and the log takes every {@link PartitionCommand} type and the apply
 * paths that need a particular state to be taken, so that a change to the apply path cannot slip past untested.
 *
 * <p>Method: for each {@link QueueShape}, a seeded {@link PartitionLogGenerator} builds each entry from the
 * leader's state; replica A (the leader) applies it directly, replica B decodes the encoded entry and applies
 * that. After every entry the results, store digests and in-memory query answers are compared, safety invariants
 * of A are checked and the paths the entry took are recorded. At the end every command type permitted by the
 * sealed interface, and every path of {@link #REQUIRED_PATHS}, must have been reached.
 *
 * <p>Reproduce a failure: every message names the seed, shape and entry; run that seed alone with
 * {@code -Dtest=ReplayDeterminismTest -Dreplay.seeds=<seed>} (other seeds given so explore further).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayDeterminismTest {
  private static final int ENTRIES_PER_SHAPE = 400;

  /** Paths each seed's logs must take, besides applying (and not rejecting) every command type. */
  static final List<String> REQUIRED_PATHS = List.of(
      "Enqueue: unkeyed", "Enqueue: keyed", "Enqueue: without id", "Enqueue: delayed", "Enqueue: under a dedup id",
      "Enqueue: duplicate", "Enqueue: without dedup window",
      "Receive: unbounded", "Receive: bounded", "Receive: cut by bytes",
      "Receive: redelivered after its lease expired", "Receive: redelivered after a nack",
      "Receive: delayed message after its delay", "Receive: dead-lettered after max receives",
      "Receive: at most once", "Receive: with retry backoff", "Receive: FIFO group", "Receive: topic group",
      "Ack: OK", "Ack: ALREADY_ACKED", "Ack: INVALID", "Ack: remembered for consumer dedup", "Ack: with a result",
      "Nack: OK", "Nack: with reason", "Nack: with retry backoff",
      "ChangeVisibility: OK", "ChangeVisibility: INVALID",
      "ForwardedDeadLetters: forwarded", "ForwardedDeadLetters: retried",
      "Purge: deleted messages", "RemoveMessages: removed",
      "ReleaseKey: released", "ReleaseKey: skipped to the outbox",
      "ApplyRetention: by age", "ApplyRetention: by bytes",
      "CommitOffset: moved forward", "CommitOffset: late commit ignored", "CommitOffset: seek back",
      "Once: applied", "Once: retry answered with the first answer",
      "Rejected", "Time: entry time behind log time", "Entry: messages acked by every group deleted");

  static LongStream seeds() {
    String seeds = System.getProperty("replay.seeds");
    return seeds == null ? LongStream.of(1, 42, 2026)
        : Arrays.stream(seeds.split(",")).mapToLong(s -> Long.parseLong(s.trim()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sameLogGivesIdenticalReplicasAndTakesEveryPath(long seed) {
    ReplayCoverage coverage = new ReplayCoverage();
    for (QueueShape shape : QueueShape.values()) {
      replay(shape, seed, coverage);
    }
    coverage.assertReached(ReplayCoverage.permittedTypeNames(PartitionCommand.class),
        "seed " + seed + " (every command type must be applied unrejected: generate a new one in PartitionLogGenerator)");
    coverage.assertReached(REQUIRED_PATHS, "seed " + seed);
  }

  private static void replay(QueueShape shape, long seed, ReplayCoverage coverage) {
    Random random = new Random(seed * 31 + shape.ordinal());
    PartitionLogGenerator generator = new PartitionLogGenerator(shape, random);
    PartitionFixture a = new PartitionFixture();
    PartitionFixture b = new PartitionFixture();
    Observer observer = new Observer(coverage);
    for (int entry = 0; entry < ENTRIES_PER_SHAPE; entry++) {
      List<PartitionCommand> commands = generator.nextEntry(a.logic);
      long timeMs = generator.timeMs();
      int n = entry;
      Supplier<String> where = () -> shape + " seed " + seed + " entry " + n + " at " + timeMs + " ms " + commands;
      PartitionStats before = a.logic.stats();
      List<PartitionResult> resultsA = a.at(timeMs).apply(commands.toArray(PartitionCommand[]::new));
      if (random.nextInt(25) == 0) {
        b.restart();
      }
      List<PartitionResult> resultsB = b.at(timeMs).apply(throughCodec(commands));
      assertSameReplicas(a, resultsA, b, resultsB, where);
      observer.check(commands, resultsA, timeMs, before, a, where);
      generator.observe(commands, resultsA);
    }
  }

  private static PartitionCommand[] throughCodec(List<PartitionCommand> commands) {
    return PartitionCodec.decodeCommands(ByteBuffer.wrap(PartitionCodec.encodeCommands(commands)))
        .toArray(PartitionCommand[]::new);
  }

  private static void assertSameReplicas(PartitionFixture a, List<PartitionResult> resultsA, PartitionFixture b,
      List<PartitionResult> resultsB, Supplier<String> where) {
    assertThat(PartitionCodec.encodeResults(resultsB)).as(() -> where.get() + ": results")
        .isEqualTo(PartitionCodec.encodeResults(resultsA));
    if (!Arrays.equals(b.digest(), a.digest())) {
      assertThat(b.dump()).as(() -> where.get() + ": stores").isEqualTo(a.dump());
      fail(where.get() + ": store digests differ");
    }
    assertThat(queryAnswers(b.logic)).as(() -> where.get() + ": in-memory state").isEqualTo(queryAnswers(a.logic));
  }

  /** What the partition answers from its in-memory indexes: a replica that reloaded them must answer the same. */
  private static List<Object> queryAnswers(PartitionLogic logic) {
    long now = logic.lastTimeMs();
    List<Object> answers = new ArrayList<>(List.of(logic.stats(), logic.groupStats(now), logic.parkedKeys(),
        logic.streamOffsets(), logic.retainedBytes(), Arrays.toString(logic.offsetRange())));
    for (String group : PartitionLogGenerator.GROUPS) {
      answers.add(logic.nextVisibleAtMs(group));
      answers.add(logic.hasVisibleMessage(group, now));
    }
    return answers;
  }

  /**
   * Checks safety properties of the leader after every entry, and records which paths the entry's commands took.
   * Hash containers here are for lookups only.
   */
  private static final class Observer {
    private final ReplayCoverage coverage;
    private final Map<String, Set<Long>> ackedByGroup = new HashMap<>();
    private final Map<Long, String> idByOffset = new HashMap<>();
    private final Map<Long, Long> deliverAtByOffset = new HashMap<>();
    private final Map<String, Long> epochByDelivery = new HashMap<>();
    private final Set<Long> nackedEpochs = new HashSet<>();
    private final Map<String, Long> committedByStreamGroup = new HashMap<>();
    private final Map<String, FirstAnswer> firstAnswerByOperation = new HashMap<>();
    /** Operations retried after their window: forgotten or not, depending on later operations; not followed. */
    private final Set<String> unfollowedOperations = new HashSet<>();
    private long lastEpoch;
    private long lastTimeMs;

    private record FirstAnswer(Removed answer, long atMs) {}

    Observer(ReplayCoverage coverage) {
      this.coverage = coverage;
    }

    void check(List<PartitionCommand> commands, List<PartitionResult> results, long entryTimeMs,
        PartitionStats before, PartitionFixture f, Supplier<String> where) {
      PartitionStats stats = f.logic.stats();
      checkPartition(before, stats, f, where);
      if (entryTimeMs < before.lastTimeMs()) {
        coverage.reached("Time: entry time behind log time");
      }
      for (int i = 0; i < commands.size(); i++) {
        checkResult(commands.get(i), results.get(i), stats, where);
      }
      if (deadLetteredByReceive(before, stats, f)) {
        coverage.reached("Receive: dead-lettered after max receives");
      }
      reachedIf(stats.firstRetainedOffset() > before.firstRetainedOffset() && commands.stream()
          .noneMatch(c -> c instanceof Purge || c instanceof ApplyRetention || c instanceof Once),
          "Entry: messages acked by every group deleted");
    }

    private void checkPartition(PartitionStats before, PartitionStats stats, PartitionFixture f,
        Supplier<String> where) {
      assertThat(stats.lastTimeMs()).as(where).isGreaterThanOrEqualTo(lastTimeMs);
      lastTimeMs = stats.lastTimeMs();
      // Removed offsets keep their records until the range is deleted.
      assertThat(f.countKeys(PartitionKeys.MESSAGE_PREFIX)).as(where)
          .isEqualTo(stats.depth() + f.countKeys(PartitionKeys.REMOVED_PREFIX));
      assertThat(f.countKeys(PartitionKeys.LEASE_PREFIX)).as(where).isGreaterThanOrEqualTo(stats.inFlight());
      assertThat(stats.deadLettersTotal()).as(where).isGreaterThanOrEqualTo(before.deadLettersTotal());
      assertThat(stats.deadLettersPending()).as(where).isBetween(0L, stats.deadLettersTotal());
    }

    /** New dead letters with deliveries came from receives; those a key skip moves out were never delivered. */
    private static boolean deadLetteredByReceive(PartitionStats before, PartitionStats stats, PartitionFixture f) {
      return stats.deadLettersTotal() > before.deadLettersTotal()
          && PartitionLogic.readDeadLetters(f.store, PartitionLimits.MAX_DEAD_LETTER_READ).stream()
              .anyMatch(d -> d.seq() > before.deadLettersTotal() && d.deliveries() > 0);
    }

    private void checkResult(PartitionCommand c, PartitionResult r, PartitionStats stats, Supplier<String> where) {
      assertThat(r).as(() -> where.get() + ": " + c + " threw (a bug)").isNotInstanceOf(Failed.class);
      if (r instanceof Rejected) {
        coverage.reached("Rejected");
        return;
      }
      coverage.reached(c.getClass().getSimpleName());
      long now = stats.lastTimeMs();
      if (c instanceof Enqueue e) {
        enqueued(e, (Enqueued) r, stats, where);
      } else if (c instanceof Receive receive) {
        leased(receive, (Leased) r, now, where);
      } else if (c instanceof Ack a) {
        acked(a, (Settled) r, where);
      } else if (c instanceof Nack n) {
        nacked(n, (Settled) r);
      } else if (c instanceof ChangeVisibility) {
        ((Settled) r).outcomes().forEach(o -> coverage.reached("ChangeVisibility: " + o));
      } else if (c instanceof ForwardedDeadLetters) {
        coverage.reached(((Removed) r).count() > 0 ? "ForwardedDeadLetters: forwarded" : "ForwardedDeadLetters: retried");
      } else if (c instanceof Purge) {
        reachedIf(((Removed) r).count() > 0, "Purge: deleted messages");
      } else if (c instanceof RemoveMessages) {
        reachedIf(((Removed) r).count() > 0, "RemoveMessages: removed");
      } else if (c instanceof ReleaseKey rk) {
        reachedIf(rk.skip() && ((Removed) r).count() > 0, "ReleaseKey: skipped to the outbox");
        reachedIf(!rk.skip() && ((Removed) r).count() == 1, "ReleaseKey: released");
      } else if (c instanceof ApplyRetention ar) {
        reachedIf(ar.retentionBytes() == 0 && ((Removed) r).count() > 0, "ApplyRetention: by age");
        reachedIf(ar.retentionMs() == 0 && ((Removed) r).count() > 0, "ApplyRetention: by bytes");
      } else if (c instanceof CommitOffset co) {
        committed(co, (Removed) r);
      } else if (c instanceof Once o) {
        once(o, (Removed) r, stats, where);
      } else {
        fail("no checks for " + c + ": add them to the Observer");
      }
    }

    private void reachedIf(boolean condition, String path) {
      if (condition) {
        coverage.reached(path);
      }
    }

    private void enqueued(Enqueue e, Enqueued r, PartitionStats stats, Supplier<String> where) {
      for (int i = 0; i < e.messages().size(); i++) {
        NewMessage m = e.messages().get(i);
        StoredMessage s = r.stored().get(i);
        assertThat(s.offset()).as(where).isLessThan(stats.nextOffset());
        if (s.duplicate()) {
          coverage.reached("Enqueue: duplicate");
          continue;
        }
        idByOffset.put(s.offset(), s.id());
        coverage.reached(m.key() == null ? "Enqueue: unkeyed" : "Enqueue: keyed");
        reachedIf(m.id() == null, "Enqueue: without id");
        reachedIf(m.dedupId() != null, "Enqueue: under a dedup id");
        reachedIf(e.dedupWindowMs() == 0, "Enqueue: without dedup window");
        if (m.delayMs() > 0) {
          deliverAtByOffset.put(s.offset(), stats.lastTimeMs() + m.delayMs());
          coverage.reached("Enqueue: delayed");
        }
      }
    }

    private void leased(Receive receive, Leased l, long now, Supplier<String> where) {
      checkByteBound(receive, l, where);
      for (LeasedMessage m : l.messages()) {
        assertThat(m.epoch()).as(() -> where.get() + ": epochs increase").isGreaterThan(lastEpoch);
        lastEpoch = m.epoch();
        assertThat(m.id()).as(where).isEqualTo(idByOffset.get(m.offset()));
        assertThat(acked(receive.group())).as(() -> where.get() + ": acked message redelivered")
            .doesNotContain(m.offset());
        Long deliverAt = deliverAtByOffset.get(m.offset());
        if (deliverAt != null) {
          assertThat(now).as(() -> where.get() + ": delayed message delivered early").isGreaterThanOrEqualTo(deliverAt);
          coverage.reached("Receive: delayed message after its delay");
        }
        Long priorEpoch = epochByDelivery.put(receive.group() + "/" + m.offset(), m.epoch());
        if (m.deliveries() > 1 && priorEpoch != null) {
          coverage.reached(nackedEpochs.contains(priorEpoch)
              ? "Receive: redelivered after a nack" : "Receive: redelivered after its lease expired");
        }
      }
      if (!l.messages().isEmpty()) {
        coverage.reached(receive.maxBytes() == 0 ? "Receive: unbounded" : "Receive: bounded");
        reachedIf(receive.ackOnReceive(), "Receive: at most once");
        reachedIf(receive.backoffBaseMs() > 0, "Receive: with retry backoff");
        reachedIf(receive.fifo(), "Receive: FIFO group");
        reachedIf(receive.topic(), "Receive: topic group");
      }
    }

    /** More than one message only while they fit the bound together. */
    private void checkByteBound(Receive r, Leased l, Supplier<String> where) {
      long bytes = l.messages().stream().mapToLong(DeliverySize::of).sum();
      if (r.maxBytes() > 0 && l.messages().size() > 1) {
        assertThat(bytes).as(() -> where.get() + ": reply bytes").isLessThanOrEqualTo(r.maxBytes());
      }
      reachedIf(r.maxBytes() > 0 && l.messages().size() < r.maxMessages() && bytes > r.maxBytes() / 2,
          "Receive: cut by bytes");
    }

    private void acked(Ack a, Settled s, Supplier<String> where) {
      for (int i = 0; i < s.outcomes().size(); i++) {
        SettleOutcome o = s.outcomes().get(i);
        coverage.reached("Ack: " + o);
        if (o == SettleOutcome.OK) {
          assertThat(acked(a.group()).add(a.receipts().get(i).offset())).as(() -> where.get() + ": acked twice")
              .isTrue();
          reachedIf(a.consumerDedupWindowMs() > 0, "Ack: remembered for consumer dedup");
          reachedIf(a.resultAt(i) != null, "Ack: with a result");
        }
      }
    }

    private void nacked(Nack n, Settled s) {
      for (int i = 0; i < s.outcomes().size(); i++) {
        if (s.outcomes().get(i) == SettleOutcome.OK) {
          nackedEpochs.add(n.receipts().get(i).epoch());
          coverage.reached("Nack: OK");
          reachedIf(n.reason() != null, "Nack: with reason");
          reachedIf(n.backoffBaseMs() > 0, "Nack: with retry backoff");
        }
      }
    }

    private void committed(CommitOffset co, Removed r) {
      Long before = committedByStreamGroup.put(co.group(), r.count());
      if (before == null) {
        return;
      }
      reachedIf(r.count() > before, "CommitOffset: moved forward");
      reachedIf(!co.seek() && co.offset() < before && r.count() == before, "CommitOffset: late commit ignored");
      reachedIf(co.seek() && r.count() < before, "CommitOffset: seek back");
    }

    /**
     * A retry within the window answers the first answer (and took no path); a first application took its
     * command's path. After the window the id may or may not be forgotten yet, so it is no longer followed.
     */
    private void once(Once o, Removed r, PartitionStats stats, Supplier<String> where) {
      FirstAnswer first = firstAnswerByOperation.get(o.operationId());
      if (first != null && stats.lastTimeMs() - first.atMs() >= PartitionOperations.WINDOW_MS) {
        unfollowedOperations.add(o.operationId());
      }
      if (unfollowedOperations.contains(o.operationId())) {
        return;
      }
      if (first != null) {
        assertThat(r).as(() -> where.get() + ": a retried operation answers as the first time")
            .isEqualTo(first.answer());
        coverage.reached("Once: retry answered with the first answer");
        return;
      }
      firstAnswerByOperation.put(o.operationId(), new FirstAnswer(r, stats.lastTimeMs()));
      coverage.reached("Once: applied");
      checkResult(o.command(), r, stats, where);
    }

    private Set<Long> acked(String group) {
      return ackedByGroup.computeIfAbsent(group, g -> new HashSet<>());
    }
  }
}
