package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.ChaosCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Faults on node processes: kill, pause, rolling restart, wipe, and Raft log tail truncation. */
public final class ProcessNemeses {
  /** How long a wiped node may take to catch up before the next wipe. */
  static final java.time.Duration CATCH_UP_LIMIT = java.time.Duration.ofSeconds(60);

  private ProcessNemeses() {}

  /** Which node a fault hits. */
  public enum Target {
    RANDOM,
    LEADER;

    /** A running node of this kind, or empty when there is none (the fault would change nothing). */
    OptionalInt pick(NemesisContext ctx, SplittableRandom random) throws InterruptedException {
      return this == LEADER ? ctx.leader(random) : ctx.runningNode(random);
    }

    String none() {
      return this == LEADER ? NemesisContext.NO_LEADER : "no running node";
    }
  }

  /** SIGKILL one node; heal restarts it on its data. */
  public static Nemesis kill(Target target) {
    return new NamedNemesis("kill-" + name(target), "kill") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
        OptionalInt picked = target.pick(ctx, random);
        if (picked.isEmpty()) {
          return Fault.noop(target.none());
        }
        int n = picked.getAsInt();
        if (!ctx.cluster().kill9(n)) {
          return Fault.noop(List.of(n), ctx.cluster().id(n) + " was not running");
        }
        return new Fault(List.of(n), "SIGKILL " + ctx.cluster().id(n));
      }

      @Override
      public void heal(NemesisContext ctx, Fault fault) throws Exception {
        ctx.restart(fault.targets().get(0));
      }
    };
  }

  /** SIGSTOP one node (a long GC pause or VM stall); heal sends SIGCONT. */
  public static Nemesis pause(Target target) {
    return new NamedNemesis("pause-" + name(target), "pause") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws InterruptedException {
        OptionalInt picked = target.pick(ctx, random);
        if (picked.isEmpty()) {
          return Fault.noop(target.none());
        }
        int n = picked.getAsInt();
        if (!ctx.cluster().pause(n)) {
          return Fault.noop(ctx.cluster().id(n) + " was not running or already paused");
        }
        return new Fault(List.of(n), "SIGSTOP " + ctx.cluster().id(n));
      }

      @Override
      public void heal(NemesisContext ctx, Fault fault) {
        ctx.cluster().resume(fault.targets().get(0));
      }
    };
  }

  /** SIGTERM each node in turn, restarting it and letting it settle before the next. */
  public static Nemesis rollingRestart() {
    return new NamedNemesis("restart-rolling", "restart") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
        ChaosCluster cluster = ctx.cluster();
        List<Integer> restarted = new ArrayList<>();
        for (int n = 0; n < cluster.size(); n++) {
          if (cluster.isMember(n) && cluster.stop(n)) {
            restarted.add(n);
            ctx.restart(n);
            TimeUnit.SECONDS.sleep(3);
          }
        }
        return restarted.isEmpty() ? Fault.noop("no running node to restart")
            : new Fault(List.of(), "SIGTERM and restart each node in turn: " + restarted.size() + " restarted");
      }

      @Override
      public void heal(NemesisContext ctx, Fault fault) {}
    };
  }

  /**
   * SIGKILL one node and delete its data; heal starts it empty, to catch up by snapshot from the others. As the
   * operating rule says (one wiped node at a time), it first waits until every replica has caught up, so that it
   * never destroys a majority's copy of anything; it waits at most {@link #CATCH_UP_LIMIT}, and a cluster that has not
   * caught up by then fails the run (the wiped node never recovered).
   */
  public static Nemesis wipe() {
    return new NamedNemesis("wipe-node", "disk") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
        if (!ctx.awaitAllReplicasCaughtUp(CATCH_UP_LIMIT)) {
          throw new IllegalStateException("replicas did not catch up within " + CATCH_UP_LIMIT
              + " after the last wipe; refusing to wipe another node (a majority's data would be gone)");
        }
        int n = ctx.randomNode(random);
        ctx.cluster().kill9(n);
        ctx.cluster().wipe(n);
        return new Fault(List.of(n), "SIGKILL and wipe the data of " + ctx.cluster().id(n));
      }

      @Override
      public void heal(NemesisContext ctx, Fault fault) throws Exception {
        ctx.restart(fault.targets().get(0));
      }
    };
  }

  /**
   * SIGKILL one node and cut up to 4 KiB (skewed towards small cuts) off the newest Raft log segment of each of its
   * groups, as a crash mid-write would; heal restarts it.
   */
  public static Nemesis truncateLogTail() {
    return new NamedNemesis("truncate-log-tail", "disk") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
        int n = ctx.randomNode(random);
        ctx.cluster().kill9(n);
        long bytes = 1L << random.nextInt(13);
        int segments = ctx.cluster().truncateRaftLogTails(n, bytes);
        String detail =
            "SIGKILL " + ctx.cluster().id(n) + ", cut " + bytes + " bytes off " + segments + " open log segments";
        // Killed, but with nothing cut this was a kill, not the disk fault it is counted as.
        return segments == 0 ? Fault.noop(List.of(n), detail) : new Fault(List.of(n), detail);
      }

      @Override
      public void heal(NemesisContext ctx, Fault fault) throws Exception {
        ctx.restart(fault.targets().get(0));
      }
    };
  }

  private static String name(Target target) {
    return target == Target.LEADER ? "leader" : "random";
  }
}
