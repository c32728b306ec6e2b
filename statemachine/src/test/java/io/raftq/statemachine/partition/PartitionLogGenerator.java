package io.raftq.statemachine.partition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;

/**
 * A seeded source of partition log entries of 1-4 commands, of every {@link PartitionCommand} type, built as the
 * leader builds them for a queue of one {@link QueueShape}: receipts come from earlier replies (and some are stale
 * or made up), dead letters are forwarded from what the leader's outbox holds, released keys are the leader's
 * parked ones, and client operations are sometimes retried. Entry times mostly move forward, by up to 8 s (leases
 * of up to 20 s and delays of up to 15 s run out mid-log), sometimes backwards (a leader with a slower clock),
 * and now and then jump by minutes.
 */
final class PartitionLogGenerator {
  /** The queue a partition belongs to: the flags and settings the front door puts in every Receive. */
  enum QueueShape {
    QUEUE(false, false, 20_000),
    FIFO(true, false, 0),
    TOPIC(false, true, 0);

    final boolean fifo;
    final boolean topic;
    final long consumerDedupWindowMs;

    QueueShape(boolean fifo, boolean topic, long consumerDedupWindowMs) {
      this.fifo = fifo;
      this.topic = topic;
      this.consumerDedupWindowMs = consumerDedupWindowMs;
    }
  }

  static final List<String> GROUPS = List.of("g1", "g2", "g3");
  static final List<String> STREAM_GROUPS = List.of("s1", "s2");
  static final List<String> KEYS = List.of("k0", "k1", "k2");
  static final long DEDUP_WINDOW_MS = 30_000;
  static final long RETENTION_MS = 60_000;
  /** Below what the age limit keeps (about 20 messages of up to 15 bytes), so that the size limit deletes too. */
  static final long RETENTION_BYTES = 100;
  private static final long BACKOFF_BASE_MS = 500;
  private static final long BACKOFF_MAX_MS = 4_000;
  /** Client operations a retry picks from: the latest few, as a client retries only its last calls. */
  private static final int RETRIED_OPERATIONS = 3;

  private final QueueShape shape;
  private final Random random;
  /** Lookups only, never iterated: the log must not depend on hash order. */
  private final Map<String, List<LeaseRef>> recentReceipts = new HashMap<>();
  private final List<Once> recentOperations = new ArrayList<>();
  private int operations;
  private long timeMs = 1_000;

  PartitionLogGenerator(QueueShape shape, Random random) {
    this.shape = shape;
    this.random = random;
  }

  /** The entry time of the last entry made. */
  long timeMs() {
    return timeMs;
  }

