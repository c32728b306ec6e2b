package io.raftq.chaos.run;

/**
 * Whether a scenario may run here: one whose faults need network namespaces (root, iproute2, iptables) cannot
 * inject them without, and a run that cannot inject its faults tests nothing. It fails, so that a green build
 * never hides skipped fault tests, unless the environment variable {@value #ALLOW_SKIP} is {@code 1} (a developer
 * machine without root), which skips it with the reason. CI runs as root and never sets it.
 */
public enum FaultAvailability {
  RUN,
  SKIP,
  FAIL;

  public static final String ALLOW_SKIP = "CHAOS_ALLOW_SKIP";

  /** The decision for a scenario that {@code needsNetwork}, given the lab and {@code allowSkip} (the variable). */
  public static FaultAvailability decide(boolean needsNetwork, boolean labAvailable, String allowSkip) {
    if (!needsNetwork || labAvailable) {
      return RUN;
    }
    return "1".equals(allowSkip == null ? null : allowSkip.trim()) ? SKIP : FAIL;
  }
}
