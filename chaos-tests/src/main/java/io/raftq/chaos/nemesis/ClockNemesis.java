package io.raftq.chaos.nemesis;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Jumps one node's clock (a partition leader's, so that it stamps log entries with it) by ±0.5 s to ±300 s through
 * the node's clock-offset file; heal sets it back. Lease deadlines may move, but the state machine's time must stay
 * monotonic and replicas must not diverge.
 */
final class ClockNemesis extends NamedNemesis {
  ClockNemesis() {
    super("clock-jump", "clock");
  }

  @Override
  public Fault inject(NemesisContext ctx, SplittableRandom random) throws Exception {
    java.util.OptionalInt leader = ctx.leader(random);
    if (leader.isEmpty()) {
      return Fault.noop(NemesisContext.NO_LEADER);
    }
    int n = leader.getAsInt();
    long magnitude = 500 + random.nextLong(299_500);
    long offset = random.nextBoolean() ? magnitude : -magnitude;
    ctx.cluster().setClockOffset(n, offset);
    return new Fault(List.of(n), ctx.cluster().id(n) + " clock " + (offset > 0 ? "+" : "") + offset + " ms");
  }

  @Override
  public void heal(NemesisContext ctx, Fault fault) throws Exception {
    ctx.cluster().setClockOffset(fault.targets().get(0), 0);
  }
}
