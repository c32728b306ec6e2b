package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.ChaosCluster;
import io.raftq.protocol.LayoutInfo;
import io.raftq.protocol.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Grows and shrinks the cluster under load, one membership change per injection: first each spare node joins
 * (started with {@code --join}; the fault ends when the replicas have settled), then seed nodes are drained,
 * removed and stopped, one at a time, until {@code shrinkTo} nodes remain. Later injections do nothing. Healing
 * does nothing either: a membership change is not undone.
 */
final class MembershipNemesis extends NamedNemesis {
  /** How long the replica moves of one change may take (each group catches its new replica up first). */
  static final Duration SETTLE_LIMIT = Duration.ofSeconds(150);

  private final int shrinkTo;
  private final List<Integer> removed = new ArrayList<>();

  MembershipNemesis(int shrinkTo) {
    super("grow-shrink", "membership");
    this.shrinkTo = shrinkTo;
  }

  @Override
  public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
    ChaosCluster cluster = ctx.cluster();
    for (int n = cluster.seeds(); n < cluster.size(); n++) {
      if (!cluster.isMember(n) && !cluster.isRetired(n)) {
        ctx.restart(n);
        awaitSettled(ctx, members(cluster), null);
        return new Fault(List.of(n), "joined " + cluster.id(n));
      }
    }
    int members = members(cluster);
    if (members <= shrinkTo) {
      return Fault.noop("nothing left to change: " + members + " members, the target is " + shrinkTo);
    }
    int victim = pickSeed(cluster, random);
    String id = cluster.id(victim);
    changeWithRetries(ctx, change(Request.MembershipAction.DRAIN, id));
    awaitSettled(ctx, members, id);
    changeWithRetries(ctx, change(Request.MembershipAction.REMOVE, id));
    awaitRegistered(ctx, members - 1);
    cluster.retire(victim);
    removed.add(victim);
    return new Fault(List.of(victim), "drained, removed and stopped " + id);
  }

  private static int members(ChaosCluster cluster) {
    int count = 0;
    for (int n = 0; n < cluster.size(); n++) {
      count += cluster.isMember(n) ? 1 : 0;
    }
    return count;
  }

  /** A running seed not removed yet, chosen by the seeded random. */
  private int pickSeed(ChaosCluster cluster, SplittableRandom random) {
    List<Integer> candidates = new ArrayList<>();
    for (int n = 0; n < cluster.seeds(); n++) {
      if (!removed.contains(n)) {
        candidates.add(n);
      }
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  /**
   * Other faults may run alongside (a killed or cut-off node, a metadata leader changing): a change that fails is
   * sent again until it succeeds or {@link #SETTLE_LIMIT} passes. Both changes are idempotent.
   */
  private static void changeWithRetries(NemesisContext ctx, Request.ChangeMembership change) throws Exception {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (true) {
      try {
        ctx.admin().admin().changeMembership(change).get(30, TimeUnit.SECONDS);
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        if (change.action() == Request.MembershipAction.REMOVE && e.getCause() != null
            && String.valueOf(e.getCause().getMessage()).contains("is not in the cluster")) {
          return; // an earlier attempt removed it, and its answer was lost
        }
        if (System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.SECONDS.sleep(2);
      }
    }
  }

  private static Request.ChangeMembership change(Request.MembershipAction action, String node) {
    return new Request.ChangeMembership(action, node, null, null, null, false);
  }

  /**
   * Waits until {@code nodes} nodes are registered, no partition has a move under way or names {@code drained},
   * and the layout stayed the same for 5 s (the mover had nothing left to do).
   */
  private static void awaitSettled(NemesisContext ctx, int nodes, String drained) throws Exception {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    LayoutInfo last = null;
    while (System.nanoTime() < deadline) {
      LayoutInfo l = layout(ctx);
      boolean quiet = l != null && l.nodes().size() == nodes && !l.replicas().isEmpty()
          && l.replicas().stream().allMatch(r -> r.adding() == null
              && (drained == null || !r.members().contains(drained)));
      if (quiet && l.equals(last)) {
        return;
      }
      last = quiet ? l : null;
      TimeUnit.SECONDS.sleep(5);
    }
    throw new IllegalStateException("replicas did not settle within " + SETTLE_LIMIT + ": " + layout(ctx));
  }

  private static void awaitRegistered(NemesisContext ctx, int nodes) throws Exception {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      LayoutInfo l = layout(ctx);
      if (l != null && l.nodes().size() == nodes) {
        return;
      }
      TimeUnit.SECONDS.sleep(1);
    }
    throw new IllegalStateException(nodes + " nodes were not registered within " + SETTLE_LIMIT);
  }

  private static LayoutInfo layout(NemesisContext ctx) {
    try {
      return ctx.admin().admin().clusterLayout().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void heal(NemesisContext ctx, Fault fault) {
    // A membership change stays.
  }
}
