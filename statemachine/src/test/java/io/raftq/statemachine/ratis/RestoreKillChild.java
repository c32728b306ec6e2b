package io.raftq.statemachine.ratis;

import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import java.nio.file.Path;

/**
 * A child JVM for {@link SnapshotInstallKillTest}: opens a replica whose live database is behind its newest
 * checkpoint (so it restores) and halts the JVM, as {@code kill -9} would, right after the named restore step.
 * Arguments: state root, state-machine (sm/) directory, step name.
 */
public final class RestoreKillChild {
  static final int KILLED_EXIT_CODE = 99;

  private RestoreKillChild() {}

  public static void main(String[] args) throws Exception {
    LiveDatabase.Step step = LiveDatabase.Step.valueOf(args[2]);
    LiveDatabase.setHookForTests(s -> {
      if (s == step) {
        Runtime.getRuntime().halt(KILLED_EXIT_CODE);
      }
    });
    RocksStateMachine sm = new RocksStateMachine(new PartitionReplicatedLogic(), Path.of(args[0]), () -> 0L);
    sm.openDetached(Path.of(args[1]));
    System.exit(0); // the restore finished without reaching the step: the parent reports it
  }
}
