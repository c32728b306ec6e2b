package io.raftq.statemachine.partition;

import java.util.List;

/** Result of {@link Ack}, {@link Nack} and {@link ChangeVisibility}: one outcome per receipt, in order. */
public record Settled(List<SettleOutcome> outcomes) implements PartitionResult {
  public Settled {
    outcomes = List.copyOf(outcomes);
  }
}
