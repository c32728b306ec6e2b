package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.LazyFs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A power loss: SIGKILL, then every write the node had not fsynced is forgotten (its data directory is on lazyfs),
 * as the page cache is when the machine dies; heal restarts it. One node ({@code lose-page-cache}), or every member
 * at once ({@code lose-page-cache-all}, a whole rack losing power): what was acknowledged had been fsynced in a
 * majority's Raft logs, so it must survive even then, and state kept without fsync (RocksDB runs without its WAL)
 * must be rebuilt from those logs.
 */
final class PageCacheNemesis extends NamedNemesis {
  private final boolean wholeCluster;

  private PageCacheNemesis(String name, boolean wholeCluster) {
    super(name, "disk");
    this.wholeCluster = wholeCluster;
  }

  static Nemesis oneNode() {
    return new PageCacheNemesis("lose-page-cache", false);
  }

  static Nemesis wholeCluster() {
    return new PageCacheNemesis("lose-page-cache-all", true);
  }

  @Override
  public boolean needsLazyDataDirs() {
    return true;
  }

  @Override
  public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
    List<Integer> targets = new ArrayList<>();
    if (wholeCluster) {
      for (int n = 0; n < ctx.cluster().size(); n++) {
        if (ctx.cluster().isMember(n)) {
          targets.add(n);
        }
      }
    } else {
      targets.add(ctx.randomNode(random));
    }
    for (int n : targets) {
      ctx.cluster().kill9(n);
    }
    List<String> lost = new ArrayList<>();
    for (int n : targets) {
      LazyFs.Unsynced u = ctx.cluster().loseUnsyncedWrites(n);
      lost.add(ctx.cluster().id(n) + " " + u.bytes() + " bytes in " + u.files() + " files");
    }
    return new Fault(targets, "SIGKILL and drop unsynced writes: " + String.join(", ", lost));
  }

  @Override
  public void heal(NemesisContext ctx, Fault fault) throws Exception {
    for (int n : fault.targets()) {
      ctx.cluster().start(n);
    }
    for (int n : fault.targets()) {
      ctx.restart(n);
    }
  }
}
