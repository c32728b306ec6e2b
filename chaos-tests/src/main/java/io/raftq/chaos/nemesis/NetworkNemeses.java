package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.NetworkLab;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Network faults by iptables rules in the nodes' namespaces (see {@link NetworkLab}): clean splits, an isolated
 * leader, a bridge, one-way cuts around a leader, and lossy links. Heal removes every rule. Client traffic from the
 * harness is never cut: these faults are between nodes.
 */
public final class NetworkNemeses {
  private NetworkNemeses() {}

  /** A random clean split into a minority and a majority that cannot hear each other. */
  public static Nemesis majoritySplit() {
    return new NetworkNemesis("partition-majority") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) {
        List<Integer> nodes = shuffled(ctx.cluster().size(), random);
        List<Integer> minority = nodes.subList(0, (nodes.size() - 1) / 2);
        List<Integer> majority = nodes.subList(minority.size(), nodes.size());
        cutBetween(ctx.cluster().lab(), minority, majority);
        return new Fault(minority, "minority " + ids(ctx, minority) + " | majority " + ids(ctx, majority));
      }
    };
  }

  /** The leader of a random partition cannot reach or hear any other node. */
  public static Nemesis isolateLeader() {
    return new NetworkNemesis("partition-leader") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws InterruptedException {
        OptionalInt found = ctx.leader(random);
        if (found.isEmpty()) {
          return Fault.noop(NemesisContext.NO_LEADER);
        }
        int leader = found.getAsInt();
        cutBetween(ctx.cluster().lab(), List.of(leader), others(ctx.cluster().size(), leader));
        return new Fault(List.of(leader), "isolate " + ctx.cluster().id(leader));
      }
    };
  }

  /** Two halves that cannot hear each other, plus one node that hears both (5 nodes). */
  public static Nemesis bridge() {
    return new NetworkNemesis("partition-bridge") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) {
        List<Integer> nodes = shuffled(ctx.cluster().size(), random);
        int half = (nodes.size() - 1) / 2;
        List<Integer> left = nodes.subList(0, half);
        List<Integer> right = nodes.subList(half + 1, nodes.size());
        cutBetween(ctx.cluster().lab(), left, right);
        return new Fault(List.of(nodes.get(half)),
            ids(ctx, left) + " | bridge " + ctx.cluster().id(nodes.get(half)) + " | " + ids(ctx, right));
      }
    };
  }

  /** A leader stops hearing its followers (it can still send to them). */
  public static Nemesis oneWayIntoLeader() {
    return new NetworkNemesis("oneway-leader-in") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws InterruptedException {
        OptionalInt found = ctx.leader(random);
        if (found.isEmpty()) {
          return Fault.noop(NemesisContext.NO_LEADER);
        }
        int leader = found.getAsInt();
        for (int peer : others(ctx.cluster().size(), leader)) {
          ctx.cluster().lab().drop(leader, peer);
        }
        return new Fault(List.of(leader), ctx.cluster().id(leader) + " hears no peer");
      }
    };
  }

  /** Followers stop hearing a leader (it still hears them). */
  public static Nemesis oneWayOutOfLeader() {
    return new NetworkNemesis("oneway-leader-out") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) throws InterruptedException {
        OptionalInt found = ctx.leader(random);
        if (found.isEmpty()) {
          return Fault.noop(NemesisContext.NO_LEADER);
        }
        int leader = found.getAsInt();
        for (int peer : others(ctx.cluster().size(), leader)) {
          ctx.cluster().lab().drop(peer, leader);
        }
        return new Fault(List.of(leader), "no peer hears " + ctx.cluster().id(leader));
      }
    };
  }

  /** Every link between nodes drops a share of its packets. */
  public static Nemesis flaky(double dropProbability) {
    return new NetworkNemesis("flaky-net") {
      @Override
      public Fault inject(NemesisContext ctx, SplittableRandom random) {
        int size = ctx.cluster().size();
        for (int to = 0; to < size; to++) {
          for (int from : others(size, to)) {
            ctx.cluster().lab().dropRandomly(to, from, dropProbability);
          }
        }
        return new Fault(List.of(), "drop " + Math.round(dropProbability * 100) + "% of packets on every link");
      }
    };
  }

  private abstract static class NetworkNemesis extends NamedNemesis {
    NetworkNemesis(String name) {
      super(name, "partition");
    }

    @Override
    public boolean needsNetwork() {
      return true;
    }

    @Override
    public void heal(NemesisContext ctx, Fault fault) {
      ctx.cluster().lab().heal();
    }
  }

  private static void cutBetween(NetworkLab lab, List<Integer> a, List<Integer> b) {
    for (int x : a) {
      for (int y : b) {
        lab.drop(x, y);
        lab.drop(y, x);
      }
    }
  }

  private static List<Integer> shuffled(int size, SplittableRandom random) {
    List<Integer> nodes = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      nodes.add(n);
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = nodes.get(i);
      nodes.set(i, nodes.get(j));
      nodes.set(j, t);
    }
    return nodes;
  }

  private static List<Integer> others(int size, int node) {
    List<Integer> rest = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      if (n != node) {
        rest.add(n);
      }
    }
    return rest;
  }

  private static String ids(NemesisContext ctx, List<Integer> nodes) {
    return nodes.stream().map(ctx.cluster()::id).toList().toString();
  }
}
