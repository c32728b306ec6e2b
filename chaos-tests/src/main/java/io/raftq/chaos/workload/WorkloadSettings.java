package io.raftq.chaos.workload;

import java.time.Duration;

/**
 * The queue workload's shape (CHAOS-PLAN W1 + W4): unique payloads, some keyed, some with explicit producer message
 * ids that are deliberately resent; consumers ack most deliveries, nack some and abandon some to the visibility
 * timeout.
 */
public record WorkloadSettings(
    String queue,
    int partitions,
    String group,
    int producers,
    int consumers,
    int sendsPerSecondPerProducer,
    Duration visibility,
    double explicitIdShare,
    double resendShare,
    double nackShare,
    double abandonShare) {

  /** The standard mix for 3 nodes on 2 cores: about 400 client ops/s. */
  public static WorkloadSettings standard() {
    return new WorkloadSettings("chaos", 4, "g", 4, 4, 40, Duration.ofSeconds(5), 0.3, 0.05, 0.1, 0.1);
  }
}
