package io.raftq.cli;

import io.raftq.client.RaftqClient;
import io.raftq.client.RaftqException;
import io.raftq.protocol.ErrorCode;
import io.raftq.protocol.LayoutInfo;
import io.raftq.protocol.NodeInfo;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code raftq cluster status}: asks every node about each of its replicas (the same per-replica probe the chaos
 * suite's convergence check uses), so a replica that is down, missing or stuck shows even while its partition
 * serves from the others.
 */
@Command(
    name = "status",
    description = {
      "Show every node (up or not, replicas answering, partitions it leads) and every partition without a leader"
          + " or with a replica that does not answer. Exits 0 when the cluster is healthy, 3 when it is degraded."
    },
    footer = {"", "Example:", "  raftq cluster status --json"})
final class ClusterStatusCli implements Callable<Integer> {
  /** A node that does not answer within this is reported down (the client would otherwise retry for long). */
  private static final long PROBE_TIMEOUT_MS = 3_000;
  /** No queue has this name (names have no '/'), so a live node answers QUEUE_NOT_FOUND at once. */
  private static final String LIVENESS_QUEUE = "raftq/liveness-probe";

  private final CliEnvironment environment;

  @Spec private CommandSpec spec;
  @Mixin private HelpOption help;
  @Mixin private ConnectionOptions connection;

  @Option(names = "--json", description = "Print one JSON document instead of tables.")
  boolean json;

  ClusterStatusCli(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    ClusterHealth health;
    try (RaftqClient client = environment.clients().connect(connection.config(environment))) {
      List<NodeInfo> members = client.admin().clusterNodes().join();
      LayoutInfo layout = client.admin().clusterLayout().join();
      Map<String, String> states = new LinkedHashMap<>();
      layout.nodes().forEach(n -> states.put(n.id(), n.state()));
      List<String> moves = new ArrayList<>();
      for (LayoutInfo.Replicas r : layout.replicas()) {
        if (r.adding() != null) {
          moves.add(r.queue() + "/" + r.partition() + ": adding " + r.adding() + " to " + String.join(",", r.members()));
        }
      }
      Map<String, String> leadersSeen = new LinkedHashMap<>();
      List<QueueDescription> queues = new ArrayList<>();
      for (QueueInfo q : client.admin().listQueues().join()) {
        queues.add(client.admin().describeQueue(q.name()).join());
      }
      Set<String> up = new HashSet<>();
      Map<String, Map<String, ClusterHealth.Probe>> probes = new LinkedHashMap<>();
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      for (NodeInfo m : members) {
        pending.add(probe(client, m, LIVENESS_QUEUE, 0, leader -> { }).thenAccept(p -> {
          if (p != ClusterHealth.Probe.UNREACHABLE) {
            synchronized (up) {
              up.add(m.id());
            }
          }
        }));
        for (QueueDescription q : queues) {
          for (var p : q.partitions()) {
            String where = q.queue().name() + "/" + p.partition();
            pending.add(probe(client, m, q.queue().name(), p.partition(), leader -> {
              synchronized (leadersSeen) {
                leadersSeen.putIfAbsent(where, leader);
              }
            }).thenAccept(r -> {
              synchronized (probes) {
                probes.computeIfAbsent(where, w -> new LinkedHashMap<>()).put(m.id(), r);
              }
            }));
          }
        }
      }
      CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
      health = ClusterHealth.of(members, up, queues, probes, leadersSeen, states, moves);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(health));
    } else {
      print(out, health);
    }
    return health.healthy() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private static CompletableFuture<ClusterHealth.Probe> probe(RaftqClient client, NodeInfo node, String queue,
      int partition, java.util.function.Consumer<String> leaderSeen) {
    return client.admin().partitionStatus(node.clientAddress(), queue, partition)
        .orTimeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .handle((status, t) -> {
          if (t == null) {
            if (status.leaderId() != null) {
              leaderSeen.accept(status.leaderId());
            }
            return ClusterHealth.Probe.ANSWERED;
          }
          Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
          if (cause instanceof RaftqException e && e.code() == ErrorCode.QUIESCENT) {
            return ClusterHealth.Probe.QUIESCENT;
          }
          if (cause instanceof RaftqException e && (e.code() == ErrorCode.PARTITION_NOT_FOUND
              || e.code() == ErrorCode.QUEUE_NOT_FOUND || e.code() == ErrorCode.INVALID_REQUEST)) {
            return ClusterHealth.Probe.MISSING;
          }
          return ClusterHealth.Probe.UNREACHABLE; // timed out, refused, or failing in some other way
        });
  }

  private static void print(PrintWriter out, ClusterHealth h) {
    TextTable nodes = new TextTable("NODE", "ADDRESS", "STATE", "MEMBERSHIP", "REPLICAS", "LEADERS");
    for (ClusterHealth.NodeRow n : h.nodes) {
      nodes.row(n.id(), n.address(), n.up() ? "up" : "DOWN", n.state().isEmpty() ? "-" : n.state().toLowerCase(),
          String.valueOf(n.replicas()), String.valueOf(n.leaders()));
    }
    nodes.print(out);
    if (!h.moves.isEmpty()) {
      out.println();
      out.println("replica moves under way:");
      h.moves.forEach(m -> out.println("  " + m));
    }
    if (!h.problems.isEmpty()) {
      out.println();
      TextTable problems = new TextTable("QUEUE", "PARTITION", "LEADER", "PROBLEM");
      for (ClusterHealth.Problem p : h.problems) {
        problems.row(p.queue(), String.valueOf(p.partition()), p.leader() == null ? "-" : p.leader(), p.what());
      }
      problems.print(out);
    }
    out.println();
    out.println(h.summary());
  }

  private static String json(ClusterHealth h) {
    JsonWriter w = new JsonWriter().beginObject().field("healthy", h.healthy()).field("partitions", h.partitions)
        .field("quiescent", h.quiescent)
        .name("nodes").beginArray();
    for (ClusterHealth.NodeRow n : h.nodes) {
      w.beginObject().field("id", n.id()).field("address", n.address()).field("up", n.up())
          .field("membership", n.state()).field("replicas", n.replicas()).field("leaders", n.leaders()).endObject();
    }
    w.endArray().name("moves").beginArray();
    for (String m : h.moves) {
      w.value(m);
    }
    w.endArray().name("problems").beginArray();
    for (ClusterHealth.Problem p : h.problems) {
      w.beginObject().field("queue", p.queue()).field("partition", p.partition()).field("leader", p.leader())
          .field("problem", p.what()).endObject();
    }
    return w.endArray().endObject().toString();
  }
}