  /** The next entry, given the leader's state after the previous ones. */
  List<PartitionCommand> nextEntry(PartitionLogic leader) {
    advanceClock();
    PartitionStats stats = leader.stats();
    List<ParkedKey> parked = leader.parkedKeys();
    SortedMap<String, Long> committed = leader.streamOffsets();
    List<PartitionCommand> commands = new ArrayList<>();
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      commands.add(nextCommand(stats, parked, committed));
    }
    return commands;
  }

  /** Takes the receipts of the leases in {@code results} for later acks, nacks and visibility changes. */
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

  private void advanceClock() {
    timeMs += random.nextInt(10) == 0 ? -random.nextInt(20_000) : random.nextInt(8_000);
    if (random.nextInt(50) == 0) {
      timeMs += 200_000;
    }
  }

  /** Weights out of 200; the topic-only commands give their share to enqueues and receives in other queues. */
  private PartitionCommand nextCommand(PartitionStats stats, List<ParkedKey> parked,
      SortedMap<String, Long> committed) {
    int r = random.nextInt(200);
    if (r < 54) {
      return enqueue();
    } else if (r < 102) {
      return receive(group());
    } else if (r < 126) {
      return ack(group());
    } else if (r < 140) {
      return nack(group());
    } else if (r < 152) {
      return new ChangeVisibility(group(), receipts(group()), random.nextInt(30_000) - 50);
    } else if (r < 162) {
      return forwardDeadLetters(stats);
    } else if (r < 168) {
      return removeMessages(stats);
    } else if (r < 176) {
      return maybeOnce(releaseKey(parked));
    } else if (r < 177) {
      return maybeOnce(new Purge());
    } else if (r < 180) {
      return retryOperation(parked);
    } else if (r < 190) {
      return shape.topic ? commitOffset(stats, committed) : enqueue();
    } else {
      return shape.topic ? applyRetention() : receive(group());
    }
  }

  private String group() {
    return GROUPS.get(random.nextInt(GROUPS.size()));
  }

  private String key() {
    return KEYS.get(random.nextInt(KEYS.size()));
  }

  private Enqueue enqueue() {
    List<NewMessage> messages = new ArrayList<>();
    for (int n = random.nextInt(5); n > 0; n--) {
      messages.add(newMessage());
    }
    return new Enqueue(messages, random.nextInt(10) == 0 ? 0 : DEDUP_WINDOW_MS);
  }

  /** Ids repeat (duplicates), some have none; a few are delayed, a few moved by raftq (a dedup id of their own). */
  private NewMessage newMessage() {
    String id = random.nextInt(5) == 0 ? null : "id-" + random.nextInt(40);
    String key = random.nextBoolean() ? null : key();
    byte[] payload = new byte[random.nextInt(16)];
    random.nextBytes(payload);
    List<MessageHeader> headers = random.nextBoolean() ? List.of() : List.of(new MessageHeader("h", id));
    long delayMs = random.nextInt(8) == 0 ? 1 + random.nextInt(15_000) : 0;
    String dedupId = id != null && random.nextInt(10) == 0 ? "moved-" + random.nextInt(20) : null;
    return new NewMessage(id, key, headers, payload, delayMs, dedupId);
  }

  /**
   * Settings a queue may change over time (dead-lettering, backoff) vary from receive to receive; one in 20
   * asks for no message and one in 100 for a negative visibility (both rejected).
   */
  private Receive receive(String group) {
    int maxMessages = random.nextInt(20) == 0 ? random.nextInt(2) - 1 : 1 + random.nextInt(4);
    long visibilityMs = random.nextInt(100) == 0 ? -1 : random.nextInt(10) == 0 ? 0 : random.nextInt(20_000);
    int maxReceives = List.of(0, 2, 3).get(random.nextInt(3));
    boolean ackOnReceive = random.nextInt(10) == 0;
    boolean backoff = random.nextInt(4) == 0;
    long maxBytes = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(400);
    return new Receive(group, maxMessages, visibilityMs, maxReceives, shape.fifo, ackOnReceive,
        shape.consumerDedupWindowMs, backoff ? BACKOFF_BASE_MS : 0, backoff ? BACKOFF_MAX_MS : 0, shape.topic,
        maxBytes);
  }

  private Ack ack(String group) {
    List<LeaseRef> receipts = receipts(group);
    List<byte[]> results = random.nextInt(4) == 0 ? results(receipts.size()) : List.of();
    return new Ack(group, receipts, shape.consumerDedupWindowMs, results);
  }

  /** One result per receipt, some null; one in 50 too long (the ack is rejected). */
  private List<byte[]> results(int count) {
    List<byte[]> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length = random.nextInt(50) == 0 ? PartitionLimits.MAX_RESULT_BYTES + 1 : random.nextInt(20);
      results.add(random.nextInt(3) == 0 ? null : new byte[length]);
    }
    return results;
  }

  private Nack nack(String group) {
    String reason = random.nextInt(3) == 0 ? "reason-" + random.nextInt(5) : null;
    boolean backoff = random.nextInt(4) == 0;
    return new Nack(group, receipts(group), random.nextInt(10_000) - 50, reason,
        backoff ? BACKOFF_BASE_MS : 0, backoff ? BACKOFF_MAX_MS : 0);
  }

  /**
   * Receipts of the group's recent leases, half of them from its latest five (a consumer settles what it just
   * received, so those leases are mostly still held), some made up (unknown offsets, wrong epochs).
   */
  private List<LeaseRef> receipts(String group) {
    List<LeaseRef> pool = recentReceipts.getOrDefault(group, List.of());
    List<LeaseRef> out = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      if (pool.isEmpty() || random.nextInt(8) == 0) {
        out.add(new LeaseRef(random.nextInt(50) - 2, random.nextInt(100)));
      } else {
        int recent = random.nextBoolean() ? Math.min(5, pool.size()) : pool.size();
        out.add(pool.get(pool.size() - 1 - random.nextInt(recent)));
      }
    }
    return out;
  }

  /** As the leader's forwarder: some of the pending dead letters, a retry of an earlier forward, or (rarely) too far. */
  private ForwardedDeadLetters forwardDeadLetters(PartitionStats stats) {
    long forwarded = stats.deadLettersTotal() - stats.deadLettersPending();
    int r = random.nextInt(10);
    if (r == 0) {
      return new ForwardedDeadLetters(stats.deadLettersTotal() + 1 + random.nextInt(3));
    }
    if (r < 3 || stats.deadLettersPending() == 0) {
      return new ForwardedDeadLetters(random.nextLong(forwarded + 1));
    }
    return new ForwardedDeadLetters(forwarded + 1 + random.nextLong(stats.deadLettersPending()));
  }

  /** A redrive: offsets of leased messages, or anywhere around the stored range (some not retained). */
  private RemoveMessages removeMessages(PartitionStats stats) {
    List<LeaseRef> pool = recentReceipts.getOrDefault(group(), List.of());
    List<Long> offsets = new ArrayList<>();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      if (!pool.isEmpty() && random.nextBoolean()) {
        offsets.add(pool.get(random.nextInt(pool.size())).offset());
      } else {
        offsets.add(aroundStoredRange(stats));
      }
    }
    return new RemoveMessages(offsets);
  }

  /** An offset from a little below the oldest retained one to a little beyond the next one, never negative. */
  private long aroundStoredRange(PartitionStats stats) {
    long span = stats.nextOffset() - stats.firstRetainedOffset();
    return Math.max(0, stats.firstRetainedOffset() - 3 + random.nextLong(span + 7));
  }

  /** Mostly a key the leader lists as parked, as an operator would pick it; else any key of any group. */
  private ReleaseKey releaseKey(List<ParkedKey> parked) {
    boolean skip = random.nextBoolean();
    if (!parked.isEmpty() && random.nextInt(3) != 0) {
      ParkedKey p = parked.get(random.nextInt(parked.size()));
      return new ReleaseKey(p.group(), p.key(), skip);
    }
    return new ReleaseKey(group(), key(), skip);
  }

  /** Half of the purges and key releases come from a client that sent an operation id. */
  private PartitionCommand maybeOnce(PartitionCommand command) {
    if (random.nextBoolean()) {
      return command;
    }
    Once once = new Once("op-" + operations++, command);
    recentOperations.add(once);
    if (recentOperations.size() > RETRIED_OPERATIONS) {
      recentOperations.remove(0);
    }
    return once;
  }

  /** A client resending one of its latest operations whose answer it lost. */
  private PartitionCommand retryOperation(List<ParkedKey> parked) {
    if (recentOperations.isEmpty()) {
      return maybeOnce(releaseKey(parked));
    }
    return recentOperations.get(random.nextInt(recentOperations.size()));
  }

  /**
   * A stream group's commit around the stored range (often behind the committed offset), or one in three a seek
   * back to just before the committed offset, as a consumer replaying what it read.
   */
  private CommitOffset commitOffset(PartitionStats stats, SortedMap<String, Long> committed) {
    String group = STREAM_GROUPS.get(random.nextInt(STREAM_GROUPS.size()));
    if (random.nextInt(3) == 0 && committed.containsKey(group)) {
      return new CommitOffset(group, Math.max(0, committed.get(group) - 1 - random.nextInt(3)), true);
    }
    return new CommitOffset(group, aroundStoredRange(stats), random.nextInt(6) == 0);
  }

  /**
   * The retention ticker of a topic with an age limit (mostly), a size limit, both, or (altered since) neither.
   * The size limit keeps only a few messages, so it runs less often.
   */
  private ApplyRetention applyRetention() {
    return switch (random.nextInt(6)) {
      case 0, 1, 2 -> new ApplyRetention(RETENTION_MS, 0);
      case 3 -> new ApplyRetention(0, RETENTION_BYTES);
      case 4 -> new ApplyRetention(RETENTION_MS, RETENTION_BYTES);
      default -> new ApplyRetention(0, 0);
    };
  }
}
