package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.ChaosCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Wipes a node inside its catch-up window: SIGKILL, delete its data, restart it, and as soon as it listens again
 * (still rebuilding its replicas from the others) wipe and restart it once more. When a node is already catching
 * up (from a kill, a wipe or this nemesis' last injection), that node is the one wiped: losing its data twice
 * loses nothing the others do not hold. It never wipes a second node while one is catching up, since two wiped
 * copies of three can be a majority's copy of acknowledged writes (a loss Raft cannot prevent, not a raftq bug);
 * with two nodes behind it waits for one to catch up and does nothing if none does. Heal restarts the node if it
 * is down; it catches up from the others.
 */
final class CatchUpWipeNemesis extends NamedNemesis {
  /** How long to wait for at most one node to be behind before giving up (a no-op). */
  static final Duration SAFE_WAIT = Duration.ofSeconds(60);

  CatchUpWipeNemesis() {
    super("wipe-catching-up", "disk");
  }

  /**
   * The node that may be wiped when {@code laggards} are still catching up: the only one of them, or any member
   * when none is behind; empty when two or more are behind (wiping any would destroy a second copy).
   */
  static OptionalInt safeTarget(Set<Integer> laggards, List<Integer> members, SplittableRandom random) {
    if (laggards.size() > 1) {
      return OptionalInt.empty();
    }
    if (laggards.size() == 1) {
      return OptionalInt.of(laggards.iterator().next());
    }
    return members.isEmpty() ? OptionalInt.empty() : OptionalInt.of(members.get(random.nextInt(members.size())));
  }

  @Override
  public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
    ChaosCluster cluster = ctx.cluster();
    Set<Integer> behind = awaitAtMostOneLaggard(ctx);
    OptionalInt target = safeTarget(behind, members(cluster), random);
    if (target.isEmpty()) {
      return Fault.noop("still catching up after " + SAFE_WAIT.toSeconds() + " s: " + ids(cluster, behind)
          + "; wiping another node could destroy a majority's copy");
    }
    int n = target.getAsInt();
    boolean firstInWindow = behind.contains(n);
    wipeAndStart(ctx, n);
    TimeUnit.MILLISECONDS.sleep(random.nextLong(2_000));
    boolean secondInWindow = ctx.laggards().contains(n);
    wipeAndStart(ctx, n);
    String detail = String.format("wiped %s (%s), restarted, wiped again (%s), restarted", cluster.id(n),
        firstInWindow ? "while catching up" : "caught up", secondInWindow ? "while catching up" : "caught up already");
    return firstInWindow || secondInWindow ? new Fault(List.of(n), detail) : Fault.noop(List.of(n), detail);
  }

  private static Set<Integer> awaitAtMostOneLaggard(NemesisContext ctx) throws InterruptedException {
    long deadline = System.nanoTime() + SAFE_WAIT.toNanos();
    Set<Integer> behind = ctx.laggards();
    while (behind.size() > 1 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(500);
      behind = ctx.laggards();
    }
    return behind;
  }

  private static void wipeAndStart(NemesisContext ctx, int n) throws Exception {
    ctx.cluster().kill9(n);
    ctx.cluster().wipe(n);
    ctx.restart(n);
  }

  private static List<Integer> members(ChaosCluster cluster) {
    List<Integer> members = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      if (cluster.isMember(n)) {
        members.add(n);
      }
    }
    return members;
  }

  private static String ids(ChaosCluster cluster, Set<Integer> nodes) {
    return nodes.stream().map(cluster::id).toList().toString();
  }

  @Override
  public void heal(NemesisContext ctx, Fault fault) throws Exception {
    ctx.restart(fault.targets().get(0));
  }
}
