package io.raftq.statemachine.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.ReplayCoverage;
import io.raftq.statemachine.metadata.MetadataCommand.AlterQueue;
import io.raftq.statemachine.metadata.MetadataCommand.CreateQueue;
import io.raftq.statemachine.metadata.MetadataCommand.DeleteQueue;
import io.raftq.statemachine.metadata.MetadataCommand.JoinNode;
import io.raftq.statemachine.metadata.MetadataCommand.Once;
import io.raftq.statemachine.metadata.MetadataCommand.RegisterNode;
import io.raftq.statemachine.metadata.MetadataCommand.RegisterSeeds;
import io.raftq.statemachine.metadata.MetadataCommand.RemoveNode;
import io.raftq.statemachine.metadata.MetadataCommand.SetNodeState;
import io.raftq.statemachine.metadata.MetadataCommand.SetReplicas;
import io.raftq.statemachine.metadata.MetadataLogic.Outcome;
import io.raftq.statemachine.store.KvTransaction;
import io.raftq.statemachine.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: the same metadata log applied to two fresh stores gives byte-identical stores, replies, queue lists and
 * cluster layouts, also when one replica restarts (reloads from its store, as after a snapshot install) now and
 * then; and the log applies every {@link MetadataCommand} type and takes the paths that need a particular state.
 *
 * <p>Method: a seeded {@link Generator} builds each entry (one command, as the metadata group's entries are) from
 * the leader's state: queues created before and after the seeds form the cluster (so with and without replica
 * sets), alterations naming the current, a stale or no modification index, replica moves naming the current or
 * a stale replica set, node registrations, drains and removals, and client operations resent. Replica A applies
 * each entry, replica B applies the same bytes; after every entry both must agree, and at the end every command
 * type must have been applied with an OK outcome and every path of {@link #REQUIRED_PATHS} taken.
 *
 * <p>Reproduce a failure: run the seed the message names with {@code -Dreplay.seeds=<seed>}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetadataReplayDeterminismTest {
  private static final int ENTRIES = 500;
  /** Entries before the seeds register: the cluster is not formed yet, as at a first boot. */
  private static final int FORMED_AT = 30;

  static final List<String> REQUIRED_PATHS = List.of(
      "CreateQueue: plain", "CreateQueue: with settings", "CreateQueue: with attributes",
      "CreateQueue: with a replication factor", "CreateQueue: before the cluster formed",
      "CreateQueue: placed on the nodes", "CreateQueue: QUEUE_EXISTS", "CreateQueue: DEAD_LETTER_QUEUE_NOT_FOUND",
      "DeleteQueue: QUEUE_NOT_FOUND",
      "AlterQueue: MODIFIED_SINCE", "AlterQueue: QUEUE_NOT_FOUND", "AlterQueue: DEAD_LETTER_QUEUE_NOT_FOUND",
      "RegisterSeeds: formed the cluster", "RegisterSeeds: nothing once formed", "JoinNode: NOT_FORMED",
      "SetNodeState: NODE_NOT_FOUND", "RemoveNode: NODE_HAS_REPLICAS", "RemoveNode: forced while holding replicas",
      "SetReplicas: MODIFIED_SINCE", "SetReplicas: PARTITION_NOT_FOUND", "SetReplicas: QUEUE_NOT_FOUND",
      "Once: applied", "Once: retry answered with the first answer");

  static LongStream seeds() {
    String seeds = System.getProperty("replay.seeds");
    return seeds == null ? LongStream.of(1, 42, 2026)
        : Arrays.stream(seeds.split(",")).mapToLong(s -> Long.parseLong(s.trim()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sameLogGivesIdenticalReplicasAndTakesEveryPath(long seed) {
    Random random = new Random(seed);
    Generator generator = new Generator(random);
    Replica a = new Replica();
    Replica b = new Replica();
    Observer observer = new Observer();
    for (int entry = 0; entry < ENTRIES; entry++) {
      long index = entry + 1;
      MetadataCommand command = generator.next(entry, a.logic);
      long timeMs = generator.timeMs;
      byte[] body = MetadataCommand.encode(command);
      Supplier<String> where = () -> "seed " + seed + " entry " + index + " at " + timeMs + " ms " + command;
      ClusterLayout before = a.logic.layout();
      byte[] replyA = a.apply(index, timeMs, body);
      if (random.nextInt(15) == 0) {
        b.restart();
      }
      byte[] replyB = b.apply(index, timeMs, body);
      assertThat(replyB).as(() -> where.get() + ": replies").isEqualTo(replyA);
      assertThat(b.dump()).as(() -> where.get() + ": stores").isEqualTo(a.dump());
      assertThat(b.logic.queues()).as(() -> where.get() + ": queues").isEqualTo(a.logic.queues());
      assertThat(b.logic.layout()).as(() -> where.get() + ": layout").isEqualTo(a.logic.layout());
      observer.check(command, replyA, timeMs, before, a.logic, where);
    }
    observer.coverage.assertReached(ReplayCoverage.permittedTypeNames(MetadataCommand.class),
        "seed " + seed + " (every command type must be applied with OK: generate a new one in the Generator)");
    observer.coverage.assertReached(REQUIRED_PATHS, "seed " + seed);
  }

  /** A metadata replica over a {@link MemoryStore}, committing each entry as the adapter does. */
  private static final class Replica {
    final MemoryStore store = new MemoryStore();
    MetadataLogic logic = new MetadataLogic();

    byte[] apply(long index, long timeMs, byte[] body) {
      KvTransaction txn = store.begin();
      byte[] reply = logic.apply(index, timeMs, ByteBuffer.wrap(body), txn);
      store.commit(txn);
      return reply;
    }

    void restart() {
      logic = new MetadataLogic();
      logic.load(store);
    }

    List<String> dump() {
      List<String> out = new ArrayList<>();
      HexFormat hex = HexFormat.of();
      store.scan(new byte[0], (k, v) -> out.add(hex.formatHex(k) + "=" + hex.formatHex(v)));
      return out;
    }
  }

  /** Builds each entry's command from the leader's state, as the front door, the mover and the nodes do. */
  private static final class Generator {
    private static final List<String> QUEUES = List.of("q0", "q1", "q2", "q3", "q4");
    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5", "n6");
    private static final List<String> ZONES = List.of("", "z1", "z2", "z3");
    private static final int RETRIED_OPERATIONS = 3;

    private final Random random;
    private final List<Once> recentOperations = new ArrayList<>();
    private int operations;
    long timeMs = 1_000;

    Generator(Random random) {
      this.random = random;
    }

    MetadataCommand next(int entry, MetadataLogic leader) {
      // Forward by up to 30 s, sometimes back (another leader's clock), now and then past the operation window.
      timeMs += random.nextInt(8) == 0 ? -random.nextInt(5_000) : random.nextInt(30_000);
      if (random.nextInt(40) == 0) {
        timeMs += RecentOperations.WINDOW_MS;
      }
      if (entry == FORMED_AT) {
        return seeds();
      }
      return entry < FORMED_AT ? beforeFormation(leader) : afterFormation(leader);
    }

    /** Before the seeds register: queues come and go (without replica sets), nodes try to join too early. */
    private MetadataCommand beforeFormation(MetadataLogic leader) {
      return switch (random.nextInt(10)) {
        case 0, 1, 2 -> new JoinNode(node());
        case 3 -> once(new JoinNode(node()));
        case 4, 5, 6 -> createQueue();
        case 7 -> new DeleteQueue(queue());
        case 8 -> alterQueue(leader);
        default -> new SetNodeState(nodeId(), NodeState.DRAINING);
      };
    }

    private MetadataCommand afterFormation(MetadataLogic leader) {
      int r = random.nextInt(100);
      if (r < 18) {
        return createQueue();
      } else if (r < 30) {
        return new DeleteQueue(queue());
      } else if (r < 42) {
        return alterQueue(leader);
      } else if (r < 50) {
        return node();
      } else if (r < 53) {
        return seeds();
      } else if (r < 59) {
        return new JoinNode(node());
      } else if (r < 64) {
        String id = random.nextInt(5) == 0 ? "never-registered" : nodeId();
        return new SetNodeState(id, random.nextInt(3) == 0 ? NodeState.ACTIVE : NodeState.DRAINING);
      } else if (r < 70) {
        return new RemoveNode(nodeId(), random.nextBoolean());
      } else if (r < 86) {
        return setReplicas(leader);
      } else if (r < 95 || recentOperations.isEmpty()) {
        return once(random.nextBoolean() ? createQueue() : random.nextBoolean() ? new DeleteQueue(queue())
            : new JoinNode(node()));
      }
      return recentOperations.get(random.nextInt(recentOperations.size()));
    }

    private String queue() {
      return QUEUES.get(random.nextInt(QUEUES.size()));
    }

    private String nodeId() {
      return NODES.get(random.nextInt(NODES.size()));
    }

    private RegisterNode node() {
      String id = nodeId();
      return new RegisterNode(id, "127.0.0.1:" + (9000 + random.nextInt(3)), "127.0.0.1:" + (8000 + id.hashCode() % 10),
          ZONES.get(random.nextInt(ZONES.size())));
    }

    private RegisterSeeds seeds() {
      return new RegisterSeeds(List.of(new RegisterNode("n1", "127.0.0.1:9001", "127.0.0.1:8001", "z1"),
          new RegisterNode("n2", "127.0.0.1:9002", "127.0.0.1:8002", "z2"),
          new RegisterNode("n3", "127.0.0.1:9003", "127.0.0.1:8003", "z3")));
    }

    /** Each of the encodings: plain, with settings (some naming a dead-letter queue), attributes, replication. */
    private CreateQueue createQueue() {
      String name = queue();
      int partitions = 1 + random.nextInt(3);
      return switch (random.nextInt(5)) {
        case 0 -> new CreateQueue(name, partitions, 30_000, 60_000);
        case 1, 2 -> {
          String dlq = deadLetterQueue(name);
          boolean topic = random.nextInt(3) == 0;
          yield new CreateQueue(name, partitions, 30_000, 60_000, random.nextInt(2_000), dlq == null ? 0 : 3, dlq,
              !topic && random.nextBoolean(), 10_000, 500, 4_000, topic, topic ? 60_000 : 0, 0);
        }
        case 3 -> new CreateQueue(name, partitions, 30_000, 0, 0, 0, null, false, 0, 0, 0, false, 0, 0,
            attributes());
        default -> new CreateQueue(name, partitions, 30_000, 0, 0, 0, null, false, 0, 0, 0, false, 0, 0,
            attributes(), random.nextBoolean() ? 1 : 3);
      };
    }

    /** None, another queue (which may be deleted), or one never created. */
    private String deadLetterQueue(String name) {
      int r = random.nextInt(6);
      if (r < 2) {
        return null;
      }
      String other = queue();
      return r == 2 || other.equals(name) ? "never-created" : other;
    }

    private TreeMap<String, String> attributes() {
      TreeMap<String, String> attributes = new TreeMap<>();
      for (int n = random.nextInt(3); n > 0; n--) {
        attributes.put("a" + random.nextInt(4), "v" + random.nextInt(10));
      }
      return attributes;
    }

    /** Mostly of a queue the leader has, naming its current modification index, none (-1) or a stale one. */
    private AlterQueue alterQueue(MetadataLogic leader) {
      List<QueueDefinition> queues = leader.queues();
      String name = queues.isEmpty() || random.nextInt(3) == 0 ? queue()
          : queues.get(random.nextInt(queues.size())).name();
      QueueDefinition q = leader.queue(name);
      long current = q == null ? 1 : q.modifiedIndex();
      long expected = switch (random.nextInt(3)) {
        case 0 -> current;
        case 1 -> random.nextBoolean() ? -1 : current;
        default -> current - 1;
      };
      String dlq = deadLetterQueue(name);
      return new AlterQueue(name, expected, 10_000 + random.nextInt(50_000), 60_000, random.nextInt(1_000),
          dlq == null ? 0 : 2, dlq, 0, 0, 0, 0, attributes());
    }

    /**
     * A replica move step of a queue the leader has (now and then of an old incarnation or a partition beyond
     * its count), naming the current members, mostly, or a stale set.
     */
    private SetReplicas setReplicas(MetadataLogic leader) {
      List<QueueDefinition> queues = leader.queues();
      if (queues.isEmpty()) {
        return new SetReplicas(queue(), 1, 0, null, List.of(nodeId()), null);
      }
      QueueDefinition q = queues.get(random.nextInt(queues.size()));
      long createIndex = random.nextInt(5) == 0 ? q.createIndex() + 1 : q.createIndex();
      int partition = random.nextInt(q.partitions() + 1);
      ReplicaSet current = leader.replicaSet(q.name(), q.createIndex(), partition);
      List<String> expected = current == null ? null : current.members();
      if (random.nextInt(3) == 0) {
        expected = List.of(nodeId());
      }
      List<String> members = distinctNodes(1 + random.nextInt(3));
      String adding = random.nextBoolean() ? null : NODES.stream().filter(n -> !members.contains(n)).findFirst()
          .orElse(null);
      return new SetReplicas(q.name(), createIndex, partition, expected, members, adding);
    }

    private List<String> distinctNodes(int count) {
      List<String> pool = new ArrayList<>(NODES);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add(pool.remove(random.nextInt(pool.size())));
      }
      return out;
    }

    private Once once(MetadataCommand command) {
      Once once = new Once("op-" + operations++, command);
      recentOperations.add(once);
      if (recentOperations.size() > RETRIED_OPERATIONS) {
        recentOperations.remove(0);
      }
      return once;
    }
  }

  /**
   * Records the paths each entry took (outcomes, and what the leader's state shows changed), and checks that a
   * retried operation is answered as the first time. Hash containers here are for lookups only.
   */
  private static final class Observer {
    final ReplayCoverage coverage = new ReplayCoverage();
    private final Map<String, FirstAnswer> firstAnswerByOperation = new HashMap<>();
    /** Operations whose answer may have expired: forgotten or not, depending on later operations; not followed. */
    private final Set<String> unfollowedOperations = new HashSet<>();
    /** Expiry compares with the entry time of the operation applied, which may be behind earlier ones. */
    private long latestTimeMs;

    private record FirstAnswer(byte[] answer, long atMs) {}

    void check(MetadataCommand command, byte[] reply, long timeMs, ClusterLayout before, MetadataLogic leader,
        Supplier<String> where) {
      latestTimeMs = Math.max(latestTimeMs, timeMs);
      if (command instanceof Once o) {
        once(o, reply, timeMs, before, leader, where);
      } else {
        applied(command, reply, before, leader);
      }
    }

    private void once(Once o, byte[] reply, long timeMs, ClusterLayout before, MetadataLogic leader,
        Supplier<String> where) {
      FirstAnswer first = firstAnswerByOperation.get(o.operationId());
      if (first != null && latestTimeMs - first.atMs() >= RecentOperations.WINDOW_MS) {
        unfollowedOperations.add(o.operationId());
      }
      if (unfollowedOperations.contains(o.operationId())) {
        return;
      }
      if (first != null) {
        assertThat(reply).as(() -> where.get() + ": a retried operation answers as the first time")
            .isEqualTo(first.answer());
        coverage.reached("Once: retry answered with the first answer");
        return;
      }
      // A NOT_FORMED answer is not kept: the retry is applied again.
      if (MetadataLogic.outcomeOf(reply) != Outcome.NOT_FORMED) {
        firstAnswerByOperation.put(o.operationId(), new FirstAnswer(reply, timeMs));
      }
      coverage.reached("Once: applied");
      reachedIf(MetadataLogic.outcomeOf(reply) == Outcome.OK, "Once");
      applied(o.command(), reply, before, leader);
    }

    private void applied(MetadataCommand c, byte[] reply, ClusterLayout before, MetadataLogic leader) {
      String type = c.getClass().getSimpleName();
      Outcome outcome = MetadataLogic.outcomeOf(reply);
      coverage.reached(type + ": " + outcome);
      if (outcome != Outcome.OK) {
        return;
      }
      coverage.reached(type);
      ClusterLayout after = leader.layout();
      if (c instanceof CreateQueue q) {
        created(q, before, after);
      } else if (c instanceof RegisterSeeds) {
        coverage.reached(before.nodes().isEmpty() ? "RegisterSeeds: formed the cluster"
            : "RegisterSeeds: nothing once formed");
      } else if (c instanceof RemoveNode r) {
        reachedIf(r.force() && before.replicaSets().stream().anyMatch(s -> s.names(r.id())),
            "RemoveNode: forced while holding replicas");
      }
    }

    private void created(CreateQueue q, ClusterLayout before, ClusterLayout after) {
      coverage.reached(q.replicationFactor() != 0 ? "CreateQueue: with a replication factor"
          : !q.attributes().isEmpty() ? "CreateQueue: with attributes"
          : q.hasSettings() ? "CreateQueue: with settings" : "CreateQueue: plain");
      reachedIf(after.replicaSets().size() > before.replicaSets().size(), "CreateQueue: placed on the nodes");
      reachedIf(before.nodes().isEmpty(), "CreateQueue: before the cluster formed");
    }

    private void reachedIf(boolean condition, String path) {
      if (condition) {
        coverage.reached(path);
      }
    }
  }
}
